package org.defendersql.emulator.graph;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.defendersql.emulator.data.EntityTable;
import org.defendersql.emulator.data.RowShape;
import org.defendersql.model.Column;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;
import org.defendersql.model.GraphEnums;

/**
 * Graph's {@code incidents} as a table, in id order: incident {@code k} is one {@code incidentId} of the MDE alerts,
 * summarised from its alerts as Graph alerts. Its severity is the highest of theirs; it is created with the
 * earliest and last updated with the latest; it is {@code resolved} when every alert is, {@code inProgress} when
 * one is, else {@code active}; its classification, determination and owner are those of its last updated alert
 * that has them; its comments are all its alerts', oldest first; {@code alerts} (filled when expanded) are its
 * alerts in Graph's shape.
 */
final class GraphIncidentTable implements EntityTable {
  private static final RowShape SHAPE = new RowShape(DefenderModel.GRAPH_INCIDENTS);
  private static final List<Column> ALERT_COLUMNS = DefenderModel.GRAPH_ALERTS.columns();
  private final GraphAlertTable alerts;
  private final IncidentIndex index;

  GraphIncidentTable(GraphAlertTable alerts, IncidentIndex index) {
    this.alerts = alerts;
    this.index = index;
  }

  @Override
  public Entity entity() {
    return DefenderModel.GRAPH_INCIDENTS;
  }

  @Override
  public long size() {
    return index.size();
  }

  @Override
  public Object[] row(long position, boolean expanded) {
    final int k = (int) position;
    final List<Object[]> graph = new ArrayList<>();
    boolean onDevice = false;
    for (int p : index.alerts(k)) {
      final Object[] mde = alerts.mdeRow(p, expanded);
      graph.add(alerts.map(mde, expanded));
      onDevice |= mde[MachineColumn.INDEX] != null;
    }
    return incident(index.id(k), graph, onDevice, expanded);
  }

  @Override
  public long find(String key) {
    if (!key.matches("[0-9]{1,18}")) {
      return -1;
    }
    return index.find(Long.parseLong(key));
  }

  private static Object[] incident(long id, List<Object[]> alerts, boolean onDevice, boolean expanded) {
    final Object[] row = SHAPE.newRow();
    final String tenant = (String) value(alerts.get(0), "tenantId");
    final List<Object[]> byUpdate = new ArrayList<>(alerts);
    byUpdate.sort(Comparator.comparing(a -> (Instant) value(a, "lastUpdateDateTime")));
    set(row, "id", Long.toString(id));
    set(row, "tenantId", tenant);
    set(row, "displayName", displayName(alerts, onDevice));
    set(row, "incidentWebUrl", GraphAlertMapper.PORTAL + "/incidents/" + id + "?tid=" + tenant);
    set(row, "status", status(alerts));
    String severity = "unknown";
    for (Object[] a : alerts) {
      final String s = (String) value(a, "severity");
      if (GraphEnums.ALERT_SEVERITY.indexOf(s) > GraphEnums.ALERT_SEVERITY.indexOf(severity)) {
        severity = s;
      }
    }
    set(row, "severity", severity);
    set(row, "classification", "unknown");
    set(row, "determination", "unknown");
    for (Object[] a : byUpdate) {
      if (!"unknown".equals(value(a, "classification"))) {
        set(row, "classification", value(a, "classification"));
        set(row, "determination", value(a, "determination"));
      }
      if (value(a, "assignedTo") != null) {
        set(row, "assignedTo", value(a, "assignedTo"));
      }
    }
    set(row, "createdDateTime", alerts.stream().map(a -> (Instant) value(a, "createdDateTime"))
        .min(Comparator.naturalOrder()).orElseThrow());
    set(row, "lastUpdateDateTime", value(byUpdate.get(byUpdate.size() - 1), "lastUpdateDateTime"));
    final boolean testing = alerts.stream().anyMatch(a -> "securityTesting".equals(value(a, "determination")));
    set(row, "customTags", testing ? List.of("PenTest") : List.of());
    final Set<String> systemTags = new LinkedHashSet<>();
    final List<Map<?, ?>> comments = new ArrayList<>();
    for (Object[] a : alerts) {
      ((List<?>) value(a, "systemTags")).forEach(t -> systemTags.add((String) t));
      ((List<?>) value(a, "comments")).forEach(c -> comments.add((Map<?, ?>) c));
    }
    comments.sort(Comparator.comparing(c -> (Instant) c.get("createdDateTime")));
    set(row, "systemTags", List.copyOf(systemTags));
    set(row, "comments", List.copyOf(comments));
    if (expanded) {
      final List<Map<String, Object>> expandedAlerts = new ArrayList<>();
      for (Object[] a : alerts) {
        final Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < ALERT_COLUMNS.size(); i++) {
          m.put(ALERT_COLUMNS.get(i).jsonName(), a[i]);
        }
        expandedAlerts.add(java.util.Collections.unmodifiableMap(m));
      }
      set(row, "alerts", List.copyOf(expandedAlerts));
    }
    return row;
  }

  /** Defender's incident names: the alert's title, or the categories of a multi-stage incident. */
  private static String displayName(List<Object[]> alerts, boolean onDevice) {
    final String where = onDevice ? " on one endpoint" : "";
    if (alerts.size() == 1) {
      return value(alerts.get(0), "title") + where;
    }
    final Set<String> categories = new LinkedHashSet<>();
    alerts.forEach(a -> categories.add((String) value(a, "category")));
    return "Multi-stage incident involving " + String.join(" & ", categories) + where;
  }

  private static String status(List<Object[]> alerts) {
    if (alerts.stream().allMatch(a -> "resolved".equals(value(a, "status")))) {
      return "resolved";
    }
    return alerts.stream().anyMatch(a -> "inProgress".equals(value(a, "status"))) ? "inProgress" : "active";
  }

  private static Object value(Object[] graphAlert, String jsonName) {
    return GraphAlertMapper.value(graphAlert, jsonName);
  }

  private static void set(Object[] row, String jsonName, Object value) {
    row[SHAPE.index(jsonName)] = value;
  }

  /** Where the MDE alert row holds its device. */
  private static final class MachineColumn {
    static final int INDEX = new RowShape(DefenderModel.ALERTS).index("machineId");
  }
}
