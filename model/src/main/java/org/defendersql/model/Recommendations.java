package org.defendersql.model;

import static org.defendersql.model.EdmType.BOOLEAN;
import static org.defendersql.model.EdmType.DOUBLE;
import static org.defendersql.model.EdmType.INT64;
import static org.defendersql.model.EdmType.STRING;
import static org.defendersql.model.EdmType.STRING_COLLECTION;

import java.util.List;

/**
 * The {@code recommendations} table: {@code GET /api/recommendations}, the security recommendations of Defender
 * Vulnerability Management (the EDMX {@code Recommendation}), filterable as the API reference lists.
 */
final class Recommendations {
  private Recommendations() {
  }

  static final Entity ENTITY = Entity.builder("recommendations")
      .entitySet("Recommendations")
      .path("/api/recommendations")
      .key("id")
      .primaryKey("id")
      .readRoles("SecurityRecommendation.Read.All")
      .estimatedRows(300)
      .columns(List.of(
          Column.of("id", STRING).notNull().filterable()
              .described("Recommendation id, e.g. va-_-google-_-chrome for a software update."),
          Column.of("productName", STRING).filterable()
              .described("Name of the product the recommendation is about, e.g. chrome."),
          Column.of("recommendationName", STRING)
              .described("Title of the recommendation, e.g. Update Google Chrome."),
          Column.of("weaknesses", INT64).notNull()
              .described("Number of vulnerabilities the recommendation addresses."),
          Column.of("vendor", STRING).filterable()
              .described("Vendor of the product, e.g. google."),
          Column.of("recommendedVersion", STRING).filterable()
              .described("Version to update to."),
          Column.of("recommendedVendor", STRING).filterable()
              .described("Vendor of the recommended product, when it is another product."),
          Column.of("recommendedProgram", STRING).filterable()
              .described("Program to move to, when it is another product."),
          Column.of("recommendationCategory", STRING).filterable()
              .described("Category: Application, OS, Network, Accounts or SecurityControls."),
          Column.of("subCategory", STRING).filterable()
              .described("Sub-category of the recommendation."),
          Column.of("severityScore", DOUBLE).notNull().filterable()
              .described("Severity of the recommendation, 0 to 10."),
          Column.of("publicExploit", BOOLEAN).notNull()
              .described("Whether a public exploit exists for a vulnerability it addresses."),
          Column.of("activeAlert", BOOLEAN).notNull()
              .described("Whether an active alert is associated with it."),
          Column.of("associatedThreats", STRING_COLLECTION)
              .described("Threat analytics reports associated with it."),
          Column.of("remediationType", STRING).filterable()
              .described("What remediation is: Update, Upgrade, Uninstall or ConfigurationChange."),
          Column.ofEnum("status", List.of("Active", "Exception", "PartialException")).notNull().filterable()
              .described("Whether the recommendation is active or under an exception."),
          Column.of("configScoreImpact", DOUBLE).notNull()
              .described("Impact on the device secure score of acting on it."),
          Column.of("exposureImpact", DOUBLE).notNull()
              .described("Impact on the exposure score of acting on it."),
          Column.of("totalMachineCount", INT64).notNull()
              .described("Number of devices with the product installed."),
          Column.of("exposedMachinesCount", INT64).notNull()
              .described("Number of exposed devices."),
          Column.of("nonProductivityImpactedAssets", INT64).notNull()
              .described("Number of devices where acting on it has no impact on users."),
          Column.of("relatedComponent", STRING)
              .described("Software or configuration component the recommendation is about."),
          Column.of("hasUnpatchableCve", BOOLEAN).notNull()
              .described("Whether a vulnerability it addresses has no patch."),
          Column.of("tags", STRING_COLLECTION)
              .described("Tags of the recommendation, e.g. EOS."),
          Column.of("exposedCriticalDevices", INT64).notNull()
              .described("Number of exposed devices of high criticality.")))
      .lookup(new Lookup("/api/recommendations/{key}", "id", true, SoftwareProducts.ID))
      .description("A security recommendation of Defender Vulnerability Management: what to update or configure,"
          + " how many devices are exposed and the impact on the exposure score.")
      .noSuccessor("Microsoft Graph has no security recommendations API; the portal's recommendations export remains")
      .build();
}
