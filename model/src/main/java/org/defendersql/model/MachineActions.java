package org.defendersql.model;

import static org.defendersql.model.EdmType.DATE_TIME_OFFSET;
import static org.defendersql.model.EdmType.GUID;
import static org.defendersql.model.EdmType.INT32;
import static org.defendersql.model.EdmType.STRING;

import java.util.List;

/**
 * The {@code machine_actions} table: {@code GET /api/machineactions} and one action by its GUID,
 * {@code GET /api/machineactions/{id}}. A key that is not a GUID is a 400 for the service, so it is never sent:
 * it matches no row. The EDMX's {@code commands} and {@code troubleshootInfo} (live-response and troubleshooting
 * details) are not columns.
 */
final class MachineActions {
  private MachineActions() {
  }

  /** An {@code Edm.Guid} as the service accepts it in a path. */
  static final String GUID_PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

  /** The EDMX's {@code actionType}. */
  static final List<String> ACTION_TYPE = List.of("Unknown", "RequestSample", "Block", "RunAntiVirusScan",
      "Offboard", "RegenerateId", "CollectInvestigationPackage", "Isolate", "Unisolate", "StopAndQuarantineFile",
      "RestrictCodeExecution", "UnrestrictCodeExecution", "LiveResponse", "Troubleshoot", "LogsCollection",
      "TokenRefresh", "EndpointConfigManagementCheckin", "EnableActiveDirectoryUser", "DisableActiveDirectoryUser",
      "ResetPasswordActiveDirectoryUser", "ImmuneActiveDirectoryCustomPlaybook");
  /** The EDMX's {@code actionStatus}. */
  static final List<String> ACTION_STATUS =
      List.of("Pending", "Cancelled", "TimeOut", "Failed", "InProgress", "Succeeded");
  /** The EDMX's {@code KnownRequestSource}, shared with indicators' {@code createdBySource}. */
  static final List<String> REQUEST_SOURCE = List.of("Unspecified", "PublicApi", "Portal", "MCAS", "TVM",
      "CustomDetection", "BulkAction", "ISG", "NDR", "EndpointConfigManagement", "IncidentTasks", "MDI",
      "ActiveScan");

  static final Entity ENTITY = Entity.builder("machine_actions")
      .entitySet("MachineActions")
      .path("/api/machineactions")
      .key("id")
      .primaryKey("id")
      .readRoles("Machine.Read.All", "Machine.ReadWrite.All")
      .estimatedRows(5_000)
      .columns(List.of(
          Column.of("id", GUID).notNull().filterable()
              .described("Id of the action: a GUID."),
          Column.ofEnum("type", ACTION_TYPE).notNull().filterable()
              .described("Type of the action, e.g. Isolate or RunAntiVirusScan."),
          Column.of("title", STRING)
              .described("Title of the action."),
          Column.of("scope", STRING)
              .described("Scope of the action: Full, Selective or Quick for isolations and scans, else null."),
          Column.of("requestor", STRING).filterable()
              .described("Who asked for the action: a user's UPN or an application's id."),
          Column.of("requestorComment", STRING)
              .described("Comment the requestor gave."),
          Column.ofEnum("requestSource", REQUEST_SOURCE).notNull()
              .described("Where the action was requested from, e.g. Portal or PublicApi."),
          Column.ofEnum("status", ACTION_STATUS).notNull().filterable()
              .described("Current status of the action."),
          Column.of("machineId", STRING).filterable().references("machines", "id")
              .described("Id of the device the action runs on."),
          Column.of("computerDnsName", STRING)
              .described("DNS name of the device the action runs on."),
          Column.of("creationDateTimeUtc", DATE_TIME_OFFSET).notNull().filterable()
              .described("Time the action was requested (UTC)."),
          Column.of("lastUpdateDateTimeUtc", DATE_TIME_OFFSET).notNull()
              .described("Time the action's status last changed (UTC)."),
          Column.of("cancellationRequestor", STRING)
              .described("Who cancelled the action, if anyone."),
          Column.of("cancellationComment", STRING)
              .described("Comment given when the action was cancelled."),
          Column.of("cancellationDateTimeUtc", DATE_TIME_OFFSET)
              .described("Time the action was cancelled (UTC)."),
          Column.of("errorHResult", INT32).notNull()
              .described("HRESULT of a failed action; 0 when none."),
          Column.of("externalId", STRING)
              .described("Id the requesting system gave the action, if any."),
          Column.nested("relatedFileInfo", "fileIdentifier", STRING)
              .described("Hash of the file the action is about (file actions only)."),
          Column.nested("relatedFileInfo", "fileIdentifierType", EdmType.ENUM)
              .withMembers(List.of("Sha1", "Sha256", "Md5"))
              .described("Kind of hash in related_file_info_file_identifier.")))
      .lookup(new Lookup("/api/machineactions/{key}", "id", true, GUID_PATTERN))
      .description("A response action on a device (isolation, antivirus scan, investigation package, ...), with its"
          + " status; by `id` (a GUID) one request each.")
      .noSuccessor("Microsoft Graph has no machine-actions API; the Defender portal's Action center lists them")
      .build();
}
