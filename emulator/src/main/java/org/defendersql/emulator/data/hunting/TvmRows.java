package org.defendersql.emulator.data.hunting;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.defendersql.emulator.data.HuntingFacts;
import org.defendersql.emulator.data.Rng;
import org.defendersql.model.hunting.HuntingModel;
import org.defendersql.model.hunting.HuntingTable;

/**
 * {@code DeviceTvmSoftwareInventory} and {@code DeviceTvmSoftwareVulnerabilities}: the software each onboarded
 * machine runs (its OS, then products of its platform from {@link SoftwareCatalog}, each at one version drawn from
 * (seed, machine)) and the CVEs of those versions. Snapshots: no time column, all rows in machine order.
 */
final class TvmRows {
  private final TenantView view;
  private final RowSlots inventory = new RowSlots(HuntingModel.DEVICE_TVM_SOFTWARE_INVENTORY);
  private final RowSlots vulnerabilities = new RowSlots(HuntingModel.DEVICE_TVM_SOFTWARE_VULNERABILITIES);

  TvmRows(TenantView view) {
    this.view = view;
  }

  /** A product version installed on a device. */
  private record Installed(HuntingFacts.Device device, String vendor, String name,
      SoftwareCatalog.Version version) {
  }

  private List<Installed> installed(HuntingFacts.Device d) {
    final Rng r = Rng.of(view.seed, 106, d.index());
    final String platform = text(view.machine(d.index(), "osPlatform"));
    final String family = platform.startsWith("Windows") ? "windows" : platform.equals("Linux") ? "linux" : "mac";
    final List<Installed> list = new ArrayList<>();
    final String os = switch (platform) {
      case "Windows10" -> "windows_10";
      case "Windows11" -> "windows_11";
      case "WindowsServer2016" -> "windows_server_2016";
      case "WindowsServer2019" -> "windows_server_2019";
      case "WindowsServer2022" -> "windows_server_2022";
      case "Linux" -> "ubuntu_linux";
      default -> "macos";
    };
    final Object build = view.machine(d.index(), "osBuild");
    final String osVersion = build != null ? "10.0." + build + "." + r.between(3000, 4700)
        : text(view.machine(d.index(), "version"));
    final boolean unpatched = family.equals("windows") && r.chance(0.3);
    list.add(new Installed(d, family.equals("windows") ? "microsoft" : family.equals("linux") ? "canonical" : "apple",
        os, new SoftwareCatalog.Version(osVersion, unpatched ? List.of(new SoftwareCatalog.Cve("CVE-2024-38063",
            "Critical", "August 2024 Security Updates", "5041580", "[]")) : List.of(), "", null)));
    for (SoftwareCatalog.Software s : SoftwareCatalog.ALL) {
      if (s.platforms().contains(family) && r.chance(0.55)) {
        list.add(new Installed(d, s.vendor(), s.name(), r.pick(s.versions())));
      }
    }
    return list;
  }

  HuntingRows inventoryRows() {
    return table(HuntingModel.DEVICE_TVM_SOFTWARE_INVENTORY, false);
  }

  HuntingRows vulnerabilityRows() {
    return table(HuntingModel.DEVICE_TVM_SOFTWARE_VULNERABILITIES, true);
  }

  private HuntingRows table(HuntingTable t, boolean cves) {
    return new HuntingRows() {
      @Override
      public HuntingTable table() {
        return t;
      }

      @Override
      public long size() {
        return view.devices().size() * 8L;
      }

      @Override
      public Stream<Object[]> rows(java.time.Instant from, java.time.Instant to) {
        return view.devices().stream().flatMap(d -> installed(d).stream()).flatMap(s -> cves
            ? s.version().cves().stream().<Object[]>map(c -> vulnerability(s, c)) : Stream.<Object[]>of(inventory(s)));
      }
    };
  }

  private Object[] common(RowSlots slots, Installed s) {
    final Object[] row = slots.newRow();
    final int m = s.device().index();
    row[slots.at("DeviceId")] = s.device().id();
    row[slots.at("DeviceName")] = s.device().dnsName();
    row[slots.at("OSPlatform")] = text(view.machine(m, "osPlatform"));
    row[slots.at("OSVersion")] = text(view.machine(m, "version"));
    row[slots.at("OSArchitecture")] = text(view.machine(m, "osArchitecture"));
    row[slots.at("SoftwareVendor")] = s.vendor();
    row[slots.at("SoftwareName")] = s.name();
    row[slots.at("SoftwareVersion")] = s.version().version();
    return row;
  }

  private Object[] inventory(Installed s) {
    final Object[] row = common(inventory, s);
    row[inventory.at("EndOfSupportStatus")] = s.version().endOfSupportStatus();
    row[inventory.at("EndOfSupportDate")] = s.version().endOfSupport();
    row[inventory.at("ProductCodeCpe")] = "cpe:2.3:" + (s.name().contains("windows") || s.name().contains("linux")
        || s.name().equals("macos") ? "o" : "a") + ":" + s.vendor() + ":" + s.name() + ":" + s.version().version()
        + ":*:*:*:*:*:*:*";
    return row;
  }

  private Object[] vulnerability(Installed s, SoftwareCatalog.Cve c) {
    final Object[] row = common(vulnerabilities, s);
    row[vulnerabilities.at("CveId")] = c.id();
    row[vulnerabilities.at("VulnerabilitySeverityLevel")] = c.severity();
    row[vulnerabilities.at("RecommendedSecurityUpdate")] = c.update();
    row[vulnerabilities.at("RecommendedSecurityUpdateId")] = c.updateId();
    row[vulnerabilities.at("CveTags")] = c.tags();
    return row;
  }

  private static String text(Object v) {
    return v == null ? "" : v.toString();
  }
}
