package org.defendersql.model;

import static org.defendersql.model.EdmType.BOOLEAN;
import static org.defendersql.model.EdmType.DOUBLE;
import static org.defendersql.model.EdmType.INT64;
import static org.defendersql.model.EdmType.STRING;

import java.util.List;

/**
 * The {@code software} table: {@code GET /api/Software}, the software products of the organisation's inventory (the
 * EDMX {@code PublicProductDto}), filterable on id, name and vendor.
 */
final class SoftwareProducts {
  private SoftwareProducts() {
  }

  /** A product id, {@code vendor-_-product} (e.g. {@code notepad++-_-notepad++}). */
  static final String ID = "[A-Za-z0-9][A-Za-z0-9+._-]{0,255}";

  /** The properties of a product, shared with the software of a machine. */
  static final List<Column> COLUMNS = List.of(
      Column.of("id", STRING).notNull().filterable()
          .described("Product id: vendor-_-name, e.g. google-_-chrome."),
      Column.of("name", STRING).filterable()
          .described("Name of the product, e.g. chrome."),
      Column.of("vendor", STRING).filterable()
          .described("Vendor of the product, e.g. google."),
      Column.of("weaknesses", INT64).notNull()
          .described("Number of known vulnerabilities of the installed versions."),
      Column.of("publicExploit", BOOLEAN).notNull()
          .described("Whether a public exploit exists for a vulnerability of the product."),
      Column.of("activeAlert", BOOLEAN).notNull()
          .described("Whether an active alert is associated with the product."),
      Column.of("exposedMachines", INT64).notNull()
          .described("Number of devices with a vulnerable version installed."),
      Column.of("installedMachines", INT64).notNull()
          .described("Number of devices with the product installed."),
      Column.of("impactScore", DOUBLE).notNull()
          .described("How much updating the product would lower the organisation's exposure score."),
      Column.of("isNormalized", BOOLEAN).notNull()
          .described("Whether the product's name and vendor are normalised to a known product."),
      Column.of("category", STRING)
          .described("Category of the product, e.g. Application or OS."));

  static final Entity ENTITY = Entity.builder("software")
      .entitySet("Software")
      .path("/api/Software")
      .key("id")
      .primaryKey("id")
      .readRoles("Software.Read.All")
      .estimatedRows(500)
      .columns(COLUMNS)
      .lookup(new Lookup("/api/Software/{key}", "id", true, ID))
      .description("A software product installed in the organisation, with the devices it is installed on and"
          + " exposed through it.")
      .successor("hunting.DeviceTvmSoftwareInventory (summarize by SoftwareVendor, SoftwareName)")
      .build();
}
