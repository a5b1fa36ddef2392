package org.defendersql.emulator.data;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.defendersql.model.ComplexTypes;
import org.defendersql.model.DefenderModel;

/**
 * Builds the tenant's devices: Windows 10/11 clients, Windows servers (some Azure VMs), Linux servers and Macs,
 * with names, OS versions and builds, sensor versions, health, onboarding, risk and exposure, device groups,
 * tags and network interfaces in realistic proportions.
 */
final class MachineGenerator {
  private static final String[] TAGS = {"VIP", "Finance", "Kiosk", "PCI", "Pilot", "DMZ", "Laptop", "Contractor",
      "Critical"};

  private final RowShape shape = new RowShape(DefenderModel.MACHINES);
  private final ComplexShape ipShape = new ComplexShape(ComplexTypes.MACHINE_IP_ADDRESS);
  private final long seed;
  private final Instant now;
  private final Pools pools;
  private final HostNames names = new HostNames();
  private final String subscriptionId;

  MachineGenerator(long seed, Instant now, Pools pools) {
    this.seed = seed;
    this.now = now;
    this.pools = pools;
    this.subscriptionId = Rng.of(seed, 2, -1).guid();
  }

  /** One machine: its row and the facts alerts need. */
  record Machine(Object[] row, MachineFacts facts) {
  }

  Machine machine(int index) {
    final Rng r = Rng.of(seed, 2, index);
    final Object[] row = shape.newRow();
    final double kind = r.nextDouble();
    final Os os = kind < 0.72 ? windowsClient(r) : kind < 0.86 ? windowsServer(r) : kind < 0.94 ? linux(r) : macOs(r);
    final String id = r.hex(40);
    final String host = uniqueName(r, os, index);
    final String dns = os.platform.equals("macOS") ? host : host + "." + Pools.DNS_SUFFIX;
    final DeviceGroup group = r.chance(0.03) ? DeviceGroup.UNASSIGNED : os.group;

    final boolean onboarded = r.chance(0.93);
    final String onboarding = onboarded ? "Onboarded" : r.weighted(List.of("CanBeOnboarded", "Unsupported",
        "InsufficientInfo"), new double[] {6, 2, 1});
    final String health = !onboarded ? "Unknown" : r.weighted(List.of("Active", "Inactive",
        "ImpairedCommunication", "NoSensorData", "NoSensorDataImpairedCommunication"), new double[] {86, 9, 2, 2, 1});
    final Instant firstSeen = r.instant(now.getEpochSecond() - Duration.ofDays(r.between(20, 720)).toSeconds());
    final long lastSeenAgo = health.equals("Inactive") ? r.between(8 * 86_400, 60 * 86_400) : r.between(60, 86_400);
    Instant lastSeen = r.instant(now.getEpochSecond() - lastSeenAgo);
    if (lastSeen.isBefore(firstSeen)) {
      lastSeen = firstSeen;
    }
    final String ip = "10." + group.id() + "." + r.between(0, 254) + "." + r.between(2, 254);
    final String mac = mac(r);

    set(row, "id", id);
    set(row, "computerDnsName", dns);
    set(row, "firstSeen", firstSeen);
    set(row, "lastSeen", onboarded ? lastSeen : null);
    set(row, "osPlatform", os.platform);
    set(row, "osVersion", os.osVersion);
    set(row, "osProcessor", os.processor);
    set(row, "osArchitecture", "64-bit");
    set(row, "version", os.version);
    set(row, "osBuild", os.build);
    set(row, "agentVersion", onboarded ? os.agentVersion : null);
    set(row, "lastIpAddress", ip);
    set(row, "lastExternalIpAddress", onboarded ? r.pick(pools.egressIps) : null);
    set(row, "healthStatus", health);
    set(row, "onboardingStatus", onboarding);
    set(row, "riskScore", !onboarded ? null : r.weighted(List.of("None", "Informational", "Low", "Medium", "High"),
        new double[] {40, 10, 25, 15, 10}));
    set(row, "exposureLevel", !onboarded ? "None" : r.weighted(List.of("None", "Low", "Medium", "High"),
        new double[] {5, 30, 50, 15}));
    set(row, "deviceValue", r.weighted(List.of("Normal", "High", "Low"), new double[] {90, 7, 3}));
    set(row, "rbacGroupId", group.id());
    set(row, "rbacGroupName", group.name());
    final Boolean aadJoined = os.platform.startsWith("Windows") ? (os.client && r.chance(0.8)) : null;
    set(row, "isAadJoined", aadJoined);
    set(row, "aadDeviceId", Boolean.TRUE.equals(aadJoined) ? r.guid() : null);
    set(row, "machineTags", tags(r, os));
    set(row, "ipAddresses", interfaces(r, ip, mac, os));
    set(row, "defenderAvStatus", !onboarded ? null : os.platform.startsWith("Windows")
        ? r.weighted(List.of("Updated", "NotUpdated", "Disabled", "Unknown"), new double[] {85, 10, 3, 2})
        : "Updated");
    set(row, "managedBy", !onboarded ? "Unknown" : os.client ? r.weighted(List.of("Intune",
        "MicrosoftDefenderForEndpoint", "SystemCenterConfigurationManager"), new double[] {70, 20, 10})
        : os.platform.startsWith("Windows") ? r.weighted(List.of("MicrosoftDefenderForEndpoint",
        "SystemCenterConfigurationManager"), new double[] {60, 40}) : "MicrosoftDefenderForEndpoint");
    set(row, "managedByStatus", !onboarded ? "Unknown" : r.weighted(List.of("Success", "Error", "Unknown"),
        new double[] {95, 2, 3}));
    set(row, "isPotentialDuplication", r.chance(0.01));
    final boolean excluded = r.chance(0.02);
    set(row, "isExcluded", excluded);
    set(row, "exclusionReason", excluded ? r.pick("InactiveDevice", "DuplicateDevice", "DeviceOutOfScope") : null);
    if (os.azureVm) {
      set(row, "vmMetadata/vmId", r.guid());
      set(row, "vmMetadata/cloudProvider", "Azure");
      set(row, "vmMetadata/resourceId", "/subscriptions/" + subscriptionId + "/resourceGroups/rg-"
          + (group == DeviceGroup.SERVERS_TEST ? "test" : "prod") + "-westeurope/providers/"
          + "Microsoft.Compute/virtualMachines/" + host);
      set(row, "vmMetadata/subscriptionId", subscriptionId);
    }
    final boolean windows = os.platform.startsWith("Windows");
    final MachineFacts facts = onboarded
        ? new MachineFacts(index, id, dns, group.name(), windows, ip, users(r, os)) : null;
    return new Machine(row, facts);
  }

  private void set(Object[] row, String path, Object value) {
    row[shape.index(path)] = value;
  }

  private List<Integer> users(Rng r, Os os) {
    final List<Integer> u = new ArrayList<>();
    final int people = pools.users.size();
    if (os.client) {
      u.add(r.nextInt(people));
      if (r.chance(0.2)) {
        u.add(r.nextInt(people));
      }
    } else {
      final int n = r.between(1, 3);
      for (int i = 0; i < n; i++) {
        // Servers are logged on to by service accounts (indexes past the people) and a few admins.
        u.add(r.chance(0.5) ? people + r.nextInt(pools.serviceAccounts.size()) : r.nextInt(people));
      }
    }
    return u.stream().distinct().toList();
  }

  private List<ComplexValue> interfaces(Rng r, String ip, String mac, Os os) {
    final List<ComplexValue> list = new ArrayList<>();
    list.add(iface(ip, mac, r.chance(0.3) && os.client ? "IEEE80211" : "Ethernet", "Up"));
    if (os.platform.startsWith("Windows")) {
      list.add(iface("fe80::" + r.hex(4) + ":" + r.hex(4) + ":" + r.hex(4) + ":" + r.hex(4), mac, "Ethernet", "Up"));
      list.add(iface("127.0.0.1", null, "SoftwareLoopback", "Up"));
    }
    if (os.client && r.chance(0.15)) {
      list.add(iface("192.168." + r.between(0, 20) + "." + r.between(2, 254), mac(r), "Ethernet", "Down"));
    }
    return List.copyOf(list);
  }

  private ComplexValue iface(String ip, String mac, String type, String status) {
    return ipShape.newValue().set(ipShape.index("ipAddress"), ip).set(ipShape.index("macAddress"), mac)
        .set(ipShape.index("type"), type).set(ipShape.index("operationalStatus"), status);
  }

  private static String mac(Rng r) {
    final StringBuilder b = new StringBuilder(r.pick("00-15-5D", "48-DF-37", "3C-52-82", "F4-8E-38", "00-50-56"));
    for (int i = 0; i < 3; i++) {
      b.append('-').append(r.hex(2).toUpperCase(Locale.ROOT));
    }
    return b.toString();
  }

  private static List<String> tags(Rng r, Os os) {
    if (r.chance(0.7)) {
      return List.of();
    }
    final List<String> t = new ArrayList<>();
    t.add(os.client ? r.pick("VIP", "Finance", "Laptop", "Pilot", "Contractor", "Kiosk") : r.pick(TAGS));
    if (r.chance(0.3)) {
      t.add(r.pick(TAGS));
    }
    return t.stream().distinct().toList();
  }

  /** A host name no other machine of the tenant has (see {@link HostNames}). */
  private String uniqueName(Rng r, Os os, int index) {
    // macOS devices are clients too: they are named like Windows clients.
    return os.client ? names.client(r, index) : os.platform.startsWith("Windows") ? names.windowsServer(r, index)
        : names.linux(r, index);
  }

  /** The operating-system facts of a device. */
  private record Os(String platform, String version, String osVersion, Long build, String agentVersion,
      String processor, boolean client, boolean azureVm, DeviceGroup group) {
  }

  private static Os windowsClient(Rng r) {
    final boolean eleven = r.chance(0.55);
    final String version = eleven ? r.pick("23H2", "22H2", "24H2") : r.pick("22H2", "22H2", "21H2");
    final long build = eleven ? switch (version) { case "23H2" -> 22631; case "24H2" -> 26100; default -> 22621; }
        : version.equals("21H2") ? 19044 : 19045;
    final DeviceGroup group = r.weighted(DeviceGroup.CLIENT_GROUPS, new double[] {60, 15, 20, 5});
    return new Os(eleven ? "Windows11" : "Windows10", version, null, build, agent(r, build), "x64", true, false,
        group);
  }

  private static Os windowsServer(Rng r) {
    final int kind = r.nextInt(3);
    final String platform = new String[] {"WindowsServer2016", "WindowsServer2019", "WindowsServer2022"}[kind];
    final long build = new long[] {14393, 17763, 20348}[kind];
    final String version = new String[] {"1607", "1809", "21H2"}[kind];
    final DeviceGroup group = r.chance(0.75) ? DeviceGroup.SERVERS_PROD : DeviceGroup.SERVERS_TEST;
    return new Os(platform, version, null, build, agent(r, build), "x64", false, r.chance(0.45), group);
  }

  private static Os linux(Rng r) {
    final String version = r.pick("22.04", "20.04", "24.04", "9.4", "12");
    return new Os("Linux", version, version, null, r.pick("101.24052.0002", "101.24072.0001", "101.23082.0006"),
        "x64", false, r.chance(0.5), DeviceGroup.LINUX);
  }

  private static Os macOs(Rng r) {
    final String version = r.pick("14.5", "14.6.1", "13.6.7", "15.0");
    return new Os("macOS", version, version, null, r.pick("101.24032.0007", "101.24062.0008"),
        r.chance(0.7) ? "ARM64" : "x64", true, false, DeviceGroup.MAC);
  }

  private static String agent(Rng r, long build) {
    return "10." + r.pick("8760", "8735", "8750") + "." + build + "." + r.between(1000, 5000);
  }
}
