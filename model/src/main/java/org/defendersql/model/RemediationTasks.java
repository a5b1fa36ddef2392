package org.defendersql.model;

import static org.defendersql.model.EdmType.DATE_TIME_OFFSET;
import static org.defendersql.model.EdmType.INT64;
import static org.defendersql.model.EdmType.STRING;
import static org.defendersql.model.EdmType.STRING_COLLECTION;

import java.util.List;

/**
 * The {@code remediation_tasks} table: {@code GET /api/remediationTasks}, the remediation activities created in
 * Defender Vulnerability Management, filterable on creation time and status (the API reference's properties).
 */
final class RemediationTasks {
  private RemediationTasks() {
  }

  static final Entity ENTITY = Entity.builder("remediation_tasks")
      .entitySet("RemediationTasks")
      .path("/api/remediationTasks")
      .key("id")
      .primaryKey("id")
      .readRoles("RemediationTasks.Read.All")
      .estimatedRows(100)
      .columns(List.of(
          Column.of("id", STRING).notNull()
              .described("Id of the remediation activity (a GUID)."),
          Column.of("title", STRING)
              .described("Title, e.g. Update Google Chrome."),
          Column.of("createdOn", DATE_TIME_OFFSET).filterable()
              .described("Time the activity was created (UTC)."),
          Column.of("requesterId", STRING)
              .described("Object id of the person who created it."),
          Column.of("requesterEmail", STRING)
              .described("E-mail address of the person who created it."),
          Column.of("status", STRING).filterable()
              .described("Status: Active or Completed."),
          Column.of("statusLastModifiedOn", DATE_TIME_OFFSET)
              .described("Time the status last changed (UTC)."),
          Column.of("description", STRING)
              .described("Description of the activity."),
          Column.of("relatedComponent", STRING)
              .described("Software or configuration component it is about."),
          Column.of("targetDevices", INT64)
              .described("Number of exposed devices it applies to."),
          Column.of("rbacGroupNames", STRING_COLLECTION)
              .described("Device groups it applies to."),
          Column.of("fixedDevices", INT64)
              .described("Number of those devices fixed so far."),
          Column.of("requesterNotes", STRING)
              .described("Notes of the person who created it."),
          Column.of("dueOn", DATE_TIME_OFFSET)
              .described("Due date set by its creator (UTC)."),
          Column.of("category", STRING)
              .described("Category: Software or SecurityConfiguration."),
          Column.of("productivityImpactRemediationType", STRING)
              .described("Which devices it targets: AllExposedAssets or AssetsWithoutProductivityImpact."),
          Column.of("priority", STRING)
              .described("Priority set by its creator: High, Medium or Low."),
          Column.of("completionMethod", STRING)
              .described("How it was completed: Automatic (every device patched) or Manual."),
          Column.of("completerId", STRING)
              .described("Object id of the person who marked it completed."),
          Column.of("completerEmail", STRING)
              .described("E-mail address of the person who marked it completed."),
          Column.of("scid", STRING)
              .described("Id of the security configuration recommendation, for configuration changes."),
          Column.of("type", STRING)
              .described("Remediation type: Update, Upgrade, Uninstall or ConfigurationChange."),
          Column.of("productId", STRING).references("software", "id")
              .described("Id of the product it is about (vendor-_-name)."),
          Column.of("vendorId", STRING)
              .described("Vendor of the product."),
          Column.of("nameId", STRING)
              .described("Name of the product."),
          Column.of("recommendedVersion", STRING)
              .described("Version to update to."),
          Column.of("recommendedVendor", STRING)
              .described("Vendor to move to, for an upgrade to another product."),
          Column.of("recommendedProgram", STRING)
              .described("Program to move to, for an upgrade to another product.")))
      .lookup(new Lookup("/api/remediationTasks/{key}", "id", true, "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}"
          + "-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"))
      .description("A remediation activity of Defender Vulnerability Management: a request to update or configure"
          + " exposed devices, its due date and progress.")
      .noSuccessor("Microsoft Graph has no remediation activities API")
      .build();
}
