package org.defendersql.model;

import static org.defendersql.model.EdmType.DATE_TIME_OFFSET;
import static org.defendersql.model.EdmType.STRING;
import static org.defendersql.model.EdmType.STRING_COLLECTION;

import java.util.EnumSet;
import java.util.List;

/**
 * The {@code graph_incidents} table: {@code GET /v1.0/security/incidents}, which the MDE API lacks. Filterable on
 * the seven properties Graph documents; its {@code alerts} are read through {@code $expand=alerts} only when a
 * query reads that column. Graph serves at most 50 incidents a page.
 */
final class GraphIncidents {
  private GraphIncidents() {
  }

  /** The collection endpoint. */
  static final String PATH = "/v1.0/security/incidents";

  /** The largest {@code $top}: Graph answers 400 "The limit of '50' for Top query has been exceeded" beyond it. */
  static final int MAX_TOP = 50;

  /** Graph's {@code alert} as an element of an incident's expanded {@code alerts}. */
  static final ComplexType ALERT = new ComplexType("alert", GraphAlerts.COLUMNS);

  static final Entity ENTITY = Entity.builder("graph_incidents")
      .entitySet("incidents")
      .path(PATH)
      .key("id")
      .primaryKey("id")
      .readRoles("SecurityIncident.Read.All", "SecurityIncident.ReadWrite.All")
      .api(Api.GRAPH, MAX_TOP, EnumSet.of(QueryOption.FILTER, QueryOption.TOP, QueryOption.SKIP,
          QueryOption.COUNT, QueryOption.EXPAND))
      .expand("alerts")
      .estimatedRows(5_000)
      .columns(List.of(
          Column.of("id", STRING).notNull()
              .described("Incident id."),
          Column.of("tenantId", STRING)
              .described("Microsoft Entra tenant the incident was created in."),
          Column.of("displayName", STRING)
              .described("Name of the incident."),
          Column.of("description", STRING)
              .described("Description of the incident."),
          Column.of("summary", STRING)
              .described("Summary of the incident's attack."),
          Column.of("incidentWebUrl", STRING)
              .described("Link to the incident in the Microsoft Defender portal."),
          Column.of("redirectIncidentId", STRING)
              .described("Id of the incident this one was merged into, when its status is redirected."),
          Column.ofEnum("status", GraphEnums.INCIDENT_STATUS).filterable()
              .described("Status of the incident: active, inProgress, resolved, redirected, awaitingAction."),
          Column.ofEnum("severity", GraphEnums.ALERT_SEVERITY).filterable()
              .described("Severity of the incident: informational, low, medium, high."),
          Column.ofEnum("classification", GraphEnums.ALERT_CLASSIFICATION).filterable()
              .described("Whether the incident is a true threat: truePositive, falsePositive, ..."),
          Column.ofEnum("determination", GraphEnums.ALERT_DETERMINATION).filterable()
              .described("What the activity was found to be: malware, phishing, multiStagedAttack, ..."),
          Column.of("assignedTo", STRING).filterable()
              .described("Owner of the incident, or null when nobody is assigned."),
          Column.of("createdDateTime", DATE_TIME_OFFSET).filterable()
              .described("Time the incident was created (UTC)."),
          Column.of("lastUpdateDateTime", DATE_TIME_OFFSET).filterable()
              .described("Time the incident was last updated (UTC)."),
          Column.of("customTags", STRING_COLLECTION)
              .described("Tags analysts gave the incident."),
          Column.of("systemTags", STRING_COLLECTION)
              .described("System tags of the incident, e.g. Defender Experts."),
          Column.complexCollection("comments", ComplexTypes.GRAPH_ALERT_COMMENT)
              .described("Comments on the incident, as a JSON array of {comment, createdByDisplayName,"
                  + " createdDateTime}."),
          Column.complexCollection("alerts", ALERT)
              .described("The incident's alerts as a JSON array, read with $expand=alerts only when queried.")))
      .lookup(new Lookup(PATH + "/{key}", "id", true, "[0-9]{1,19}"))
      .description("An incident of Microsoft Defender XDR (correlated alerts), read from Microsoft Graph.")
      .build();
}
