package org.defendersql.emulator.data;

import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.defendersql.emulator.data.AlertTemplate.EvidenceKind;
import org.defendersql.emulator.data.AlertTemplates.Weighted;
import org.defendersql.model.DefenderModel;

/**
 * Generates alert number {@code index} from (seed, index) alone, so a tenant of a million alerts streams in
 * constant memory and any alert can be regenerated for a lookup by id. Alerts are ordered by creation time,
 * spread over the 90 days before "now"; each fires on a device of the tenant (Office alerts on none), names
 * that device's users, and carries evidence consistent with its detector.
 */
final class AlertGenerator {
  private static final long TICKS_PER_SECOND = 10_000_000L;
  private static final long WINDOW_TICKS = 90L * 86_400 * TICKS_PER_SECOND;
  private static final List<String> SEVERITIES = List.of("Informational", "Low", "Medium", "High");
  /** Ransomware is always High, so other alerts get fewer High ones to land near 15/35/35/15 overall. */
  private static final double[] SEVERITY_WEIGHTS = {16, 38, 38, 8};
  private static final List<String> COMMENTS = List.of("Investigating with the user.",
      "Confirmed benign: IT admin script.", "Isolated the device and collected an investigation package.",
      "Escalated to tier 2.", "Remediated by automated investigation.", "User reset password; monitoring.",
      "Known pentest activity (ticket SEC-1432).", "Blocked hash in custom indicators.");

  private final RowShape shape = new RowShape(DefenderModel.ALERTS);
  private final ComplexShape evidenceShape = shape.element("evidence");
  private final ComplexShape loggedOnShape = shape.element("loggedOnUsers");
  private final ComplexShape commentShape = shape.element("comments");
  private final ComplexShape domainShape = shape.element("domains");
  private final long seed;
  private final long count;
  private final long startTicks;
  private final long nowTicks;
  private final String tenantId;
  private final Pools pools;
  private final List<MachineFacts> devices;
  private final Weighted<AlertTemplate> windowsTemplates;
  private final Weighted<AlertTemplate> unixTemplates;
  private final Weighted<AlertTemplate> devicelessTemplates;
  /** Per template, its detector id and its description ready to fill. */
  private final Map<AlertTemplate, Prepared> prepared = new IdentityHashMap<>();
  private final AlertIds ids;
  private final Columns c = new Columns();

  AlertGenerator(long seed, long count, Instant now, String tenantId, Pools pools, List<MachineFacts> devices) {
    this.seed = seed;
    this.count = count;
    this.nowTicks = now.getEpochSecond() * TICKS_PER_SECOND + now.getNano() / 100;
    this.startTicks = nowTicks - WINDOW_TICKS;
    this.tenantId = tenantId;
    this.pools = pools;
    this.devices = devices;
    this.ids = new AlertIds(seed);
    MachineFacts windows = null;
    MachineFacts unix = null;
    for (MachineFacts m : devices) {
      if (m.windows() && windows == null) {
        windows = m;
      } else if (!m.windows() && unix == null) {
        unix = m;
      }
    }
    windowsTemplates = windows == null ? null : AlertTemplates.forDevice(windows);
    unixTemplates = unix == null ? null : AlertTemplates.forDevice(unix);
    devicelessTemplates = AlertTemplates.forDevice(null);
    for (int i = 0; i < AlertTemplates.ALL.size(); i++) {
      // Detector ids are Microsoft's, the same in every tenant: not derived from the seed.
      final AlertTemplate t = AlertTemplates.ALL.get(i);
      prepared.put(t, new Prepared(Rng.of(0, 3, i).guid(), new FilledText(t.description())));
    }
  }

  long count() {
    return count;
  }

  /** The index of the alert with this id, or -1. */
  long find(String id) {
    final long index = ids.index(id);
    return index >= 0 && index < count && id.equals(alert(index, false)[c.id]) ? index : -1;
  }

  /**
   * The id of the machine alert {@code index} fired on (null for none), without generating the alert: a machine's
   * alerts are found among 10,000,000 in a second instead of a minute.
   */
  String machineId(long index) {
    final MachineFacts machine = device(index * 3 / 4);
    return machine == null ? null : machine.id();
  }

  /** Alert {@code index}; its evidence is generated only when asked for, as it is most of the work. */
  Object[] alert(long index, boolean withEvidence) {
    final Rng r = Rng.of(seed, 10, index);
    final Object[] row = shape.newRow();
    final long creationTicks = startTicks + (long) ((index + r.nextDouble() * 0.98) * ((double) WINDOW_TICKS
        / Math.max(count, 1)));
    final Instant created = instant(creationTicks);
    final long incident = index * 3 / 4;
    final MachineFacts machine = device(incident);
    final AlertTemplate t = (machine == null ? devicelessTemplates : machine.windows() ? windowsTemplates
        : unixTemplates).pick(r);
    final ThreatFamily family = t.family() == null ? null : r.pick(ThreatFamily.of(t.family()));
    final UserAccount user = machine == null ? r.pick(pools.users) : account(r.pick(machine.users()));
    final FileSample file = pools.files.get((int) (pools.files.size() * Math.pow(r.nextDouble(), 2)));
    final String domain = r.pick(pools.attackerDomains);
    final String ip = r.pick(pools.attackerIps);

    row[c.id] = ids.id(index, creationTicks);
    row[c.incidentId] = 10_000 + incident;
    row[c.severity] = t.category().equals("Ransomware") ? "High" : r.weighted(SEVERITIES, SEVERITY_WEIGHTS);
    row[c.detectionSource] = t.detectionSource();
    final Prepared p = prepared.get(t);
    row[c.detectorId] = p.detectorId();
    row[c.category] = t.category();
    row[c.threatFamilyName] = family == null ? null : family.name();
    row[c.threatName] = family == null ? null : family.threatName();
    row[c.title] = t.title().replace("{family}", family == null ? "" : family.name());
    row[c.description] = p.description().fill(family == null ? "" : family.name(),
        machine == null ? "a mailbox" : machine.dnsName(), user.domainName() + "\\" + user.accountName(),
        file.fileName());
    row[c.alertCreationTime] = created;
    final long firstEvent = creationTicks - r.between(1, 7_200) * TICKS_PER_SECOND - r.nextLong(TICKS_PER_SECOND);
    final long lastEvent = firstEvent + (long) ((creationTicks - firstEvent) * r.nextDouble());
    // Event times come at mixed precisions; keep first <= last <= creation whatever the fractions.
    final Instant first = min(r.instant(firstEvent / TICKS_PER_SECOND), created);
    final Instant last = min(r.instant(lastEvent / TICKS_PER_SECOND), created);
    row[c.firstEventTime] = first;
    row[c.lastEventTime] = last.isBefore(first) ? first : last;
    row[c.machineId] = machine == null ? null : machine.id();
    row[c.computerDnsName] = machine == null ? null : machine.dnsName();
    row[c.rbacGroupName] = machine == null ? null : machine.rbacGroupName();
    row[c.aadTenantId] = tenantId;
    if (r.chance(0.85)) {
      row[c.relatedUserName] = user.accountName();
      row[c.relatedUserDomain] = user.domainName();
    }
    row[c.mitreTechniques] = t.techniques();
    if (machine != null) {
      final List<ComplexValue> loggedOn = new ArrayList<>();
      for (int u : machine.users()) {
        final UserAccount a = account(u);
        loggedOn.add(loggedOnShape.newValue().set(c.loAccount, a.accountName()).set(c.loDomain, a.domainName()));
      }
      row[c.loggedOnUsers] = List.copyOf(loggedOn);
    }
    if (t.evidence().contains(EvidenceKind.URL)) {
      row[c.domains] = List.of(domainShape.newValue().set(c.domainHost, domain));
    }
    lifecycle(r, row, t, machine, creationTicks);
    if (withEvidence) {
      row[c.evidence] = evidence(Rng.of(seed, 12, index), t, machine, user, file, domain, ip, created, firstEvent);
    }
    return row;
  }

  /** Status, classification, assignment, investigation, comments and update times, consistent with age. */
  private void lifecycle(Rng r, Object[] row, AlertTemplate t, MachineFacts machine, long creationTicks) {
    final double ageDays = (nowTicks - creationTicks) / (86_400.0 * TICKS_PER_SECOND);
    final double u = r.nextDouble();
    final String status = u < Math.min(0.9, 0.15 + ageDays / 100) ? "Resolved" : u < 0.93 ? "InProgress" : "New";
    row[c.status] = status;
    final boolean investigated = machine != null && machine.windows() && r.chance(0.65)
        && List.of("WindowsDefenderAtp", "WindowsDefenderAv", "AutomatedInvestigation", "CustomerTI")
        .contains(t.detectionSource());
    if (investigated) {
      row[c.investigationId] = 3_000 + (long) row[c.incidentId] - 10_000;
      row[c.investigationState] = status.equals("Resolved")
          ? r.weighted(List.of("SuccessfullyRemediated", "Benign", "PartiallyRemediated", "TerminatedBySystem",
              "Failed", "PartiallyInvestigated"), new double[] {35, 35, 10, 10, 5, 5})
          : r.weighted(List.of("Running", "PendingApproval", "Queued", "PendingResource", "SuccessfullyRemediated"),
              new double[] {40, 30, 10, 5, 15});
    } else {
      row[c.investigationState] = machine != null && !machine.windows() ? "UnsupportedOs" : "UnsupportedAlertType";
    }
    final long lastUpdate;
    switch (status) {
      case "Resolved": {
        final long resolved = Math.min(nowTicks, creationTicks + r.between(600, 7 * 86_400) * TICKS_PER_SECOND
            + r.nextLong(TICKS_PER_SECOND));
        row[c.resolvedTime] = instant(resolved);
        lastUpdate = resolved;
        row[c.assignedTo] = investigated && r.chance(0.4) ? "Automation" : r.pick(pools.analysts);
        if (r.chance(0.92)) {
          classify(r, row);
        }
        break;
      }
      case "InProgress":
        lastUpdate = creationTicks + r.between(300, 3 * 86_400) * TICKS_PER_SECOND;
        row[c.assignedTo] = r.pick(pools.analysts);
        if (r.chance(0.2)) {
          classify(r, row);
        }
        break;
      default:
        lastUpdate = creationTicks + r.between(0, 600) * TICKS_PER_SECOND;
        row[c.assignedTo] = r.chance(0.05) ? r.pick(pools.analysts) : null;
        break;
    }
    // Rounded to SQL datetime precision in the following second, so it never precedes the change it records.
    final long updated = Math.max(creationTicks, Math.min(nowTicks,
        ticks(r.sqlDateTime(Math.floorDiv(lastUpdate, TICKS_PER_SECOND) + 1))));
    row[c.lastUpdateTime] = instant(updated);
    if (!status.equals("New") && r.chance(0.3)) {
      final List<ComplexValue> comments = new ArrayList<>();
      final int n = r.between(1, 2);
      for (int i = 0; i < n; i++) {
        final long at = creationTicks + (long) ((updated - creationTicks) * r.nextDouble());
        comments.add(commentShape.newValue().set(c.commentText, r.pick(COMMENTS))
            .set(c.commentBy, row[c.assignedTo] == null || "Automation".equals(row[c.assignedTo])
                ? r.pick(pools.analysts) : row[c.assignedTo])
            .set(c.commentTime, instant(at)));
      }
      row[c.comments] = List.copyOf(comments);
    }
  }

  private void classify(Rng r, Object[] row) {
    final String classification = r.weighted(List.of("TruePositive", "FalsePositive",
        "InformationalExpectedActivity"), new double[] {45, 25, 30});
    row[c.classification] = classification;
    row[c.determination] = switch (classification) {
      case "TruePositive" -> r.weighted(List.of("Malware", "MultiStagedAttack", "CompromisedAccount",
          "MaliciousUserActivity", "UnwantedSoftware", "Phishing", "Other"), new double[] {35, 10, 10, 5, 20, 10, 10});
      case "FalsePositive" -> r.weighted(List.of("NotMalicious", "NoEnoughDataToValidate", "Other"),
          new double[] {60, 25, 15});
      default -> r.weighted(List.of("SecurityTesting", "LineOfBusinessApplication", "ConfirmedActivity", "Other"),
          new double[] {35, 30, 25, 10});
    };
  }

  private List<ComplexValue> evidence(Rng r, AlertTemplate t, MachineFacts machine, UserAccount user,
      FileSample file, String domain, String ip, Instant created, long firstEventTicks) {
    final List<ComplexValue> items = new ArrayList<>();
    final boolean unix = machine != null && !machine.windows();
    for (EvidenceKind kind : t.evidence()) {
      final ComplexValue e = evidenceShape.newValue().set(c.evCreated, created);
      switch (kind) {
        case FILE -> {
          e.set(c.evType, "File").set(c.evSha1, file.sha1()).set(c.evSha256, file.sha256())
              .set(c.evFileName, file.fileName());
          e.set(c.evFilePath, machine == null ? null : unix ? r.pick("/tmp", "/var/tmp", "/home/" + user.accountName()
              + "/Downloads") : file.folder().replace("{user}", user.accountName()));
          e.set(c.evDetection, t.detectionSource().equals("WindowsDefenderAv")
              ? r.pick("Prevented", "Blocked", "Detected") : r.chance(0.5) ? "Detected" : null);
        }
        case PROCESS -> {
          final ProcessImage image = r.pick(unix ? pools.unixProcesses : pools.windowsProcesses);
          final String[] parent = unix ? r.pick(new String[] {"sshd", "/usr/sbin"}, new String[] {"bash", "/usr/bin"},
              new String[] {"cron", "/usr/sbin"}) : r.pick(new String[] {"explorer.exe", "C:\\Windows"},
              new String[] {"WINWORD.EXE", "C:\\Program Files\\Microsoft Office\\root\\Office16"},
              new String[] {"cmd.exe", "C:\\Windows\\System32"}, new String[] {"services.exe", "C:\\Windows\\System32"},
              new String[] {"WmiPrvSE.exe", "C:\\Windows\\System32\\wbem"});
          final long processStart = firstEventTicks - r.nextLong(30 * TICKS_PER_SECOND);
          e.set(c.evType, "Process").set(c.evSha1, image.sha1()).set(c.evSha256, image.sha256())
              .set(c.evFileName, image.fileName()).set(c.evFilePath, image.folder())
              .set(c.evProcessId, (long) r.between(250, 12_000) * 4)
              .set(c.evCommandLine, r.pick(image.commandLines()).replace("{file}", file.fileName())
                  .replace("{domain}", domain).replace("{ip}", ip).replace("{user}", user.accountName()))
              .set(c.evProcessCreated, instant(processStart))
              .set(c.evParentId, (long) r.between(100, 8_000) * 4)
              .set(c.evParentCreated, instant(processStart - r.between(1, 86_400) * TICKS_PER_SECOND
                  - r.nextLong(TICKS_PER_SECOND)))
              .set(c.evParentName, parent[0]).set(c.evParentPath, parent[1])
              .set(c.evAccount, user.accountName()).set(c.evDomain, user.domainName()).set(c.evSid, user.sid())
              .set(c.evDetection, r.chance(0.6) ? "Detected" : null);
        }
        case USER -> e.set(c.evType, "User").set(c.evAccount, user.accountName()).set(c.evDomain, user.domainName())
            .set(c.evSid, user.sid()).set(c.evAadUser, user.aadUserId()).set(c.evUpn, user.upn());
        case IP -> e.set(c.evType, "Ip").set(c.evIp, ip);
        case URL -> e.set(c.evType, "Url").set(c.evUrl, r.pick("https://", "http://") + domain
            + r.pick("/", "/login.php", "/download/" + file.fileName(), "/a", "/invoice?id=" + r.between(1000, 99999)));
        case REGISTRY -> {
          final boolean machineHive = r.chance(0.6);
          e.set(c.evType, "RegistryKey")
              .set(c.evRegistryHive, machineHive ? "HKEY_LOCAL_MACHINE" : "HKEY_CURRENT_USER")
              .set(c.evRegistryKey, (machineHive ? "HKEY_LOCAL_MACHINE\\SOFTWARE" : "HKEY_CURRENT_USER\\Software")
                  + "\\Microsoft\\Windows\\CurrentVersion\\Run")
              .set(c.evRegistryValueName, r.pick("Updater", "OneDriveSync", "SecurityHealth", "chrome_update"))
              .set(c.evRegistryValue, file.folder().replace("{user}", user.accountName()) + "\\" + file.fileName())
              .set(c.evRegistryValueType, r.pick("String", "ExpandString"));
        }
        default -> throw new IllegalStateException(kind.name());
      }
      items.add(e);
    }
    if (machine != null && r.chance(0.1)) {
      // Real alerts carry evidence items with nothing but a type and a time.
      items.add(evidenceShape.newValue().set(c.evCreated, created).set(c.evType, "Machine"));
    }
    return List.copyOf(items);
  }

  /** The device of an incident: every alert of an incident fires on the same one (or none). */
  private MachineFacts device(long incident) {
    if (devices.isEmpty()) {
      return null;
    }
    final Rng r = Rng.of(seed, 11, incident);
    if (r.chance(0.05)) {
      return null;
    }
    // A few devices raise most alerts, as in real tenants.
    return devices.get((int) (devices.size() * Math.pow(r.nextDouble(), 1.8)));
  }

  private UserAccount account(int index) {
    final int people = pools.users.size();
    return index < people ? pools.users.get(index) : pools.serviceAccounts.get(index - people);
  }

  private static Instant instant(long epochTicks) {
    return Instant.ofEpochSecond(Math.floorDiv(epochTicks, TICKS_PER_SECOND),
        Math.floorMod(epochTicks, TICKS_PER_SECOND) * 100);
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static long ticks(Instant t) {
    return t.getEpochSecond() * TICKS_PER_SECOND + t.getNano() / 100;
  }

  /** What a template's alerts share: the detector's id and the description split at its placeholders. */
  private record Prepared(String detectorId, FilledText description) {
  }

  /** The row and element positions of the properties this generator fills, resolved once from the model. */
  private final class Columns {
    final int id = shape.index("id");
    final int incidentId = shape.index("incidentId");
    final int investigationId = shape.index("investigationId");
    final int assignedTo = shape.index("assignedTo");
    final int severity = shape.index("severity");
    final int status = shape.index("status");
    final int classification = shape.index("classification");
    final int determination = shape.index("determination");
    final int investigationState = shape.index("investigationState");
    final int detectionSource = shape.index("detectionSource");
    final int detectorId = shape.index("detectorId");
    final int category = shape.index("category");
    final int threatFamilyName = shape.index("threatFamilyName");
    final int threatName = shape.index("threatName");
    final int title = shape.index("title");
    final int description = shape.index("description");
    final int alertCreationTime = shape.index("alertCreationTime");
    final int firstEventTime = shape.index("firstEventTime");
    final int lastEventTime = shape.index("lastEventTime");
    final int lastUpdateTime = shape.index("lastUpdateTime");
    final int resolvedTime = shape.index("resolvedTime");
    final int machineId = shape.index("machineId");
    final int computerDnsName = shape.index("computerDnsName");
    final int rbacGroupName = shape.index("rbacGroupName");
    final int aadTenantId = shape.index("aadTenantId");
    final int relatedUserName = shape.index("relatedUser/userName");
    final int relatedUserDomain = shape.index("relatedUser/domainName");
    final int mitreTechniques = shape.index("mitreTechniques");
    final int loggedOnUsers = shape.index("loggedOnUsers");
    final int comments = shape.index("comments");
    final int evidence = shape.index("evidence");
    final int domains = shape.index("domains");
    final int loAccount = loggedOnShape.index("accountName");
    final int loDomain = loggedOnShape.index("domainName");
    final int commentText = commentShape.index("comment");
    final int commentBy = commentShape.index("createdBy");
    final int commentTime = commentShape.index("createdTime");
    final int domainHost = domainShape.index("host");
    final int evType = evidenceShape.index("entityType");
    final int evCreated = evidenceShape.index("evidenceCreationTime");
    final int evSha1 = evidenceShape.index("sha1");
    final int evSha256 = evidenceShape.index("sha256");
    final int evFileName = evidenceShape.index("fileName");
    final int evFilePath = evidenceShape.index("filePath");
    final int evProcessId = evidenceShape.index("processId");
    final int evCommandLine = evidenceShape.index("processCommandLine");
    final int evProcessCreated = evidenceShape.index("processCreationTime");
    final int evParentId = evidenceShape.index("parentProcessId");
    final int evParentCreated = evidenceShape.index("parentProcessCreationTime");
    final int evParentName = evidenceShape.index("parentProcessFileName");
    final int evParentPath = evidenceShape.index("parentProcessFilePath");
    final int evIp = evidenceShape.index("ipAddress");
    final int evUrl = evidenceShape.index("url");
    final int evRegistryKey = evidenceShape.index("registryKey");
    final int evRegistryHive = evidenceShape.index("registryHive");
    final int evRegistryValueType = evidenceShape.index("registryValueType");
    final int evRegistryValue = evidenceShape.index("registryValue");
    final int evRegistryValueName = evidenceShape.index("registryValueName");
    final int evAccount = evidenceShape.index("accountName");
    final int evDomain = evidenceShape.index("domainName");
    final int evSid = evidenceShape.index("userSid");
    final int evAadUser = evidenceShape.index("aadUserId");
    final int evUpn = evidenceShape.index("userPrincipalName");
    final int evDetection = evidenceShape.index("detectionStatus");
  }
}
