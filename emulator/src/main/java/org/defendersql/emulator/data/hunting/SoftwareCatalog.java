package org.defendersql.emulator.data.hunting;

import java.time.Instant;
import java.util.List;

/**
 * The software products the tenant's devices run, per platform, with versions some of which have known
 * vulnerabilities: what the TVM tables draw from.
 */
final class SoftwareCatalog {
  private SoftwareCatalog() {
  }

  /** A vulnerability of a version, with the update that fixes it. */
  record Cve(String id, String severity, String update, String updateId, String tags) {
  }

  /** A version of a product; {@code endOfSupport} null when none is announced. */
  record Version(String version, List<Cve> cves, String endOfSupportStatus, Instant endOfSupport) {
  }

  /** A product, installed on devices of a platform family ({@code windows}, {@code linux}, {@code mac}). */
  record Software(String vendor, String name, List<String> platforms, List<Version> versions) {
  }

  private static Version v(String version, Cve... cves) {
    return new Version(version, List.of(cves), "", null);
  }

  private static Version eos(String version, String date, Cve... cves) {
    return new Version(version, List.of(cves), "EOS Version", Instant.parse(date + "T00:00:00Z"));
  }

  private static Cve cve(String id, String severity, String update, String updateId, String... tags) {
    final StringBuilder b = new StringBuilder("[");
    for (String t : tags) {
      b.append(b.length() > 1 ? "," : "").append('"').append(t).append('"');
    }
    return new Cve(id, severity, update, updateId, b.append(']').toString());
  }

  static final List<Software> ALL = List.of(
      new Software("google", "chrome", List.of("windows", "mac"), List.of(
          v("126.0.6478.127"),
          v("120.0.6099.109", cve("CVE-2023-7024", "High", "Update Google Chrome to 120.0.6099.129", "",
              "ZeroDay", "ExploitVerified")),
          v("125.0.6422.112", cve("CVE-2024-5274", "High", "Update Google Chrome to 125.0.6422.141", "",
              "ExploitVerified")))),
      new Software("microsoft", "edge_chromium-based", List.of("windows", "mac"), List.of(
          v("126.0.2592.87"),
          v("120.0.2210.91", cve("CVE-2023-7024", "High", "Update Microsoft Edge to 120.0.2210.133", "",
              "ZeroDay")))),
      new Software("microsoft", "office", List.of("windows"), List.of(
          v("16.0.17726.20160"),
          v("16.0.16827.20166", cve("CVE-2023-36884", "High", "July 2023 Security Updates", "5028618",
              "ExploitVerified")))),
      new Software("7-zip", "7-zip", List.of("windows"), List.of(
          v("24.08"),
          v("23.01", cve("CVE-2024-11477", "High", "Update 7-Zip to 24.07", "")))),
      new Software("oracle", "jre", List.of("windows", "linux"), List.of(
          v("8.0.4210"),
          eos("8.0.3910", "2024-01-16", cve("CVE-2024-20918", "High", "Update Oracle JRE to 8u401", ""),
              cve("CVE-2024-20952", "High", "Update Oracle JRE to 8u401", "")))),
      new Software("notepad++", "notepad++", List.of("windows"), List.of(
          v("8.6.9"),
          v("8.5.6", cve("CVE-2023-40031", "Medium", "Update Notepad++ to 8.5.7", "")))),
      new Software("zoom", "zoom", List.of("windows", "mac"), List.of(
          v("6.1.1"),
          v("5.17.5", cve("CVE-2024-24691", "Critical", "Update Zoom to 5.16.5", "")))),
      new Software("adobe", "acrobat_reader_dc", List.of("windows", "mac"), List.of(
          v("24.002.21005"),
          v("24.002.20965", cve("CVE-2024-41869", "Critical", "APSB24-70", "", "ExploitVerified")))),
      new Software("microsoft", "teams", List.of("windows", "mac"), List.of(v("24152.405.2925.6762"))),
      new Software("openbsd", "openssh", List.of("linux"), List.of(
          v("9.8p1"),
          v("8.9p1", cve("CVE-2024-6387", "High", "Update OpenSSH to 9.8p1", "", "ExploitVerified")))),
      new Software("openssl", "openssl", List.of("linux"), List.of(
          v("3.0.13"),
          v("3.0.2", cve("CVE-2023-0286", "High", "Update OpenSSL to 3.0.8", ""),
              cve("CVE-2022-3602", "High", "Update OpenSSL to 3.0.7", "")))),
      new Software("sudo_project", "sudo", List.of("linux"), List.of(
          v("1.9.15p5"),
          v("1.9.9", cve("CVE-2023-22809", "High", "Update sudo to 1.9.12p2", "")))),
      new Software("gnu", "bash", List.of("linux", "mac"), List.of(v("5.1.16"), v("5.2.21"))),
      new Software("python", "python", List.of("windows", "linux", "mac"), List.of(
          v("3.12.4"),
          v("3.11.4", cve("CVE-2023-40217", "Medium", "Update Python to 3.11.5", "")))));
}
