package org.defendersql.model;

import static org.defendersql.model.EdmType.INT64;
import static org.defendersql.model.EdmType.STRING;
import static org.defendersql.model.EdmType.STRING_COLLECTION;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The keyed endpoints of Defender Vulnerability Management as tables with a required key column, like
 * {@link RelatedTables}: the vulnerabilities and software of a machine, the machines exposed to a CVE, the machines
 * and vulnerabilities of a product. The machine references are the EDMX {@code PublicAssetDto}.
 */
final class TvmLookups {
  private TvmLookups() {
  }

  static final String MACHINE = "[0-9a-fA-F]{40}";

  /** {@code PublicAssetDto}: a device as the TVM endpoints reference it. */
  static final List<Column> MACHINE_REFERENCE = List.of(
      Column.of("id", STRING).notNull().references("machines", "id")
          .described("Id of the device (40 hex digits)."),
      Column.of("computerDnsName", STRING)
          .described("DNS name of the device."),
      Column.of("osPlatform", STRING)
          .described("Operating system platform of the device, e.g. Windows11."),
      Column.of("assetCriticalityLevel", STRING)
          .described("Criticality level assigned to the device, when one is."),
      Column.of("tags", STRING_COLLECTION)
          .described("Tags of the device."),
      Column.of("rbacGroupName", STRING)
          .described("Device group of the device."),
      Column.of("rbacGroupId", INT64)
          .described("Id of the device group of the device."));

  private static final Column MACHINE_KEY = Column.of("machineId", STRING).references("machines", "id")
      .described("Id of the device the rows relate to.");
  private static final Column CVE_KEY = Column.of("cveId", STRING).references("vulnerabilities", "id")
      .described("CVE id the rows relate to.");
  private static final Column SOFTWARE_KEY = Column.of("softwareId", STRING).references("software", "id")
      .described("Id of the product (vendor-_-name) the rows relate to.");

  static final Entity MACHINE_CVES = keyed("machine_cves", MACHINE_KEY, "/api/machines/{key}/vulnerabilities",
      MACHINE, Vulnerabilities.VULNERABILITIES.columns(), "vulnerabilities", Vulnerabilities.ROLE,
      "hunting.DeviceTvmSoftwareVulnerabilities where DeviceId = ...",
      "The vulnerabilities (CVEs) of the software installed on a device, with every property of `vulnerabilities`.");
  static final Entity MACHINE_SOFTWARE = keyed("machine_software", MACHINE_KEY, "/api/machines/{key}/software",
      MACHINE, SoftwareProducts.COLUMNS, "software", SoftwareProducts.ENTITY.readRole(),
      "hunting.DeviceTvmSoftwareInventory where DeviceId = ...",
      "The software products installed on a device, with every property of `software` (organisation-wide counts).");
  static final Entity CVE_MACHINES = keyed("cve_machines", CVE_KEY, "/api/vulnerabilities/{key}/machineReferences",
      Vulnerabilities.CVE, MACHINE_REFERENCE, "machines", Vulnerabilities.ROLE,
      "hunting.DeviceTvmSoftwareVulnerabilities where CveId = ...",
      "The devices exposed to a vulnerability: exactly the devices of its `machine_vulnerabilities` rows.");
  static final Entity SOFTWARE_MACHINES = keyed("software_machines", SOFTWARE_KEY,
      "/api/Software/{key}/machineReferences", SoftwareProducts.ID, MACHINE_REFERENCE, "machines",
      SoftwareProducts.ENTITY.readRole(),
      "hunting.DeviceTvmSoftwareInventory where SoftwareVendor = ... and SoftwareName = ...",
      "The devices a software product is installed on.");
  static final Entity SOFTWARE_CVES = keyed("software_cves", SOFTWARE_KEY, "/api/Software/{key}/vulnerabilities",
      SoftwareProducts.ID, Vulnerabilities.VULNERABILITIES.columns(), "vulnerabilities",
      SoftwareProducts.ENTITY.readRole(),
      "hunting.DeviceTvmSoftwareVulnerabilities where SoftwareName = ...",
      "The vulnerabilities of the installed versions of a software product.");

  static final List<Entity> ALL = List.of(MACHINE_CVES, MACHINE_SOFTWARE, CVE_MACHINES, SOFTWARE_MACHINES,
      SOFTWARE_CVES);

  /**
   * A table of the rows of a keyed collection for one key: the key column, then the rows' columns (not filterable:
   * the keyed endpoints take no {@code $filter}). The key and the row's id identify a row, and that id names a row
   * of {@code idTable}.
   */
  private static Entity keyed(String table, Column keyColumn, String pathTemplate, String keyPattern,
      List<Column> rowColumns, String idTable, String role, String successor, String description) {
    final Column key = keyColumn.notNull().from(Origin.KEY);
    final List<Column> columns = new ArrayList<>();
    columns.add(key);
    for (Column c : rowColumns) {
      final Column unfiltered = c.filterable(Set.of());
      columns.add(c.sqlName().equals("id") ? unfiltered.references(idTable, "id") : unfiltered);
    }
    return Entity.builder(table)
        .entitySet(switch (idTable) {
          case "machines" -> "Collection(microsoft.windowsDefenderATP.api.PublicAssetDto)";
          case "software" -> SoftwareProducts.ENTITY.entitySetName();
          default -> Vulnerabilities.VULNERABILITIES.entitySetName();
        })
        .key(key.sqlName())
        .primaryKey(key.sqlName(), "id")
        .readRoles(role)
        .columns(columns)
        .lookup(new Lookup(pathTemplate, key.sqlName(), false, keyPattern))
        .description(description)
        .successor(successor)
        .build();
  }
}
