package org.defendersql.emulator.data;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The software products the emulated tenant's devices run, the versions found installed and the CVEs of those
 * versions with their published scores: what the vulnerability management tables draw from. The CVEs and their
 * scores are the public ones.
 */
final class TvmCatalog {
  private TvmCatalog() {
  }

  /**
   * A vulnerability as the CVE databases publish it.
   *
   * @param kb     the Microsoft KB that fixes it (Windows only), or null
   * @param update the vendor's update that fixes it
   * @param types  what an exploit achieves
   */
  record Cve(String id, String severity, double cvss, String vector, Instant published, double epss,
      boolean publicExploit, boolean verified, boolean inKit, List<String> types, List<String> tags, String kb,
      String update, String description) {
    /** The export's exploitability level. */
    String exploitability() {
      return inKit ? "ExploitIsInKit" : verified ? "ExploitIsVerified" : publicExploit ? "ExploitIsPublic"
          : "NoExploit";
    }
  }

  /** A version of a product and its CVEs (none for a patched version); {@code endOfSupport} null if none. */
  record Version(String version, List<String> cves, Instant endOfSupport) {
    Version(String version, List<String> cves) {
      this(version, cves, null);
    }
  }

  /**
   * A product: its vendor and name as Defender normalises them, the platform families it runs on
   * ({@code windows}, {@code linux}, {@code mac}), its display name, the versions seen (the first is the newest).
   */
  record Product(String vendor, String name, String display, String category, List<String> platforms,
      List<Version> versions) {
    String id() {
      return vendor + "-_-" + name;
    }

    Version latest() {
      return versions.get(0);
    }
  }

  private static Version v(String version, String... cves) {
    return new Version(version, List.of(cves));
  }

  /** A version whose support ended on that day. */
  private static Version eos(String version, String date, String... cves) {
    return new Version(version, List.of(cves), Instant.parse(date + "T00:00:00Z"));
  }

  private static Cve cve(String id, String severity, double cvss, String vector, String published, double epss,
      String exploit, String kb, String update, String what) {
    final boolean pub = !exploit.isEmpty();
    return new Cve(id, severity, cvss, "CVSS:3.1/" + vector, Instant.parse(published + "T00:00:00Z"), epss, pub,
        exploit.contains("verified") || exploit.contains("kit"), exploit.contains("kit"),
        pub ? List.of("Remote code execution") : List.of(), exploit.contains("zeroday") ? List.of("ZeroDay")
        : List.of(), kb, update, what);
  }

  static final Map<String, Cve> CVES = Stream.of(
      cve("CVE-2023-7024", "High", 8.8, "AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", "2023-12-21", 0.0301,
          "verified zeroday", null, "Update Google Chrome to 120.0.6099.129",
          "Heap buffer overflow in WebRTC in Google Chrome prior to 120.0.6099.129."),
      cve("CVE-2024-5274", "High", 8.8, "AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", "2024-05-28", 0.0164,
          "verified", null, "Update Google Chrome to 125.0.6422.141",
          "Type confusion in V8 in Google Chrome prior to 125.0.6422.112."),
      cve("CVE-2023-36884", "High", 8.8, "AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", "2023-07-11", 0.1437,
          "verified kit", "5028618", "July 2023 Security Updates",
          "Windows Search remote code execution vulnerability (Office and Windows HTML)."),
      cve("CVE-2024-11477", "High", 7.8, "AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", "2024-11-22", 0.0045,
          "", null, "Update 7-Zip to 24.07",
          "7-Zip Zstandard decompression integer underflow remote code execution vulnerability."),
      cve("CVE-2024-20918", "High", 7.4, "AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N", "2024-01-16", 0.0022,
          "", null, "Update Oracle JRE to 8u401",
          "Vulnerability in the Java SE component Hotspot of Oracle Java SE."),
      cve("CVE-2024-20952", "High", 7.4, "AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N", "2024-01-16", 0.0019,
          "", null, "Update Oracle JRE to 8u401",
          "Vulnerability in the Java SE component Security of Oracle Java SE."),
      cve("CVE-2023-40031", "Medium", 7.8, "AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", "2023-08-25", 0.0011,
          "public", null, "Update Notepad++ to 8.5.7",
          "Heap buffer overflow in Notepad++ Utf8_16_Read::convert."),
      cve("CVE-2024-24691", "Critical", 9.6, "AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H", "2024-02-14", 0.0009,
          "", null, "Update Zoom to 5.16.5",
          "Improper input validation in Zoom Desktop Client for Windows may allow privilege escalation."),
      cve("CVE-2024-41869", "Critical", 7.8, "AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", "2024-09-13", 0.0072,
          "public", null, "APSB24-70",
          "Use after free in Acrobat Reader that could lead to arbitrary code execution."),
      cve("CVE-2024-6387", "High", 8.1, "AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H", "2024-07-01", 0.4283,
          "verified", null, "Update OpenSSH to 9.8p1",
          "Signal handler race condition in OpenSSH's server (regreSSHion)."),
      cve("CVE-2023-0286", "High", 7.4, "AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:H", "2023-02-08", 0.0048,
          "", null, "Update OpenSSL to 3.0.8",
          "Type confusion in X.400 address processing inside an X.509 GeneralName."),
      cve("CVE-2022-3602", "High", 7.5, "AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", "2022-11-01", 0.2113,
          "public", null, "Update OpenSSL to 3.0.7",
          "X.509 email address 4-byte buffer overflow in OpenSSL 3.0."),
      cve("CVE-2023-22809", "High", 7.8, "AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", "2023-01-18", 0.0012,
          "verified", null, "Update sudo to 1.9.12p2",
          "sudoedit mishandles extra arguments passed in user-provided environment variables."),
      cve("CVE-2023-40217", "Medium", 5.3, "AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:N/A:N", "2023-08-25", 0.0031,
          "", null, "Update Python to 3.11.5",
          "TLS handshake bypass in Python's ssl module when a socket is closed early."),
      cve("CVE-2024-38063", "Critical", 9.8, "AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "2024-08-13", 0.0512,
          "public", "5041580", "August 2024 Security Updates",
          "Windows TCP/IP remote code execution vulnerability (IPv6)."))
      .collect(Collectors.toUnmodifiableMap(Cve::id, Function.identity()));

  /** The applications, in catalogue order. */
  static final List<Product> APPLICATIONS = List.of(
      new Product("google", "chrome", "Google Chrome", "Application", List.of("windows", "mac"), List.of(
          v("126.0.6478.127"), v("120.0.6099.109", "CVE-2023-7024"), v("125.0.6422.112", "CVE-2024-5274"))),
      new Product("microsoft", "edge_chromium-based", "Microsoft Edge", "Application", List.of("windows", "mac"),
          List.of(v("126.0.2592.87"), v("120.0.2210.91", "CVE-2023-7024"))),
      new Product("microsoft", "office", "Microsoft Office", "Application", List.of("windows"), List.of(
          v("16.0.17726.20160"), v("16.0.16827.20166", "CVE-2023-36884"))),
      new Product("7-zip", "7-zip", "7-Zip", "Application", List.of("windows"), List.of(
          v("24.08"), v("23.01", "CVE-2024-11477"))),
      new Product("oracle", "jre", "Oracle JRE", "Application", List.of("windows", "linux"), List.of(
          v("8.0.4210"), eos("8.0.3910", "2024-01-16", "CVE-2024-20918", "CVE-2024-20952"))),
      new Product("notepad++", "notepad++", "Notepad++", "Application", List.of("windows"), List.of(
          v("8.6.9"), v("8.5.6", "CVE-2023-40031"))),
      new Product("zoom", "zoom", "Zoom", "Application", List.of("windows", "mac"), List.of(
          v("6.1.1"), v("5.17.5", "CVE-2024-24691"))),
      new Product("adobe", "acrobat_reader_dc", "Adobe Acrobat Reader DC", "Application", List.of("windows", "mac"),
          List.of(v("24.002.21005"), v("24.002.20965", "CVE-2024-41869"))),
      new Product("microsoft", "teams", "Microsoft Teams", "Application", List.of("windows", "mac"), List.of(
          v("24152.405.2925.6762"))),
      new Product("openbsd", "openssh", "OpenSSH", "Application", List.of("linux"), List.of(
          v("9.8p1"), v("8.9p1", "CVE-2024-6387"))),
      new Product("openssl", "openssl", "OpenSSL", "Application", List.of("linux"), List.of(
          v("3.0.13"), v("3.0.2", "CVE-2023-0286", "CVE-2022-3602"))),
      new Product("sudo_project", "sudo", "sudo", "Application", List.of("linux"), List.of(
          v("1.9.15p5"), v("1.9.9", "CVE-2023-22809"))),
      new Product("python", "python", "Python", "Application", List.of("windows", "linux", "mac"), List.of(
          v("3.12.4"), v("3.11.4", "CVE-2023-40217"))));

  /** The CVE of the operating system that unpatched Windows devices carry. */
  static final String WINDOWS_CVE = "CVE-2024-38063";

  /** The operating system product of a platform ({@code osPlatform} of the machine), or null for none. */
  static Product os(String platform) {
    return switch (platform) {
      case "Windows10" -> new Product("microsoft", "windows_10", "Windows 10", "OS", List.of("windows"), List.of());
      case "Windows11" -> new Product("microsoft", "windows_11", "Windows 11", "OS", List.of("windows"), List.of());
      case "WindowsServer2016" -> new Product("microsoft", "windows_server_2016", "Windows Server 2016", "OS",
          List.of("windows"), List.of());
      case "WindowsServer2019" -> new Product("microsoft", "windows_server_2019", "Windows Server 2019", "OS",
          List.of("windows"), List.of());
      case "WindowsServer2022" -> new Product("microsoft", "windows_server_2022", "Windows Server 2022", "OS",
          List.of("windows"), List.of());
      case "Linux" -> new Product("canonical", "ubuntu_linux", "Ubuntu Linux", "OS", List.of("linux"), List.of());
      case "macOS" -> new Product("apple", "macos", "macOS", "OS", List.of("mac"), List.of());
      default -> null;
    };
  }

  /** The platform family of a machine's {@code osPlatform}: windows, linux or mac; null for others. */
  static String family(String platform) {
    return platform == null ? null : platform.startsWith("Windows") ? "windows" : platform.equals("Linux") ? "linux"
        : platform.equals("macOS") ? "mac" : null;
  }
}
