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
      Column.of("id", STRING).notNull().filterable()
          .described("Alert id, e.g. da637472900382838869_1364969609."),
      Column.of("incidentId", INT64).filterable()
          .described("Id of the incident the alert belongs to."),
      Column.of("investigationId", INT64).filterable()
          .described("Id of the automated investigation related to the alert."),
      Column.of("assignedTo", STRING).filterable()
          .described("Owner of the alert: free text such as a user's UPN, Automation or API Action."),
      Column.ofEnum("severity", DefenderEnums.ALERT_SEVERITY).notNull().filterable()
          .described("Severity of the alert."),
      Column.ofEnum("status", DefenderEnums.ALERT_STATUS).notNull().filterable()
          .described("Current status of the alert."),
      Column.ofEnum("classification", DefenderEnums.ALERT_CLASSIFICATION)
          .described("Classification of the alert (true or false positive, expected activity)."),
      Column.ofEnum("determination", DefenderEnums.ALERT_DETERMINATION)
          .described("Determination of the alert: what the activity was found to be."),
      Column.ofEnum("investigationState", DefenderEnums.INVESTIGATION_STATE)
          .described("Current state of the automated investigation."),
      Column.ofEnum("detectionSource", DefenderEnums.DETECTION_SOURCE).filterable()
          .described("Product or source that detected the alert, e.g. WindowsDefenderAtp or CustomDetection."),
      Column.of("detectorId", STRING)
          .described("Id (a GUID) of the detector that raised the alert."),
      Column.of("category", STRING).filterable()
          .described("Category of the alert, e.g. Execution, Malware, DefenseEvasion."),
      Column.of("threatFamilyName", STRING)
          .described("Threat family of the detected threat."),
      Column.of("threatName", STRING)
          .described("Name of the detected threat."),
      Column.of("title", STRING)
          .described("Title of the alert."),
      Column.of("description", STRING)
          .described("Description of the alert."),
      Column.of("alertCreationTime", DATE_TIME_OFFSET).filterable()
          .described("Time the alert was created (UTC)."),
      Column.of("firstEventTime", DATE_TIME_OFFSET)
          .described("Time of the first event that triggered the alert on the device (UTC)."),
      Column.of("lastEventTime", DATE_TIME_OFFSET).filterable()
          .described("Time of the last event that triggered the alert on the device (UTC)."),
      Column.of("lastUpdateTime", DATE_TIME_OFFSET).filterable()
          .described("Time the alert was last updated (UTC)."),
      Column.of("resolvedTime", DATE_TIME_OFFSET)
          .described("Time the alert's status changed to Resolved (UTC)."),
      Column.of("machineId", STRING).references("machines", "id")
          .described("Id (40 hex digits) of the device the alert is about."),
      Column.of("computerDnsName", STRING)
          .described("DNS name of the device the alert is about."),
      Column.of("rbacGroupName", STRING)
          .described("Device group of the device the alert is about."),
      Column.of("aadTenantId", STRING)
          .described("Microsoft Entra (Azure AD) tenant id (a GUID)."),
      Column.nested("relatedUser", "userName", STRING)
          .described("Account name of the user the alert relates to."),
      Column.nested("relatedUser", "domainName", STRING)
          .described("Domain of the user the alert relates to."),
      Column.of("mitreTechniques", STRING_COLLECTION)
          .described("MITRE ATT&CK technique ids, e.g. T1064."),
      Column.complexCollection("loggedOnUsers", ComplexTypes.LOGGED_ON_USER)
          .described("Users logged on to the device, as a JSON array of {accountName, domainName}."),
      Column.complexCollection("comments", ComplexTypes.ALERT_COMMENT)
          .described("Comments on the alert, as a JSON array of {comment, createdBy, createdTime}."),
      Column.complexCollection("evidence", ComplexTypes.ALERT_EVIDENCE)
          .described("Evidence of the alert as a JSON array (one row each in alert_evidence)."),
      Column.complexCollection("domains", ComplexTypes.DOMAIN)
          .described("Domains related to the alert, as a JSON array of {host}."));

  static final Entity ENTITY = Entity.builder("alerts")
      .entitySet("Alerts")
      .path("/api/alerts")
      .key("id")
      .primaryKey("id")
      .readRoles("Alert.Read.All", "Alert.ReadWrite.All")
      .expand("evidence")
      .estimatedRows(20_000)
      .columns(COLUMNS)
      .lookup(new Lookup("/api/alerts/{key}", "id", true, "[A-Za-z0-9_-]{1,100}"))
      .lookup(new Lookup("/api/machines/{key}/alerts", "machine_id", false, "[0-9a-fA-F]{40}"))
      .description("An alert of Defender for Endpoint.")
      .successor("graph_alerts")
      .build();
}
