package org.defendersql.model;

import static org.defendersql.model.EdmType.DATE_TIME_OFFSET;
import static org.defendersql.model.EdmType.STRING;
import static org.defendersql.model.EdmType.STRING_COLLECTION;

import java.util.EnumSet;
import java.util.List;

/**
 * The {@code graph_alerts} table: {@code GET /v1.0/security/alerts_v2}, the Graph successor of {@code alerts}.
 * Every property of {@code microsoft.graph.security.alert}; filterable on the eight properties Graph documents.
 * The endpoint takes {@code $filter}, {@code $top}, {@code $skip} and {@code $count} only: no {@code $select},
 * {@code $orderby} or {@code $expand} (evidence is always inline).
 */
final class GraphAlerts {
  private GraphAlerts() {
  }

  /** The collection endpoint. */
  static final String PATH = "/v1.0/security/alerts_v2";

  /**
   * The largest {@code $top} of Graph's security alerts: 1,000 ("Constraints" in Graph's security API error
   * responses). The service clamps a larger {@code $top} to it, and a LIMIT sent as a clamped {@code $top} could
   * come back short; the emulator refuses one instead, so that sending it is caught.
   */
  static final int MAX_TOP = 1_000;

  /**
   * The largest {@code $skip} of Graph's security alerts: 500 (same source: {@code $top=10&$skip=501} is a 400).
   * A larger OFFSET stays in Calcite; paging follows {@code @odata.nextLink}, which the cap does not touch.
   */
  static final int MAX_SKIP = 500;

  /** The properties of a Graph alert, shared with the alerts an incident expands. */
  static final List<Column> COLUMNS = List.of(
      Column.of("id", STRING).notNull()
          .described("Alert id; for Defender for Endpoint alerts the same id as in the MDE API's alerts."),
      Column.of("providerAlertId", STRING)
          .described("Id of the alert in the product that raised it."),
      Column.of("incidentId", STRING).references("graph_incidents", "id")
          .described("Id of the incident the alert belongs to."),
      Column.ofEnum("status", GraphEnums.ALERT_STATUS).filterable()
          .described("Status of the alert: new, inProgress, resolved."),
      Column.ofEnum("severity", GraphEnums.ALERT_SEVERITY).filterable()
          .described("Severity of the alert: informational, low, medium, high."),
      Column.ofEnum("classification", GraphEnums.ALERT_CLASSIFICATION).filterable()
          .described("Whether the alert is a true threat: truePositive, falsePositive, ..."),
      Column.ofEnum("determination", GraphEnums.ALERT_DETERMINATION).filterable()
          .described("What the activity was found to be: malware, phishing, securityTesting, ..."),
      Column.ofEnum("serviceSource", GraphEnums.SERVICE_SOURCE).filterable()
          .described("Product that created the alert, e.g. microsoftDefenderForEndpoint."),
      Column.ofEnum("detectionSource", GraphEnums.DETECTION_SOURCE)
          .described("Detection technology that found the activity, e.g. antivirus or customDetection."),
      Column.of("detectorId", STRING)
          .described("Id of the detector that raised the alert."),
      Column.of("tenantId", STRING)
          .described("Microsoft Entra tenant the alert was created in."),
      Column.of("title", STRING)
          .described("Title of the alert."),
      Column.of("description", STRING)
          .described("Description of the alert."),
      Column.of("recommendedActions", STRING)
          .described("Recommended response and remediation actions."),
      Column.of("category", STRING)
          .described("Kill-chain category of the alert, e.g. Execution, DefenseEvasion."),
      Column.of("assignedTo", STRING).filterable()
          .described("Owner of the alert, or null when nobody is assigned."),
      Column.of("alertWebUrl", STRING)
          .described("Link to the alert in the Microsoft Defender portal."),
      Column.of("incidentWebUrl", STRING)
          .described("Link to the alert's incident in the Microsoft Defender portal."),
      Column.of("actorDisplayName", STRING)
          .described("Adversary or activity group associated with the alert."),
      Column.of("threatDisplayName", STRING)
          .described("Threat associated with the alert."),
      Column.of("threatFamilyName", STRING)
          .described("Threat family associated with the alert."),
      Column.of("mitreTechniques", STRING_COLLECTION)
          .described("MITRE ATT&CK technique ids, e.g. T1564.001."),
      Column.of("createdDateTime", DATE_TIME_OFFSET).filterable()
          .described("Time the alert was created (UTC)."),
      Column.of("lastUpdateDateTime", DATE_TIME_OFFSET).filterable()
          .described("Time the alert was last updated (UTC)."),
      Column.of("resolvedDateTime", DATE_TIME_OFFSET)
          .described("Time the alert was resolved (UTC)."),
      Column.of("firstActivityDateTime", DATE_TIME_OFFSET)
          .described("Time of the earliest activity of the alert (UTC)."),
      Column.of("lastActivityDateTime", DATE_TIME_OFFSET)
          .described("Time of the latest activity of the alert (UTC)."),
      Column.of("systemTags", STRING_COLLECTION)
          .described("System tags of the alert, e.g. Defender Experts."),
      Column.complexCollection("comments", ComplexTypes.GRAPH_ALERT_COMMENT)
          .described("Comments on the alert, as a JSON array of {comment, createdByDisplayName, createdDateTime}."),
      Column.complexCollection("evidence", GraphEvidenceType.TYPE)
          .described("Evidence of the alert as a JSON array (one row each in graph_alert_evidence)."));

  static final Entity ENTITY = Entity.builder("graph_alerts")
      .entitySet("alerts_v2")
      .path(PATH)
      .key("id")
      .primaryKey("id")
      .readRoles("SecurityAlert.Read.All", "SecurityAlert.ReadWrite.All")
      .api(Api.GRAPH, MAX_TOP, EnumSet.of(QueryOption.FILTER, QueryOption.TOP, QueryOption.SKIP, QueryOption.COUNT))
      .skipAtMost(MAX_SKIP)
      .estimatedRows(20_000)
      .columns(COLUMNS)
      .lookup(new Lookup(PATH + "/{key}", "id", true, "[A-Za-z0-9_-]{1,100}"))
      .description("An alert of Microsoft Defender XDR, read from Microsoft Graph (the successor of alerts).")
      .build();
}
