package org.defendersql.emulator.data;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;

/**
 * Generates what analysts and automation did to the tenant's devices: response actions on machines (an
 * investigation package, an isolation and its release, scans, quarantines of files of the tenant's file pool),
 * the automated investigations the alerts started (one per investigation id the alerts carry, triggered by the
 * first alert of it) and the custom indicators (hashes of pool files, attacker IPs and domains). Deterministic in
 * the seed; built on first use.
 */
final class DeviceActivity {
  private static final long DAY = 86_400;
  private static final List<String> TYPES = List.of("RunAntiVirusScan", "CollectInvestigationPackage", "Isolate",
      "StopAndQuarantineFile", "LiveResponse", "RestrictCodeExecution", "Troubleshoot", "Offboard");
  private static final double[] TYPE_WEIGHTS = {35, 15, 14, 12, 8, 5, 3, 1};

  private final long seed;
  private final Instant now;
  private final Pools pools;

  DeviceActivity(long seed, Instant now, Pools pools) {
    this.seed = seed;
    this.now = now;
    this.pools = pools;
  }

  /** About one action per onboarded device, in creation order; an isolation is followed by its release. */
  List<Object[]> machineActions(EntityTable machines) {
    final RowShape m = new RowShape(DefenderModel.MACHINES);
    final RowShape shape = new RowShape(DefenderModel.MACHINE_ACTIONS);
    final List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < machines.size(); i++) {
      final Object[] machine = machines.row(i, false);
      if (machine[m.index("lastSeen")] == null) {
        continue; // not onboarded: nothing can act on it
      }
      final Rng r = Rng.of(seed, 40, i);
      final int n = r.weighted(List.of(0, 1, 2, 3), new double[] {35, 40, 18, 7});
      for (int k = 0; k < n; k++) {
        final String type = r.weighted(TYPES, TYPE_WEIGHTS);
        final Instant created = r.instant(now.getEpochSecond() - r.between(600, 89 * (int) DAY));
        rows.add(action(shape, r, machine, m, type, created));
        if (type.equals("Isolate") || type.equals("RestrictCodeExecution")) {
          final String release = type.equals("Isolate") ? "Unisolate" : "UnrestrictCodeExecution";
          final Instant later = created.plusSeconds(r.between(3_600, 3 * (int) DAY));
          if (later.isBefore(now)) {
            rows.add(action(shape, r, machine, m, release, later));
          }
        }
      }
    }
    rows.sort((a, b) -> ((Instant) a[shape.index("creationDateTimeUtc")])
        .compareTo((Instant) b[shape.index("creationDateTimeUtc")]));
    return rows;
  }

  private Object[] action(RowShape s, Rng r, Object[] machine, RowShape m, String type, Instant created) {
    final Object[] row = s.newRow();
    final boolean byAutomation = r.chance(0.25);
    final double ageHours = Duration.between(created, now).toSeconds() / 3600.0;
    final String status = ageHours < 1 ? r.pick("Pending", "InProgress")
        : r.weighted(List.of("Succeeded", "Failed", "TimeOut", "Cancelled"), new double[] {86, 6, 5, 3});
    final String comment = switch (type) {
      case "Isolate" -> "Isolating while investigating alert";
      case "Unisolate" -> "Release from isolation: remediated";
      case "RunAntiVirusScan" -> "Full scan after detection";
      case "StopAndQuarantineFile" -> "Quarantine malicious file";
      default -> type.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    };
    final String dns = (String) machine[m.index("computerDnsName")];
    row[s.index("id")] = r.guid();
    row[s.index("type")] = type;
    row[s.index("title")] = comment + " on " + dns;
    row[s.index("scope")] = type.equals("Isolate") ? r.pick("Full", "Selective")
        : type.equals("RunAntiVirusScan") ? r.pick("Quick", "Full") : null;
    row[s.index("requestor")] = byAutomation ? "Automated investigation" : r.pick(pools.analysts).substring(4);
    row[s.index("requestorComment")] = comment;
    row[s.index("requestSource")] = byAutomation ? "Unspecified" : r.weighted(List.of("Portal", "PublicApi"),
        new double[] {80, 20});
    row[s.index("status")] = status;
    row[s.index("machineId")] = machine[m.index("id")];
    row[s.index("computerDnsName")] = dns;
    row[s.index("creationDateTimeUtc")] = created;
    final Instant updated = created.plusSeconds(status.equals("Pending") ? 0 : r.between(5, 1_800));
    row[s.index("lastUpdateDateTimeUtc")] = updated.isAfter(now) ? now : updated;
    if (status.equals("Cancelled")) {
      row[s.index("cancellationRequestor")] = r.pick(pools.analysts).substring(4);
      row[s.index("cancellationComment")] = "Not needed any more";
      row[s.index("cancellationDateTimeUtc")] = row[s.index("lastUpdateDateTimeUtc")];
    }
    row[s.index("errorHResult")] = status.equals("Failed") ? r.pick(-2147024891, -2147023673, -2146232576) : 0;
    if (type.equals("StopAndQuarantineFile")) {
      final FileSample f = r.pick(pools.files);
      final boolean sha1 = r.chance(0.8);
      row[s.index("relatedFileInfo/fileIdentifier")] = sha1 ? f.sha1() : f.sha256();
      row[s.index("relatedFileInfo/fileIdentifierType")] = sha1 ? "Sha1" : "Sha256";
    }
    return row;
  }

  /**
   * One investigation per investigation id the alerts carry, by id: started minutes after its first alert, on
   * that alert's device, in the state that alert reports.
   */
  List<Object[]> investigations(EntityTable alerts) {
    final RowShape a = new RowShape(DefenderModel.ALERTS);
    final RowShape s = new RowShape(DefenderModel.INVESTIGATIONS);
    final java.util.TreeMap<Long, Object[]> first = new java.util.TreeMap<>();
    final int inv = a.index("investigationId");
    for (long i = 0; i < alerts.size(); i++) {
      final Object[] alert = alerts.row(i, false);
      final Long id = (Long) alert[inv];
      if (id != null) {
        first.putIfAbsent(id, alert);
      }
    }
    final List<Object[]> rows = new ArrayList<>();
    for (var e : first.entrySet()) {
      final Object[] alert = e.getValue();
      final Rng r = Rng.of(seed, 41, e.getKey());
      final String state = (String) alert[a.index("investigationState")];
      final Instant start = ((Instant) alert[a.index("alertCreationTime")]).plusSeconds(r.between(30, 900));
      final boolean open = List.of("Running", "PendingApproval", "Queued", "PendingResource").contains(state);
      final Object[] row = s.newRow();
      row[s.index("id")] = Long.toString(e.getKey());
      row[s.index("startTime")] = start.isAfter(now) ? now : start;
      final Instant end = start.plusSeconds(r.between(300, 6 * 3_600));
      row[s.index("endTime")] = open || end.isAfter(now) ? null : end;
      row[s.index("state")] = state;
      row[s.index("cancelledBy")] = state.startsWith("TerminatedBy") ? r.pick(pools.analysts).substring(4) : null;
      row[s.index("statusDetails")] = open ? null : state.equals("Failed") ? "Investigation failed to complete"
          : null;
      row[s.index("machineId")] = alert[a.index("machineId")];
      row[s.index("computerDnsName")] = alert[a.index("computerDnsName")];
      row[s.index("triggeringAlertId")] = alert[a.index("id")];
      rows.add(row);
    }
    return rows;
  }

  /** Custom indicators: about one for every 20 devices, at least 30, by id. */
  List<Object[]> indicators(int machineCount) {
    final Entity e = DefenderModel.INDICATORS;
    final RowShape s = new RowShape(e);
    final List<String> groups = List.of("Workstations", "Finance", "Engineering", "Executives",
        "Servers - Production");
    final List<Object[]> rows = new ArrayList<>();
    final int n = Math.max(30, machineCount / 20);
    for (int i = 0; i < n; i++) {
      final Rng r = Rng.of(seed, 42, i);
      final Object[] row = s.newRow();
      final String type = r.weighted(List.of("FileSha1", "FileSha256", "IpAddress", "DomainName", "Url"),
          new double[] {35, 15, 20, 20, 10});
      final FileSample f = r.pick(pools.files);
      final String domain = r.pick(pools.attackerDomains);
      final String value = switch (type) {
        case "FileSha1" -> f.sha1();
        case "FileSha256" -> f.sha256();
        case "IpAddress" -> r.pick(pools.attackerIps);
        case "DomainName" -> domain;
        default -> "https://" + domain + "/" + r.pick("login", "invoice", "update", "download") + ".php";
      };
      final String action = type.startsWith("File") ? r.weighted(List.of("AlertAndBlock", "BlockAndRemediate",
          "Audit", "Allowed"), new double[] {50, 25, 15, 10}) : r.weighted(List.of("Block", "Warn", "Audit",
          "Allowed"), new double[] {60, 15, 15, 10});
      final boolean byApp = r.chance(0.4);
      final String creator = byApp ? Rng.of(seed, 43, 0).guid() : r.pick(pools.analysts).substring(4);
      final Instant created = r.instant(now.getEpochSecond() - r.between(3_600, 300 * (int) DAY));
      row[s.index("id")] = Integer.toString(900 + i * 7 + r.nextInt(7));
      row[s.index("indicatorValue")] = value;
      row[s.index("indicatorType")] = type;
      row[s.index("action")] = action;
      row[s.index("application")] = type.startsWith("File") && r.chance(0.3) ? "defender-sql-demo" : null;
      row[s.index("title")] = (action.equals("Allowed") ? "Allow " : "Known bad ") + type.replace("File", "file ")
          .toLowerCase(Locale.ROOT) + " " + (i + 1);
      row[s.index("description")] = "Indicator from threat intelligence feed (" + (byApp ? "TI connector" : "SOC")
          + ").";
      row[s.index("recommendedActions")] = action.equals("Allowed") ? null : "Isolate the device and investigate.";
      row[s.index("severity")] = action.equals("Allowed") ? "Informational"
          : r.weighted(List.of("Low", "Medium", "High"), new double[] {20, 45, 35});
      row[s.index("category")] = r.between(1, 6);
      row[s.index("createdBy")] = creator;
      row[s.index("createdByDisplayName")] = byApp ? "TI connector" : creator;
      row[s.index("createdBySource")] = byApp ? "PublicApi" : "Portal";
      row[s.index("creationTimeDateTimeUtc")] = created;
      row[s.index("expirationTime")] = r.chance(0.4) ? Instant.ofEpochSecond(
          (created.getEpochSecond() / DAY + r.between(30, 365)) * DAY) : null;
      final Instant updated = created.plusSeconds(r.between(0, 30 * (int) DAY));
      row[s.index("lastUpdateTime")] = updated.isAfter(now) ? now : updated;
      row[s.index("lastUpdatedBy")] = creator;
      row[s.index("rbacGroupNames")] = r.chance(0.7) ? List.of() : List.of(r.pick(groups));
      row[s.index("generateAlert")] = !action.equals("Allowed") && r.chance(0.8);
      row[s.index("mitreTechniques")] = r.chance(0.5) ? List.of(r.pick("T1566.001", "T1071.001", "T1204.002",
          "T1105")) : List.of();
      row[s.index("historicalDetection")] = r.chance(0.3);
      row[s.index("lookBackPeriod")] = Boolean.TRUE.equals(row[s.index("historicalDetection")]) ? 30 : null;
      row[s.index("educateUrl")] = action.equals("Warn") ? "https://intranet.contoso.com/security/why-blocked"
          : null;
      row[s.index("bypassDurationHours")] = action.equals("Warn") ? 24 : null;
      row[s.index("externalId")] = byApp ? "ti-" + r.hex(8) : null;
      rows.add(row);
    }
    return rows;
  }
}
