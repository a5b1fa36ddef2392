package org.defendersql.model;

import static org.defendersql.model.EdmType.BOOLEAN;
import static org.defendersql.model.EdmType.DATE_TIME_OFFSET;
import static org.defendersql.model.EdmType.INT32;
import static org.defendersql.model.EdmType.STRING;
import static org.defendersql.model.EdmType.STRING_COLLECTION;

import java.util.EnumSet;
import java.util.List;

/**
 * The {@code indicators} table: the tenant's custom indicators of compromise, {@code GET /api/indicators};
 * filterable as the API reference lists. The EDMX's {@code rbacGroupIds} (a collection of numbers) and
 * {@code certificateInfo} are not columns: {@code rbac_group_names} names the same groups.
 *
 * <p>Permission: the reference lists {@code Ti.ReadWrite.All} (every indicator) and {@code Ti.ReadWrite} (only
 * those the app created); the seed's connector asks for {@code Ti.Read.All}, which real tokens carry but no page of
 * the reference lists for this call. The table names {@code Ti.ReadWrite.All}, the one that shows every row.
 */
final class Indicators {
  private Indicators() {
  }

  static final Entity ENTITY = Entity.builder("indicators")
      .entitySet("Indicators")
      .path("/api/indicators")
      .key("id")
      .primaryKey("id")
      .readRoles("Ti.ReadWrite.All", "Ti.ReadWrite", "Ti.Read.All")
      .estimatedRows(500)
      .columns(List.of(
          Column.of("id", STRING).notNull()
              .described("Id of the indicator: a number, as a string."),
          Column.of("indicatorValue", STRING).filterable()
              .described("The indicator: a hash, an IP address, a domain, a URL or a certificate thumbprint."),
          Column.ofEnum("indicatorType", List.of("FileSha1", "FileSha256", "FileMd5", "IpAddress", "DomainName",
              "Url", "CertificateThumbprint", "ProcessMemorySimilarityHash", "WebCategory")).notNull().filterable()
              .described("Kind of indicator."),
          Column.ofEnum("action", List.of("Allowed", "Alert", "AlertAndBlock", "Warn", "Block", "Audit",
              "BlockAndRemediate")).notNull().filterable()
              .described("What Defender does when it sees the indicator."),
          Column.of("application", STRING).filterable()
              .described("Application the indicator is about, if any."),
          Column.of("title", STRING).filterable()
              .described("Title of the indicator."),
          Column.of("description", STRING)
              .described("Description of the indicator."),
          Column.of("recommendedActions", STRING)
              .described("Actions recommended when the indicator is seen."),
          Column.ofEnum("severity", List.of("Informational", "Low", "Medium", "High")).notNull().filterable()
              .described("Severity of the alerts the indicator raises."),
          Column.of("category", INT32)
              .described("Category of the indicator, as a number."),
          Column.of("createdBy", STRING).filterable()
              .described("Who created the indicator: an application's id or a user's UPN."),
          Column.of("createdByDisplayName", STRING).filterable()
              .described("Display name of who created the indicator."),
          Column.ofEnum("createdBySource", MachineActions.REQUEST_SOURCE).notNull()
              .described("Where the indicator was created, e.g. Portal or PublicApi."),
          Column.of("creationTimeDateTimeUtc", DATE_TIME_OFFSET).notNull().filterable()
              .described("Time the indicator was created (UTC)."),
          Column.of("expirationTime", DATE_TIME_OFFSET).filterable()
              .described("Time the indicator expires (UTC); null if never."),
          Column.of("lastUpdateTime", DATE_TIME_OFFSET).notNull()
              .described("Time the indicator was last changed (UTC)."),
          Column.of("lastUpdatedBy", STRING)
              .described("Who last changed the indicator."),
          Column.of("rbacGroupNames", STRING_COLLECTION).filterable(EnumSet.of(FilterOperator.ANY))
              .described("Device groups the indicator applies to; empty for every device."),
          Column.of("generateAlert", BOOLEAN).notNull().filterable()
              .described("Whether a match raises an alert."),
          Column.of("educateUrl", STRING)
              .described("URL shown to users for a Warn indicator."),
          Column.of("bypassDurationHours", INT32)
              .described("Hours a user may bypass a Warn indicator."),
          Column.of("notificationId", INT32)
              .described("Id of the end-user notification, if any."),
          Column.of("notificationBody", STRING)
              .described("Text of the end-user notification, if any."),
          Column.of("version", STRING)
              .described("Version of the indicator."),
          Column.of("mitreTechniques", STRING_COLLECTION)
              .described("MITRE ATT&CK technique ids of the indicator."),
          Column.of("historicalDetection", BOOLEAN).notNull()
              .described("Whether past events are searched for the indicator."),
          Column.of("lookBackPeriod", INT32)
              .described("Days of past events searched when historical_detection is set."),
          Column.of("additionalInfo", STRING)
              .described("Further information about the indicator."),
          Column.of("externalId", STRING)
              .described("Id the creating system gave the indicator, if any.")))
      .description("A custom indicator of compromise (file hash, IP address, domain, URL or certificate) and what"
          + " Defender does on a match. Permission `Ti.ReadWrite.All` shows every indicator; with `Ti.ReadWrite` the"
          + " API shows only those the app created.")
      .noSuccessor("Microsoft Graph has no Defender for Endpoint indicators API; the Defender portal lists them")
      .build();
}
