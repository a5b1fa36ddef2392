package org.defendersql.model;

import static org.defendersql.model.EdmType.DATE_TIME_OFFSET;
import static org.defendersql.model.EdmType.INT64;
import static org.defendersql.model.EdmType.STRING;
import static org.defendersql.model.EdmType.STRING_COLLECTION;

import java.util.List;

/**
 * The {@code alerts} table: {@code GET /api/alerts}. Every property of the EDMX {@code Alert} type plus those
 * real responses add; filterable as listed in the API reference.
 */
final class Alerts {
  private Alerts() {
  }

  /** The properties of an alert, shared with the tables of alerts related to a user, a file, an IP, a domain. */
  static final List<Column> COLUMNS = List.of(
      Column.of("id", STRING).notNull().filterable(),
      Column.of("incidentId", INT64).filterable(),
      Column.of("investigationId", INT64).filterable(),
      Column.of("assignedTo", STRING).filterable(),
      Column.ofEnum("severity", DefenderEnums.ALERT_SEVERITY).notNull().filterable(),
      Column.ofEnum("status", DefenderEnums.ALERT_STATUS).notNull().filterable(),
      Column.ofEnum("classification", DefenderEnums.ALERT_CLASSIFICATION),
      Column.ofEnum("determination", DefenderEnums.ALERT_DETERMINATION),
      Column.ofEnum("investigationState", DefenderEnums.INVESTIGATION_STATE),
      Column.ofEnum("detectionSource", DefenderEnums.DETECTION_SOURCE).filterable(),
      Column.of("detectorId", STRING),
      Column.of("category", STRING).filterable(),
      Column.of("threatFamilyName", STRING),
      Column.of("threatName", STRING),
      Column.of("title", STRING),
      Column.of("description", STRING),
      Column.of("alertCreationTime", DATE_TIME_OFFSET).filterable(),
      Column.of("firstEventTime", DATE_TIME_OFFSET),
      Column.of("lastEventTime", DATE_TIME_OFFSET).filterable(),
      Column.of("lastUpdateTime", DATE_TIME_OFFSET).filterable(),
      Column.of("resolvedTime", DATE_TIME_OFFSET),
      Column.of("machineId", STRING),
      Column.of("computerDnsName", STRING),
      Column.of("rbacGroupName", STRING),
      Column.of("aadTenantId", STRING),
      Column.nested("relatedUser", "userName", STRING),
      Column.nested("relatedUser", "domainName", STRING),
      Column.of("mitreTechniques", STRING_COLLECTION),
      Column.complexCollection("loggedOnUsers", ComplexTypes.LOGGED_ON_USER),
      Column.complexCollection("comments", ComplexTypes.ALERT_COMMENT),
      Column.complexCollection("evidence", ComplexTypes.ALERT_EVIDENCE),
      Column.complexCollection("domains", ComplexTypes.DOMAIN));

  static final Entity ENTITY = new Entity("alerts", "Alerts", "/api/alerts", "id",
      List.of("Alert.Read.All", "Alert.ReadWrite.All"), "evidence", 20_000, COLUMNS,
      List.of(new Lookup("/api/alerts/{key}", "id", true, "[A-Za-z0-9_-]{1,100}"),
          new Lookup("/api/machines/{key}/alerts", "machine_id", false, "[0-9a-fA-F]{40}")),
      null, null, "An alert of Defender for Endpoint.");
}
