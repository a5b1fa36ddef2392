package org.defendersql.emulator.graph;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.defendersql.emulator.data.EntityTable;
import org.defendersql.emulator.data.HuntingFacts;
import org.defendersql.emulator.data.Tenant;
import org.defendersql.model.Column;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.EdmType;
import org.defendersql.model.Entity;
import org.defendersql.model.Origin;

/**
 * The emulated tenant's data as Microsoft Graph's security API serves it, for tests to compare against: rows of the
 * model's Graph tables, values in the table's column order, typed as the emulator's MDE rows are (strings, enum
 * members in Graph's camelCase, {@code Long}, {@code Instant}, {@code List<String>}), with these collections:
 * {@code comments} a list of maps ({@code comment}, {@code createdByDisplayName}, {@code createdDateTime});
 * {@code evidence} a list of maps as Graph writes each item ({@code @odata.type}, its type's properties only, nested
 * objects such as {@code fileDetails} or {@code userAccount} as maps); an incident's {@code alerts} a list of maps
 * keyed by the Graph alert's JSON names. {@code graph_alert_evidence} rows flatten one item each, null where the
 * item's type lacks a column (an empty list for a collection: collections are never null).
 */
public final class GraphData {
  private final GraphAlertTable alerts;
  private final GraphIncidentTable incidents;

  /** Graph's view of the tenant; {@code facts} supplies the directory's accounts. */
  public GraphData(Tenant tenant, HuntingFacts facts) {
    final GraphEvidenceMapper evidence = new GraphEvidenceMapper(new Directory(tenant, facts));
    final EntityTable mde = tenant.table(DefenderModel.ALERTS);
    this.alerts = new GraphAlertTable(mde, new GraphAlertMapper(evidence));
    this.incidents = new GraphIncidentTable(alerts, new IncidentIndex(mde));
  }

  /**
   * Every row of a Graph table in the order Graph lists them: alerts (with evidence) in the MDE API's order,
   * incidents (with their alerts) by id, every evidence item of every alert (with {@code alert_id} and
   * {@code alert_created_date_time}). Generated as the stream is consumed.
   */
  public Stream<Object[]> rows(Entity entity) {
    if (entity.equals(DefenderModel.GRAPH_ALERTS)) {
      return LongStream.range(0, alerts.size()).mapToObj(i -> alerts.row(i, true));
    }
    if (entity.equals(DefenderModel.GRAPH_INCIDENTS)) {
      return IntStream.range(0, (int) incidents.size()).mapToObj(k -> incidents.row(k, true));
    }
    if (entity.equals(DefenderModel.GRAPH_ALERT_EVIDENCE)) {
      return rows(DefenderModel.GRAPH_ALERTS).flatMap(GraphData::evidenceRows);
    }
    throw new IllegalArgumentException(entity.tableName() + " is not a table of Microsoft Graph");
  }

  /**
   * What a keyed Graph request answers, as rows: the alert of this id (with evidence), the incident of this id
   * (with its alerts), or the evidence items of the alert of this id. Empty for an unknown key.
   */
  public Stream<Object[]> lookup(Entity entity, String key) {
    if (entity.equals(DefenderModel.GRAPH_INCIDENTS)) {
      final long k = incidents.find(key);
      return k < 0 ? Stream.empty() : Stream.<Object[]>of(incidents.row(k, true));
    }
    final long i = alerts.find(key);
    if (entity.equals(DefenderModel.GRAPH_ALERTS)) {
      return i < 0 ? Stream.empty() : Stream.<Object[]>of(alerts.row(i, true));
    }
    if (entity.equals(DefenderModel.GRAPH_ALERT_EVIDENCE)) {
      return i < 0 ? Stream.empty() : evidenceRows(alerts.row(i, true));
    }
    throw new IllegalArgumentException(entity.tableName() + " is not a table of Microsoft Graph");
  }

  /** How many rows a Graph table has. */
  public long count(Entity entity) {
    if (entity.equals(DefenderModel.GRAPH_ALERTS)) {
      return alerts.size();
    }
    if (entity.equals(DefenderModel.GRAPH_INCIDENTS)) {
      return incidents.size();
    }
    try (Stream<Object[]> rows = rows(entity)) {
      return rows.count();
    }
  }

  /** The alerts as {@code /v1.0/security/alerts_v2} lists them. */
  EntityTable alerts() {
    return alerts;
  }

  /** The incidents as {@code /v1.0/security/incidents} lists them. */
  EntityTable incidents() {
    return incidents;
  }

  /** The table a Graph entity's endpoints serve. */
  EntityTable table(Entity entity) {
    if (entity.equals(DefenderModel.GRAPH_ALERTS)) {
      return alerts;
    }
    if (entity.equals(DefenderModel.GRAPH_INCIDENTS)) {
      return incidents;
    }
    throw new IllegalArgumentException("Graph serves no list of " + entity.tableName());
  }

  /** The {@code graph_alert_evidence} rows of a Graph alert row. */
  private static Stream<Object[]> evidenceRows(Object[] alert) {
    final Entity table = DefenderModel.GRAPH_ALERT_EVIDENCE;
    final Entity parent = table.parent();
    final List<?> items = (List<?>) alert[parent.indexOf(parent.property(table.expand()).orElseThrow())];
    return items.stream().map(o -> {
      final Map<?, ?> item = (Map<?, ?>) o;
      final Object[] row = new Object[table.columns().size()];
      for (int c = 0; c < row.length; c++) {
        final Column column = table.columns().get(c);
        if (column.origin() == Origin.PARENT) {
          row[c] = alert[parent.indexOf(parent.property(column.jsonName()).orElseThrow())];
        } else {
          final Object top = item.get(column.jsonName());
          row[c] = !column.isNested() ? top : top instanceof Map<?, ?> m ? m.get(column.leafName()) : null;
          if (row[c] == null && column.edmType() == EdmType.STRING_COLLECTION) {
            row[c] = List.of();
          }
        }
      }
      return row;
    });
  }
}
