package org.defendersql.model;

import static org.defendersql.model.EdmType.BOOLEAN;
import static org.defendersql.model.EdmType.DATE_TIME_OFFSET;
import static org.defendersql.model.EdmType.DOUBLE;
import static org.defendersql.model.EdmType.INT64;
import static org.defendersql.model.EdmType.STRING;
import static org.defendersql.model.EdmType.STRING_COLLECTION;

import java.util.List;

/**
 * The vulnerability tables of Defender Vulnerability Management: {@code vulnerabilities}
 * ({@code GET /api/vulnerabilities}, the EDMX {@code PublicVulnerabilityDto}, pages of at most 8,000) and
 * {@code machine_vulnerabilities} ({@code GET /api/vulnerabilities/machinesVulnerabilities}, one row per machine,
 * product version and CVE), filterable as the API reference lists.
 */
final class Vulnerabilities {
  private Vulnerabilities() {
  }

  /** A CVE id, or Defender's own id of a weakness without one (e.g. {@code TVM-2020-0002}). */
  static final String CVE = "[A-Za-z0-9][A-Za-z0-9._-]{0,99}";

  /** The largest {@code $top} of {@code /api/vulnerabilities}. */
  static final int MAX_TOP = 8_000;

  /** The permission of every vulnerability table and of the export. */
  static final String ROLE = "Vulnerability.Read.All";

  /** The properties of a vulnerability, shared with the vulnerabilities of a machine and of a product. */
  static final List<Column> COLUMNS = List.of(
      Column.of("id", STRING).notNull().filterable()
          .described("CVE id, e.g. CVE-2024-6387."),
      Column.of("name", STRING).filterable()
          .described("Title of the vulnerability (usually its CVE id)."),
      Column.of("description", STRING).filterable()
          .described("Description of the vulnerability."),
      Column.of("severity", STRING).filterable()
          .described("Severity: Low, Medium, High or Critical."),
      Column.of("cvssV3", DOUBLE).notNull().filterable()
          .described("CVSS v3 base score, 0 to 10."),
      Column.of("cvssVector", STRING)
          .described("CVSS v3 vector the score was derived from."),
      Column.of("exposedMachines", INT64).notNull()
          .described("Number of the organisation's devices exposed to the vulnerability."),
      Column.of("publishedOn", DATE_TIME_OFFSET).notNull().filterable()
          .described("Time the vulnerability was published (UTC)."),
      Column.of("updatedOn", DATE_TIME_OFFSET).notNull().filterable()
          .described("Time the vulnerability was last updated (UTC)."),
      Column.of("firstDetected", DATE_TIME_OFFSET)
          .described("Time the vulnerability was first detected in the organisation (UTC)."),
      Column.of("patchFirstAvailable", DATE_TIME_OFFSET)
          .described("Time a fix first became available (UTC)."),
      Column.of("publicExploit", BOOLEAN).notNull()
          .described("Whether a public exploit exists."),
      Column.of("exploitVerified", BOOLEAN).notNull()
          .described("Whether the exploit is verified to work."),
      Column.of("exploitInKit", BOOLEAN).notNull()
          .described("Whether the exploit is part of an exploit kit."),
      Column.of("exploitTypes", STRING_COLLECTION)
          .described("What the exploit achieves, e.g. Remote code execution, Local privilege escalation."),
      Column.of("exploitUris", STRING_COLLECTION)
          .described("Where the exploits were found."),
      Column.of("cveSupportability", STRING)
          .described("Whether Defender assesses the CVE: Supported, NotSupported or SupportedInPremium."),
      Column.of("tags", STRING_COLLECTION)
          .described("Tags of the vulnerability, e.g. ZeroDay."),
      Column.of("epss", DOUBLE).notNull()
          .described("EPSS: the probability (0 to 1) that the vulnerability is exploited in the next 30 days."),
      Column.ofEnum("status", List.of("RemediationRequired", "NoActionRequired", "UnderException",
              "PartialException")).notNull()
          .described("Remediation status of the vulnerability in the organisation."));

  static final Entity VULNERABILITIES = Entity.builder("vulnerabilities")
      .entitySet("Vulnerabilities")
      .path("/api/vulnerabilities")
      .key("id")
      .primaryKey("id")
      .readRoles(ROLE)
      .estimatedRows(5_000)
      .columns(COLUMNS)
      .api(Api.MDE, MAX_TOP, QueryOption.ALL)
      .lookup(new Lookup("/api/vulnerabilities/{key}", "id", true, CVE))
      .description("A vulnerability (CVE) that affects software in the organisation, with its CVSS score, exploit"
          + " information and the number of exposed devices.")
      .noSuccessor("Graph's advanced hunting has the CVEs of each device in hunting.DeviceTvmSoftwareVulnerabilities,"
          + " without CVSS scores or exploit details")
      .build();

  static final Entity MACHINE_VULNERABILITIES = Entity.builder("machine_vulnerabilities")
      .entitySet("Vulnerabilities")
      .path("/api/vulnerabilities/machinesVulnerabilities")
      .key("id")
      .primaryKey("id")
      .readRoles(ROLE)
      .estimatedRows(50_000)
      .columns(List.of(
          Column.of("id", STRING).notNull().filterable()
              .described("Id of the row: machine, CVE, vendor, product, version and fixing KB joined by -_-."),
          Column.of("cveId", STRING).filterable().references("vulnerabilities", "id")
              .described("CVE id of the vulnerability."),
          Column.of("machineId", STRING).filterable().references("machines", "id")
              .described("Id of the exposed device (40 hex digits)."),
          Column.of("fixingKbId", STRING).filterable()
              .described("Id of the KB update that fixes the vulnerability, when one does."),
          Column.of("productName", STRING).filterable()
              .described("Name of the vulnerable product, e.g. chrome."),
          Column.of("productVendor", STRING).filterable()
              .described("Vendor of the vulnerable product, e.g. google."),
          Column.of("productVersion", STRING).filterable()
              .described("Installed version of the vulnerable product."),
          Column.of("severity", STRING).filterable()
              .described("Severity of the vulnerability: Low, Medium, High or Critical.")))
      .description("A vulnerability of a product version installed on a device: one row per device, product version"
          + " and CVE (the pairs of `cve_machines` and of the export).")
      .successor("hunting.DeviceTvmSoftwareVulnerabilities")
      .build();
}
