package org.defendersql.emulator.data;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.defendersql.model.DefenderModel;

/**
 * The devices' antivirus health report and the scores of vulnerability management, derived from the machines:
 * one report row per onboarded device (a device whose antivirus status is not Updated has stale signatures), the
 * exposure score as the mean of the devices' exposure levels (overall and per device group) and the secure score
 * from the share of healthy, up-to-date devices. Times are the tenant's "now" minus a fixed refresh delay.
 */
final class DeviceHealth {
  /** The group the service reports devices of no group under. */
  static final String UNGROUPED = "Ungrouped devices (default)";
  private static final Map<String, Double> EXPOSURE = Map.of("None", 0.0, "Low", 20.0, "Medium", 50.0, "High", 85.0);

  private final long seed;
  private final Instant now;
  private final RowShape m = new RowShape(DefenderModel.MACHINES);

  DeviceHealth(long seed, Instant now) {
    this.seed = seed;
    this.now = now;
  }

  /** When the reports were last computed: the service refreshes them a few times a day. */
  Instant refreshed() {
    return Instant.ofEpochSecond(now.getEpochSecond() / 3_600 * 3_600 - 2 * 3_600);
  }

  List<Object[]> avHealth(EntityTable machines) {
    final RowShape s = new RowShape(DefenderModel.DEVICE_AV_HEALTH);
    final List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < machines.size(); i++) {
      final Object[] machine = machines.row(i, false);
      final Instant lastSeen = (Instant) machine[m.index("lastSeen")];
      if (lastSeen == null) {
        continue;
      }
      final Rng r = Rng.of(seed, 44, i);
      final String platform = (String) machine[m.index("osPlatform")];
      final String av = (String) machine[m.index("defenderAvStatus")];
      final boolean windows = platform.startsWith("Windows");
      final boolean upToDate = "Updated".equals(av);
      final Object[] row = s.newRow();
      final String id = (String) machine[m.index("id")];
      row[s.index("id")] = id;
      row[s.index("machineId")] = id;
      row[s.index("computerDnsName")] = machine[m.index("computerDnsName")];
      row[s.index("osKind")] = windows ? "windows" : platform.equals("macOS") ? "mac" : "linux";
      row[s.index("osPlatform")] = platform;
      row[s.index("osVersion")] = windows ? "10.0." + machine[m.index("osBuild")] + "." + r.between(1000, 5000)
          : machine[m.index("version")];
      row[s.index("avMode")] = "Disabled".equals(av) ? "2" : windows && r.chance(0.05) ? "1" : "0";
      final int behind = upToDate ? 0 : r.between(3, 40);
      row[s.index("avSignatureVersion")] = "1.421." + (1500 - behind * 4) + ".0";
      row[s.index("avEngineVersion")] = upToDate || r.chance(0.5) ? "1.1.24090.11" : "1.1.24060.5";
      row[s.index("avPlatformVersion")] = windows ? (upToDate ? "4.18.24090.11" : "4.18.24070.5")
          : machine[m.index("agentVersion")];
      final String state = av == null || av.equals("Unknown") ? "Unknown" : upToDate ? "True" : "False";
      row[s.index("avIsSignatureUpToDate")] = state;
      row[s.index("avIsEngineUpToDate")] = state.equals("False") && r.chance(0.5) ? "True" : state;
      row[s.index("avIsPlatformUpToDate")] = state;
      final Instant signatures = Instant.ofEpochSecond(lastSeen.getEpochSecond() - behind * 86_400L
          - r.between(0, 6 * 3_600));
      row[s.index("avSignaturePublishTime")] = signatures.minusSeconds(r.between(1_800, 7_200));
      row[s.index("avSignatureUpdateTime")] = signatures;
      row[s.index("avEngineUpdateTime")] = signatures.minusSeconds(r.between(0, 20) * 86_400L);
      row[s.index("avPlatformUpdateTime")] = signatures.minusSeconds(r.between(5, 40) * 86_400L);
      final boolean quick = r.chance(0.9);
      row[s.index("quickScanResult")] = quick ? r.weighted(List.of("Completed", "Canceled", "Failed"),
          new double[] {92, 5, 3}) : "";
      row[s.index("quickScanError")] = "Failed".equals(row[s.index("quickScanResult")]) ? "0x80508023" : "";
      row[s.index("quickScanTime")] = quick ? Instant.ofEpochSecond(lastSeen.getEpochSecond()
          - r.between(0, 2 * 86_400)) : null;
      final boolean full = r.chance(0.3);
      row[s.index("fullScanResult")] = full ? "Completed" : "";
      row[s.index("fullScanError")] = "";
      row[s.index("fullScanTime")] = full ? Instant.ofEpochSecond(lastSeen.getEpochSecond()
          - r.between(0, 20 * 86_400)) : null;
      row[s.index("lastSeenTime")] = Instant.ofEpochSecond(lastSeen.getEpochSecond());
      row[s.index("dataRefreshTimestamp")] = refreshed();
      row[s.index("rbacGroupId")] = (long) (int) machine[m.index("rbacGroupId")];
      row[s.index("rbacGroupName")] = machine[m.index("rbacGroupName")];
      rows.add(row);
    }
    return rows;
  }

  /** The exposure score of the organisation: the mean exposure of its onboarded devices, 0 without any. */
  Object[] exposureScore(EntityTable machines) {
    final RowShape s = new RowShape(DefenderModel.EXPOSURE_SCORE);
    final Object[] row = s.newRow();
    row[s.index("time")] = refreshed();
    row[s.index("score")] = mean(machines, null);
    return row;
  }

  /** The exposure score of each device group with onboarded devices, by group id. */
  List<Object[]> exposureByGroup(EntityTable machines) {
    final RowShape s = new RowShape(DefenderModel.EXPOSURE_SCORE_BY_MACHINE_GROUP);
    final Map<Integer, String> groups = new java.util.TreeMap<>();
    for (int i = 0; i < machines.size(); i++) {
      final Object[] machine = machines.row(i, false);
      if (machine[m.index("lastSeen")] != null) {
        final String name = (String) machine[m.index("rbacGroupName")];
        groups.put((Integer) machine[m.index("rbacGroupId")], name == null ? UNGROUPED : name);
      }
    }
    final List<Object[]> rows = new ArrayList<>();
    for (Map.Entry<Integer, String> g : groups.entrySet()) {
      final Object[] row = s.newRow();
      row[s.index("time")] = refreshed();
      row[s.index("score")] = mean(machines, g.getKey());
      row[s.index("rbacGroupName")] = g.getValue();
      row[s.index("rbacGroupId")] = (long) g.getKey();
      rows.add(row);
    }
    return rows;
  }

  /** The secure score for devices: 10 points per healthy device with up-to-date antivirus, of 1,000 at most. */
  Object[] secureScore(EntityTable machines) {
    final RowShape s = new RowShape(DefenderModel.DEVICE_SECURE_SCORE);
    int onboarded = 0;
    int good = 0;
    for (int i = 0; i < machines.size(); i++) {
      final Object[] machine = machines.row(i, false);
      if (machine[m.index("lastSeen")] != null) {
        onboarded++;
        if ("Active".equals(machine[m.index("healthStatus")]) && "Updated".equals(
            machine[m.index("defenderAvStatus")])) {
          good++;
        }
      }
    }
    final Object[] row = s.newRow();
    row[s.index("time")] = refreshed();
    row[s.index("score")] = onboarded == 0 ? 0.0 : Math.round(1000.0 * good / onboarded) / 1.0;
    return row;
  }

  private double mean(EntityTable machines, Integer group) {
    double sum = 0;
    int n = 0;
    for (int i = 0; i < machines.size(); i++) {
      final Object[] machine = machines.row(i, false);
      if (machine[m.index("lastSeen")] != null && (group == null || group.equals(machine[m.index("rbacGroupId")]))) {
        sum += EXPOSURE.get((String) machine[m.index("exposureLevel")]);
        n++;
      }
    }
    return n == 0 ? 0.0 : sum / n;
  }
}
