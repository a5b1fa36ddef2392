package org.defendersql.emulator.data.hunting;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.defendersql.emulator.data.TvmSoftware;
import org.defendersql.model.hunting.HuntingModel;
import org.defendersql.model.hunting.HuntingTable;

/**
 * {@code DeviceTvmSoftwareInventory} and {@code DeviceTvmSoftwareVulnerabilities}: the software each onboarded
 * machine runs and the CVEs of those versions, as the tenant's vulnerability management holds them
 * ({@link org.defendersql.emulator.data.Tenant#installedSoftware}), so that these tables and the Defender API's
 * vulnerability tables and export state the same facts. Snapshots: no time column, all rows in machine order.
 */
final class TvmRows {
  private final TenantView view;
  private final RowSlots inventory = new RowSlots(HuntingModel.DEVICE_TVM_SOFTWARE_INVENTORY);
  private final RowSlots vulnerabilities = new RowSlots(HuntingModel.DEVICE_TVM_SOFTWARE_VULNERABILITIES);
  private Map<Integer, List<TvmSoftware>> byMachine;

  TvmRows(TenantView view) {
    this.view = view;
  }

  private synchronized List<TvmSoftware> installed(int machine) {
    if (byMachine == null) {
      byMachine = view.tenant.installedSoftware().stream().collect(Collectors.groupingBy(TvmSoftware::machine));
    }
    return byMachine.getOrDefault(machine, List.of());
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
        return view.devices().stream().flatMap(d -> installed(d.index()).stream().map(s -> Map.entry(d, s)))
            .flatMap(e -> cves ? e.getValue().cves().stream().<Object[]>map(c -> vulnerability(e.getKey(),
                e.getValue(), c)) : Stream.<Object[]>of(inventory(e.getKey(), e.getValue())));
      }
    };
  }

  private Object[] common(RowSlots slots, org.defendersql.emulator.data.HuntingFacts.Device d, TvmSoftware s) {
    final Object[] row = slots.newRow();
    final int m = d.index();
    row[slots.at("DeviceId")] = d.id();
    row[slots.at("DeviceName")] = d.dnsName();
    row[slots.at("OSPlatform")] = text(view.machine(m, "osPlatform"));
    row[slots.at("OSVersion")] = text(view.machine(m, "version"));
    row[slots.at("OSArchitecture")] = text(view.machine(m, "osArchitecture"));
    row[slots.at("SoftwareVendor")] = s.vendor();
    row[slots.at("SoftwareName")] = s.name();
    row[slots.at("SoftwareVersion")] = s.version();
    return row;
  }

  private Object[] inventory(org.defendersql.emulator.data.HuntingFacts.Device d, TvmSoftware s) {
    final Object[] row = common(inventory, d, s);
    row[inventory.at("EndOfSupportStatus")] = s.endOfSupport() == null ? "" : "EOS Version";
    row[inventory.at("EndOfSupportDate")] = s.endOfSupport();
    row[inventory.at("ProductCodeCpe")] = "cpe:2.3:" + (s.name().contains("windows") || s.name().contains("linux")
        || s.name().equals("macos") ? "o" : "a") + ":" + s.vendor() + ":" + s.name() + ":" + s.version()
        + ":*:*:*:*:*:*:*";
    return row;
  }

  private Object[] vulnerability(org.defendersql.emulator.data.HuntingFacts.Device d, TvmSoftware s,
      TvmSoftware.Cve c) {
    final Object[] row = common(vulnerabilities, d, s);
    row[vulnerabilities.at("CveId")] = c.id();
    row[vulnerabilities.at("VulnerabilitySeverityLevel")] = c.severity();
    row[vulnerabilities.at("RecommendedSecurityUpdate")] = c.update();
    row[vulnerabilities.at("RecommendedSecurityUpdateId")] = c.updateId();
    row[vulnerabilities.at("CveTags")] = c.tags().stream().map(t -> "\"" + t + "\"")
        .collect(Collectors.joining(",", "[", "]"));
    return row;
  }

  private static String text(Object v) {
    return v == null ? "" : v.toString();
  }
}
