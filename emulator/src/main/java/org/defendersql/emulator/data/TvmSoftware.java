package org.defendersql.emulator.data;

import java.time.Instant;
import java.util.List;

/**
 * A product version installed on a machine, as vulnerability management knows it: what the advanced-hunting TVM
 * tables ({@code DeviceTvmSoftwareInventory}, {@code DeviceTvmSoftwareVulnerabilities}) show, the same facts as the
 * Defender API's vulnerability tables and export.
 *
 * @param machine      the machine's position in the tenant
 * @param endOfSupport when the version's support ended, or null when none is announced
 * @param cves         the known vulnerabilities of the version
 */
public record TvmSoftware(int machine, String vendor, String name, String version, Instant endOfSupport,
    List<Cve> cves) {

  /**
   * A vulnerability of the version.
   *
   * @param update   the vendor's update that fixes it
   * @param updateId the Microsoft KB of that update, or empty
   * @param tags     e.g. ZeroDay
   */
  public record Cve(String id, String severity, String update, String updateId, List<String> tags) {
  }

  public TvmSoftware {
    cves = List.copyOf(cves);
  }
}
