package org.defendersql.model.hunting;

import static org.defendersql.model.hunting.KqlType.DATETIME;
import static org.defendersql.model.hunting.KqlType.DYNAMIC;
import static org.defendersql.model.hunting.KqlType.STRING;

import java.util.List;

/**
 * The vulnerability-management snapshots: the software installed on each device and the vulnerabilities of that
 * software. They describe the current state, so they have no {@code Timestamp} and the API's time window does
 * not apply to them (source: defender-docs {@code advanced-hunting-devicetvmsoftware*-table.md}).
 */
final class TvmTables {
  private TvmTables() {
  }

  static final HuntingTable VULNERABILITIES = new HuntingTable("DeviceTvmSoftwareVulnerabilities",
      "A vulnerability (CVE) of a software product installed on a device, with the update that fixes it",
      new Cols()
          .strings("DeviceId", "DeviceName", "OSPlatform", "OSVersion", "OSArchitecture", "SoftwareVendor",
              "SoftwareName", "SoftwareVersion")
          .add("CveId", STRING, "Identifier of the vulnerability in the Common Vulnerabilities and Exposures (CVE) "
              + "system")
          .add("VulnerabilitySeverityLevel", STRING, "Severity of the vulnerability from its CVSS score and the "
              + "threat landscape: Low, Medium, High, Critical")
          .add("RecommendedSecurityUpdate", STRING, "Name or description of the vendor's security update that "
              + "addresses the vulnerability")
          .add("RecommendedSecurityUpdateId", STRING, "Identifier of the security update, guidance or KB article")
          .add("CveTags", DYNAMIC, "Tags of the CVE, such as ZeroDay or NoSecurityUpdate, as a JSON array")
          .build(),
      null, List.of("DeviceId", "SoftwareVendor", "SoftwareName", "SoftwareVersion", "CveId"));

  static final HuntingTable INVENTORY = new HuntingTable("DeviceTvmSoftwareInventory",
      "A software product installed on a device, with its end-of-support status",
      new Cols()
          .strings("DeviceId", "DeviceName", "OSPlatform", "OSVersion", "OSArchitecture", "SoftwareVendor",
              "SoftwareName", "SoftwareVersion")
          .add("EndOfSupportStatus", STRING, "Lifecycle stage of the product relative to its end-of-support or "
              + "end-of-life date")
          .add("EndOfSupportDate", DATETIME, "End-of-support or end-of-life date of the product")
          .add("ProductCodeCpe", STRING, "Common Platform Enumeration (CPE) name of the product version, or 'not "
              + "available'")
          .build(),
      null, List.of("DeviceId", "SoftwareVendor", "SoftwareName", "SoftwareVersion"));
}
