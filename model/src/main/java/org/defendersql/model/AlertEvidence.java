package org.defendersql.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code alert_evidence} table: one row per evidence item of an alert, read from
 * {@code GET /api/alerts?$expand=evidence} (or {@code /api/alerts/{id}}), with the alert's id and creation time
 * so that queries can narrow the alerts read.
 */
final class AlertEvidence {
  private AlertEvidence() {
  }

  static final Entity ENTITY = Entity.builder("alert_evidence")
      .entitySet("Alerts")
      .path("/api/alerts")
      .key("alert_id")
      .readRoles(Alerts.ENTITY.readRoles())
      .expand("evidence")
      .estimatedRows(60_000)
      .columns(columns())
      .lookup(new Lookup("/api/alerts/{key}", "alert_id", true, "[A-Za-z0-9_-]{1,100}"))
      .parent(Alerts.ENTITY)
      .description("An evidence item (file, process, user, IP, URL, registry value...) of an alert.")
      .successor("graph_alert_evidence")
      .build();

  private static List<Column> columns() {
    final List<Column> columns = new ArrayList<>();
    columns.add(parent("id", "alert_id").references("alerts", "id")
        .described("Id of the alert the evidence belongs to."));
    columns.add(parent("alertCreationTime", "alert_creation_time")
        .described("Time the alert the evidence belongs to was created (UTC)."));
    columns.addAll(ComplexTypes.ALERT_EVIDENCE.fields());
    return columns;
  }

  /** A property of the alert the evidence belongs to, filterable as the alert's own. */
  private static Column parent(String jsonName, String sqlName) {
    return Alerts.ENTITY.property(jsonName).orElseThrow().named(sqlName).from(Origin.PARENT);
  }
}
