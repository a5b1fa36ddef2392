package org.defendersql.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code graph_alert_evidence} table: one row per evidence item of a Graph alert, read from the alerts'
 * inline {@code evidence} (Graph has no {@code $expand} for it), with the columns of {@link GraphEvidenceType}.
 */
final class GraphEvidence {
  private GraphEvidence() {
  }

  static final Entity ENTITY = Entity.builder("graph_alert_evidence")
      .entitySet("alerts_v2")
      .path(GraphAlerts.PATH)
      .key("alert_id")
      .readRoles(GraphAlerts.ENTITY.readRoles())
      .api(Api.GRAPH, GraphAlerts.MAX_TOP, GraphAlerts.ENTITY.options())
      .skipAtMost(GraphAlerts.MAX_SKIP)
      .expand("evidence")
      .estimatedRows(60_000)
      .columns(columns())
      .lookup(new Lookup(GraphAlerts.PATH + "/{key}", "alert_id", true, "[A-Za-z0-9_-]{1,100}"))
      .parent(GraphAlerts.ENTITY)
      .description("An evidence item (device, file, process, user, mailbox, IP, URL, registry...) of a Graph alert.")
      .build();

  private static List<Column> columns() {
    final List<Column> columns = new ArrayList<>();
    columns.add(parent("id", "alert_id").references("graph_alerts", "id")
        .described("Id of the alert the evidence belongs to."));
    columns.add(parent("createdDateTime", "alert_created_date_time")
        .described("Time the alert the evidence belongs to was created (UTC)."));
    // The alert's title, severity and status, which Graph sends with every alert anyway (it takes no $select): a
    // search by evidence then needs no second read of the alerts.
    columns.add(parent("title", "alert_title")
        .described("Title of the alert the evidence belongs to."));
    columns.add(parent("severity", "alert_severity")
        .described("Severity of the alert the evidence belongs to: informational, low, medium, high."));
    columns.add(parent("status", "alert_status")
        .described("Status of the alert the evidence belongs to: new, inProgress, resolved."));
    columns.addAll(GraphEvidenceType.TYPE.fields());
    return columns;
  }

  /** A property of the alert the evidence belongs to, filterable as the alert's own. */
  private static Column parent(String jsonName, String sqlName) {
    return GraphAlerts.ENTITY.property(jsonName).orElseThrow().named(sqlName).from(Origin.PARENT);
  }
}
