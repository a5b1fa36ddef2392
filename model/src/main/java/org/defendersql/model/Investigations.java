package org.defendersql.model;

import static org.defendersql.model.EdmType.DATE_TIME_OFFSET;
import static org.defendersql.model.EdmType.STRING;

import java.util.List;

/**
 * The {@code investigations} table: automated investigations, {@code GET /api/investigations} and one by its id
 * (a number as a string), {@code GET /api/investigations/{id}}; read with the alerts' permission.
 */
final class Investigations {
  private Investigations() {
  }

  static final Entity ENTITY = Entity.builder("investigations")
      .entitySet("Investigations")
      .path("/api/investigations")
      .key("id")
      .primaryKey("id")
      .readRoles("Alert.Read.All", "Alert.ReadWrite.All")
      .estimatedRows(2_000)
      .columns(List.of(
          Column.of("id", STRING).notNull().filterable()
              .described("Id of the investigation: a number, as a string."),
          Column.of("startTime", DATE_TIME_OFFSET).filterable()
              .described("Time the investigation started (UTC)."),
          Column.of("endTime", DATE_TIME_OFFSET)
              .described("Time the investigation ended (UTC); null while it runs."),
          Column.ofEnum("state", DefenderEnums.INVESTIGATION_STATE).notNull().filterable()
              .described("State of the investigation."),
          Column.of("cancelledBy", STRING)
              .described("Who cancelled the investigation, if anyone."),
          Column.of("statusDetails", STRING)
              .described("Details of the state."),
          Column.of("machineId", STRING).filterable().references("machines", "id")
              .described("Id of the device investigated."),
          Column.of("computerDnsName", STRING)
              .described("DNS name of the device investigated."),
          Column.of("triggeringAlertId", STRING).filterable().references("alerts", "id")
              .described("Id of the alert that started the investigation.")))
      .lookup(new Lookup("/api/investigations/{key}", "id", true, "[0-9]{1,19}"))
      .description("An automated investigation of an alert on a device, with its state.")
      .noSuccessor("Microsoft Graph has no automated-investigations API; the Defender portal lists them")
      .build();
}
