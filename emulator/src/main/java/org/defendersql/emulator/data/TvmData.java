package org.defendersql.emulator.data;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;

/**
 * The vulnerability management tables of the tenant, all derived from one {@link TvmInventory}: the CVEs exposed
 * (with their device counts), every machine, product version and CVE ({@code machine_vulnerabilities}, the
 * machine references of a CVE, the export), the products, a recommendation per exposed product, remediation
 * activities for some of them, and the changes since a time. Built on first use: the default tenant's takes a few
 * milliseconds.
 */
final class TvmData {
  /** The tables this class serves. */
  static final Set<Entity> SERVED = Set.of(DefenderModel.VULNERABILITIES, DefenderModel.MACHINE_VULNERABILITIES,
      DefenderModel.SOFTWARE, DefenderModel.RECOMMENDATIONS, DefenderModel.REMEDIATION_TASKS,
      DefenderModel.MACHINE_CVES, DefenderModel.MACHINE_SOFTWARE, DefenderModel.CVE_MACHINES,
      DefenderModel.SOFTWARE_MACHINES, DefenderModel.SOFTWARE_CVES, DefenderModel.SOFTWARE_VULNERABILITY_EXPORT,
      DefenderModel.SOFTWARE_VULNERABILITY_CHANGES);

  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
      .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TICKS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSS",
      Locale.ROOT).withZone(ZoneOffset.UTC);
  /** The service computes changes every 6 hours: a {@code sinceTime} counts from the start of its period. */
  static final Duration PERIOD = Duration.ofHours(6);

  private final Instant now;
  private final List<Object[]> machineRows;
  private final RowShape machine = new RowShape(DefenderModel.MACHINES);
  private final Map<Entity, RowShape> shapes = new java.util.concurrent.ConcurrentHashMap<>();
  private final TvmInventory inventory;
  /** CVE id to its exposed machines (positions, in order); only CVEs with an exposed machine. */
  private final Map<String, TreeSet<Integer>> exposed = new TreeMap<>();
  /** Product id to the machines it is installed on, and to its installed CVEs. */
  private final Map<String, TreeSet<Integer>> installedOn = new LinkedHashMap<>();
  private final Map<String, Set<String>> productCves = new LinkedHashMap<>();
  private final Map<String, TvmCatalog.Product> products = new LinkedHashMap<>();
  private final Map<String, Object[]> vulnerabilities = new LinkedHashMap<>();
  private final Map<String, Object[]> software = new LinkedHashMap<>();
  private final Map<String, Object[]> recommendations = new LinkedHashMap<>();
  private final Map<String, Object[]> tasks = new LinkedHashMap<>();
  private final List<Object[]> machineVulnerabilities = new ArrayList<>();
  private final List<Object[]> export = new ArrayList<>();
  private List<TvmSoftware> installedList;
  /** Machine position to the version of its operating system, for the export's rows. */
  private final Map<Integer, String> osVersions = new java.util.HashMap<>();

  TvmData(long seed, Instant now, List<Object[]> machineRows) {
    this.now = now;
    this.machineRows = machineRows;
    this.inventory = new TvmInventory(seed, now, machineRows);
    for (TvmInventory.Installed i : inventory.installed()) {
      if (i.product().category().equals("OS")) {
        osVersions.put(i.machine(), i.version().version());
      }
    }
    for (TvmInventory.Installed i : inventory.installed()) {
      final String id = i.product().id();
      products.putIfAbsent(id, i.product());
      installedOn.computeIfAbsent(id, k -> new TreeSet<>()).add(i.machine());
      final Set<String> cves = productCves.computeIfAbsent(id, k -> new TreeSet<>());
      for (String cve : i.version().cves()) {
        cves.add(cve);
        exposed.computeIfAbsent(cve, k -> new TreeSet<>()).add(i.machine());
        machineVulnerabilities.add(machineVulnerability(i, TvmCatalog.CVES.get(cve)));
      }
      if (i.version().cves().isEmpty()) {
        export.add(exportRow(DefenderModel.SOFTWARE_VULNERABILITY_EXPORT, i, null));
      }
      for (String cve : i.version().cves()) {
        export.add(exportRow(DefenderModel.SOFTWARE_VULNERABILITY_EXPORT, i, TvmCatalog.CVES.get(cve)));
      }
    }
    exposed.forEach((cve, machines) -> vulnerabilities.put(cve, vulnerability(TvmCatalog.CVES.get(cve))));
    products.forEach((id, p) -> software.put(id, software(p)));
    final Rng r = Rng.of(seed, 143, 0);
    products.forEach((id, p) -> {
      if (!productCves.get(id).isEmpty()) {
        final Object[] rec = recommendation(p);
        recommendations.put((String) rec[0], rec);
        if (r.chance(0.6)) {
          final Object[] task = task(p, r);
          tasks.put((String) task[0], task);
        }
      }
    });
  }

  /** Whether the table is one of vulnerability management's. */
  static boolean serves(Entity table) {
    return SERVED.contains(table);
  }

  /** The rows of a collection endpoint. */
  EntityTable table(Entity entity) {
    final List<Object[]> rows;
    if (entity.equals(DefenderModel.VULNERABILITIES)) {
      rows = List.copyOf(vulnerabilities.values());
    } else if (entity.equals(DefenderModel.MACHINE_VULNERABILITIES)) {
      rows = machineVulnerabilities;
    } else if (entity.equals(DefenderModel.SOFTWARE)) {
      rows = List.copyOf(software.values());
    } else if (entity.equals(DefenderModel.RECOMMENDATIONS)) {
      rows = List.copyOf(recommendations.values());
    } else if (entity.equals(DefenderModel.REMEDIATION_TASKS)) {
      rows = List.copyOf(tasks.values());
    } else if (entity.equals(DefenderModel.SOFTWARE_VULNERABILITY_EXPORT)) {
      rows = export;
    } else {
      throw new IllegalArgumentException("the emulator has no list of " + entity.tableName());
    }
    return ListTable.of(entity, rows);
  }

  /**
   * The answer of a keyed endpoint of a vulnerability management table for one key: one entity (404 when
   * unknown), or the collection of a machine, a CVE or a product (404 when the owner is unknown), or the changes
   * since a time (400 when it is not one).
   */
  Keyed keyed(Entity table, String key, MachineTable machines) {
    final Entity served = ServedEntities.of(table);
    if (table.equals(DefenderModel.VULNERABILITIES)) {
      return one(served, vulnerabilities.get(key.toUpperCase(Locale.ROOT)), "Vulnerability", key);
    }
    if (table.equals(DefenderModel.SOFTWARE)) {
      return one(served, software.get(key.toLowerCase(Locale.ROOT)), "Software", key);
    }
    if (table.equals(DefenderModel.RECOMMENDATIONS)) {
      return one(served, recommendations.get(key.toLowerCase(Locale.ROOT)), "Recommendation", key);
    }
    if (table.equals(DefenderModel.REMEDIATION_TASKS)) {
      return one(served, tasks.get(key.toLowerCase(Locale.ROOT)), "Remediation task", key);
    }
    if (table.equals(DefenderModel.MACHINE_CVES) || table.equals(DefenderModel.MACHINE_SOFTWARE)) {
      final long m = machines.find(key);
      if (m < 0) {
        return Keyed.error(404, "ResourceNotFound", "Machine " + key + " was not found");
      }
      final boolean cves = table.equals(DefenderModel.MACHINE_CVES);
      final Set<String> ids = new LinkedHashSet<>();
      for (TvmInventory.Installed i : inventory.installed()) {
        if (i.machine() == m) {
          if (cves) {
            ids.addAll(i.version().cves());
          } else {
            ids.add(i.product().id());
          }
        }
      }
      final List<Object[]> rows = new ArrayList<>();
      for (String id : cves ? new TreeSet<>(ids) : ids) {
        rows.add(cves ? vulnerabilities.get(id) : software.get(id));
      }
      return Keyed.found(ListTable.of(served, rows));
    }
    if (table.equals(DefenderModel.CVE_MACHINES)) {
      final TreeSet<Integer> on = exposed.get(key.toUpperCase(Locale.ROOT));
      return on == null ? Keyed.error(404, "ResourceNotFound", "Vulnerability " + key + " was not found")
          : Keyed.found(ListTable.of(served, on.stream().map(this::asset).toList()));
    }
    if (table.equals(DefenderModel.SOFTWARE_MACHINES) || table.equals(DefenderModel.SOFTWARE_CVES)) {
      final String id = key.toLowerCase(Locale.ROOT);
      if (!software.containsKey(id)) {
        return Keyed.error(404, "ResourceNotFound", "Software " + key + " was not found");
      }
      return Keyed.found(ListTable.of(served, table.equals(DefenderModel.SOFTWARE_MACHINES)
          ? installedOn.get(id).stream().map(this::asset).toList()
          : productCves.get(id).stream().map(vulnerabilities::get).toList()));
    }
    if (table.equals(DefenderModel.SOFTWARE_VULNERABILITY_CHANGES)) {
      final Instant since = sinceTime(key);
      if (since == null) {
        return Keyed.error(400, "InvalidInput", "sinceTime '" + key + "' is not a valid time: expected ISO-8601, "
            + "e.g. 2021-05-19T18:35:49.924Z.");
      }
      return Keyed.found(ListTable.of(served, changes(since)));
    }
    throw new IllegalArgumentException("no keyed endpoint of " + table.tableName());
  }

  /** The changes found from the start of the 6-hour period {@code since} falls in, oldest first. */
  List<Object[]> changes(Instant since) {
    final long period = PERIOD.toSeconds();
    final Instant from = Instant.ofEpochSecond(Math.floorDiv(since.getEpochSecond(), period) * period);
    final List<Object[]> rows = new ArrayList<>();
    for (TvmInventory.Change c : inventory.changes()) {
      if (!c.at().isBefore(from)) {
        final Object[] row = exportRow(ServedEntities.of(DefenderModel.SOFTWARE_VULNERABILITY_CHANGES),
            c.installed(), TvmCatalog.CVES.get(c.cve()));
        final RowShape shape = shape(ServedEntities.of(DefenderModel.SOFTWARE_VULNERABILITY_CHANGES));
        row[shape.index("status")] = c.status();
        row[shape.index("eventTimestamp")] = TICKS.format(c.at());
        row[shape.index("isOnboarded")] = true;
        rows.add(row);
      }
    }
    return rows;
  }

  /** An ISO-8601 date or time ({@code Z} or an offset; none is UTC), or null. */
  static Instant sinceTime(String text) {
    try {
      if (text.length() == 10) {
        return java.time.LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      final java.time.temporal.TemporalAccessor t = DateTimeFormatter.ISO_DATE_TIME.parseBest(text,
          java.time.OffsetDateTime::from, java.time.LocalDateTime::from);
      return t instanceof java.time.OffsetDateTime o ? o.toInstant()
          : ((java.time.LocalDateTime) t).toInstant(ZoneOffset.UTC);
    } catch (java.time.DateTimeException e) {
      return null;
    }
  }

  private static Keyed one(Entity served, Object[] row, String what, String key) {
    return row == null ? Keyed.error(404, "ResourceNotFound", what + " " + key + " was not found")
        : Keyed.found(ListTable.of(served, List.<Object[]>of(row)));
  }

  // ---- rows

  /** Where each property of an entity's rows sits, computed once per entity. */
  private RowShape shape(Entity entity) {
    return shapes.computeIfAbsent(entity, RowShape::new);
  }

  private Object machineValue(int m, String property) {
    return machineRows.get(m)[machine.index(property)];
  }

  private Object[] asset(int m) {
    final RowShape s = shape(ServedEntities.of(DefenderModel.CVE_MACHINES));
    final Object[] row = s.newRow();
    row[s.index("id")] = machineValue(m, "id");
    row[s.index("computerDnsName")] = machineValue(m, "computerDnsName");
    row[s.index("osPlatform")] = machineValue(m, "osPlatform");
    row[s.index("assetCriticalityLevel")] = "High".equals(machineValue(m, "deviceValue")) ? "High" : null;
    row[s.index("tags")] = machineValue(m, "machineTags");
    row[s.index("rbacGroupName")] = machineValue(m, "rbacGroupName");
    final Object group = machineValue(m, "rbacGroupId");
    row[s.index("rbacGroupId")] = group == null ? null : ((Number) group).longValue();
    return row;
  }

  private Object[] vulnerability(TvmCatalog.Cve c) {
    final RowShape s = shape(DefenderModel.VULNERABILITIES);
    final Object[] row = s.newRow();
    final TreeSet<Integer> machines = exposed.get(c.id());
    Instant first = null;
    for (TvmInventory.Installed i : inventory.installed()) {
      if (i.version().cves().contains(c.id()) && (first == null || i.firstSeen().isBefore(first))) {
        first = i.firstSeen();
      }
    }
    row[s.index("id")] = c.id();
    row[s.index("name")] = c.id();
    row[s.index("description")] = c.description();
    row[s.index("severity")] = c.severity();
    row[s.index("cvssV3")] = c.cvss();
    row[s.index("cvssVector")] = c.vector();
    row[s.index("exposedMachines")] = (long) machines.size();
    row[s.index("publishedOn")] = c.published();
    row[s.index("updatedOn")] = c.published().plus(Duration.ofDays(9)).plusSeconds(4_980);
    row[s.index("firstDetected")] = first;
    row[s.index("patchFirstAvailable")] = c.published().plus(Duration.ofDays(1));
    row[s.index("publicExploit")] = c.publicExploit();
    row[s.index("exploitVerified")] = c.verified();
    row[s.index("exploitInKit")] = c.inKit();
    row[s.index("exploitTypes")] = c.types();
    row[s.index("exploitUris")] = c.publicExploit() ? List.of("https://www.exploit-db.com/search?cve="
        + c.id().substring(4)) : List.of();
    row[s.index("cveSupportability")] = "Supported";
    row[s.index("tags")] = c.tags();
    row[s.index("epss")] = c.epss();
    row[s.index("status")] = "RemediationRequired";
    return row;
  }

  private Object[] machineVulnerability(TvmInventory.Installed i, TvmCatalog.Cve c) {
    final RowShape s = shape(DefenderModel.MACHINE_VULNERABILITIES);
    final Object[] row = s.newRow();
    final String machineId = (String) machineValue(i.machine(), "id");
    final TvmCatalog.Product p = i.product();
    row[s.index("id")] = String.join("-_-", machineId, c.id(), p.vendor(), p.name(), i.version().version(),
        c.kb() == null ? "" : c.kb());
    row[s.index("cveId")] = c.id();
    row[s.index("machineId")] = machineId;
    row[s.index("fixingKbId")] = c.kb();
    row[s.index("productName")] = p.name();
    row[s.index("productVendor")] = p.vendor();
    row[s.index("productVersion")] = i.version().version();
    row[s.index("severity")] = c.severity();
    return row;
  }

  private Object[] exportRow(Entity entity, TvmInventory.Installed i, TvmCatalog.Cve c) {
    final RowShape s = shape(entity);
    final Object[] row = s.newRow();
    final int m = i.machine();
    final TvmCatalog.Product p = i.product();
    final String machineId = (String) machineValue(m, "id");
    final String platform = (String) machineValue(m, "osPlatform");
    final boolean windows = platform.startsWith("Windows");
    row[s.index("id")] = machineId + "_" + p.name() + "_" + i.version().version() + "_" + (c == null ? ""
        : c.id()) + "_";
    row[s.index("deviceId")] = machineId;
    final Object group = machineValue(m, "rbacGroupName");
    row[s.index("rbacGroupName")] = group == null ? "Unassigned" : group;
    row[s.index("deviceName")] = machineValue(m, "computerDnsName");
    row[s.index("osPlatform")] = platform;
    row[s.index("osVersion")] = osVersion(m);
    row[s.index("osArchitecture")] = "64-bit".equals(machineValue(m, "osArchitecture")) ? "x64" : "x86";
    row[s.index("softwareVendor")] = p.vendor();
    row[s.index("softwareName")] = p.name();
    row[s.index("softwareVersion")] = i.version().version();
    if (c != null) {
      row[s.index("cveId")] = c.id();
      row[s.index("cvssScore")] = c.cvss();
      row[s.index("vulnerabilitySeverityLevel")] = c.severity();
      row[s.index("recommendedSecurityUpdate")] = c.update();
      row[s.index("recommendedSecurityUpdateId")] = c.kb();
      row[s.index("recommendedSecurityUpdateUrl")] = c.kb() == null ? null
          : "https://catalog.update.microsoft.com/v7/site/Search.aspx?q=KB" + c.kb();
    }
    final boolean os = p.category().equals("OS");
    row[s.index("diskPaths")] = os ? List.of() : List.of(windows ? "C:\\Program Files\\" + p.display() + "\\"
        + p.name() + ".exe" : "/usr/bin/" + p.name());
    row[s.index("registryPaths")] = windows && !os ? List.of("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\"
        + "CurrentVersion\\Uninstall\\" + p.display()) : List.of();
    row[s.index("firstSeenTimestamp")] = SECONDS.format(i.firstSeen());
    row[s.index("lastSeenTimestamp")] = SECONDS.format(i.lastSeen());
    row[s.index("exploitabilityLevel")] = c == null ? "NoExploit" : c.exploitability();
    row[s.index("recommendationReference")] = "va-_-" + p.vendor() + "-_-" + p.name();
    row[s.index("securityUpdateAvailable")] = c != null;
    return row;
  }

  /** The version of the machine's operating system as its inventory holds it. */
  private String osVersion(int m) {
    return osVersions.get(m);
  }

  private Object[] software(TvmCatalog.Product p) {
    final RowShape s = shape(DefenderModel.SOFTWARE);
    final Object[] row = s.newRow();
    final Set<String> cves = productCves.get(p.id());
    final long exposedCount = exposedMachines(p);
    row[s.index("id")] = p.id();
    row[s.index("name")] = p.name();
    row[s.index("vendor")] = p.vendor();
    row[s.index("weaknesses")] = (long) cves.size();
    row[s.index("publicExploit")] = cves.stream().anyMatch(c -> TvmCatalog.CVES.get(c).publicExploit());
    row[s.index("activeAlert")] = false;
    row[s.index("exposedMachines")] = exposedCount;
    row[s.index("installedMachines")] = (long) installedOn.get(p.id()).size();
    row[s.index("impactScore")] = impact(p);
    row[s.index("isNormalized")] = true;
    row[s.index("category")] = p.category();
    return row;
  }

  private long exposedMachines(TvmCatalog.Product p) {
    return inventory.installed().stream().filter(i -> i.product().id().equals(p.id()) && !i.version().cves()
        .isEmpty()).map(TvmInventory.Installed::machine).distinct().count();
  }

  /** How much updating the product lowers the exposure score: its exposed share times its worst CVSS. */
  private double impact(TvmCatalog.Product p) {
    final double worst = productCves.get(p.id()).stream().mapToDouble(c -> TvmCatalog.CVES.get(c).cvss()).max()
        .orElse(0);
    final double share = machineRows.isEmpty() ? 0 : exposedMachines(p) / (double) machineRows.size();
    return Math.round(share * worst * 100) / 100.0;
  }

  private Object[] recommendation(TvmCatalog.Product p) {
    final RowShape s = shape(DefenderModel.RECOMMENDATIONS);
    final Object[] row = s.newRow();
    final Set<String> cves = productCves.get(p.id());
    final boolean os = p.category().equals("OS");
    row[s.index("id")] = "va-_-" + p.vendor() + "-_-" + p.name();
    row[s.index("productName")] = p.name();
    row[s.index("recommendationName")] = "Update " + p.display();
    row[s.index("weaknesses")] = (long) cves.size();
    row[s.index("vendor")] = p.vendor();
    row[s.index("recommendedVersion")] = os ? null : p.latest().version();
    row[s.index("recommendationCategory")] = os ? "OS" : "Application";
    row[s.index("subCategory")] = "";
    row[s.index("severityScore")] = cves.stream().mapToDouble(c -> TvmCatalog.CVES.get(c).cvss()).max().orElse(0);
    row[s.index("publicExploit")] = cves.stream().anyMatch(c -> TvmCatalog.CVES.get(c).publicExploit());
    row[s.index("activeAlert")] = false;
    row[s.index("remediationType")] = "Update";
    row[s.index("status")] = "Active";
    row[s.index("configScoreImpact")] = 0.0;
    row[s.index("exposureImpact")] = impact(p);
    row[s.index("totalMachineCount")] = (long) installedOn.get(p.id()).size();
    row[s.index("exposedMachinesCount")] = exposedMachines(p);
    row[s.index("nonProductivityImpactedAssets")] = 0L;
    row[s.index("relatedComponent")] = p.display();
    row[s.index("hasUnpatchableCve")] = false;
    row[s.index("exposedCriticalDevices")] = inventory.installed().stream().filter(i -> i.product().id()
        .equals(p.id()) && !i.version().cves().isEmpty() && "High".equals(machineValue(i.machine(), "deviceValue")))
        .map(TvmInventory.Installed::machine).distinct().count();
    return row;
  }

  private Object[] task(TvmCatalog.Product p, Rng r) {
    final RowShape s = shape(DefenderModel.REMEDIATION_TASKS);
    final Object[] row = s.newRow();
    final Instant created = r.instant(now.getEpochSecond() - r.between(86_400, 60 * 86_400));
    final long target = exposedMachines(p);
    final boolean done = r.chance(0.25);
    final Set<String> groups = new TreeSet<>();
    for (TvmInventory.Installed i : inventory.installed()) {
      if (i.product().id().equals(p.id()) && !i.version().cves().isEmpty()) {
        final Object group = machineValue(i.machine(), "rbacGroupName");
        groups.add(group == null ? "UnassignedGroup" : (String) group);
      }
    }
    final String requester = r.pick("secops", "it.admin", "vuln.manager");
    row[s.index("id")] = r.guid();
    row[s.index("title")] = "Update " + p.display();
    row[s.index("createdOn")] = created;
    row[s.index("requesterId")] = r.guid();
    row[s.index("requesterEmail")] = requester + "@contoso.com";
    row[s.index("status")] = done ? "Completed" : "Active";
    row[s.index("statusLastModifiedOn")] = done ? created.plus(Duration.ofDays(r.between(1, 20))) : created;
    row[s.index("description")] = "Update " + p.display() + " to a later version to mitigate "
        + productCves.get(p.id()).size() + " known vulnerabilities affecting your devices.";
    row[s.index("relatedComponent")] = p.display();
    row[s.index("targetDevices")] = target;
    row[s.index("rbacGroupNames")] = List.copyOf(groups);
    row[s.index("fixedDevices")] = done ? target : (long) r.between(0, (int) Math.max(0, target - 1));
    row[s.index("dueOn")] = created.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(r.pick(7, 14, 30)));
    row[s.index("category")] = "Software";
    row[s.index("productivityImpactRemediationType")] = "AllExposedAssets";
    row[s.index("priority")] = r.pick("High", "Medium", "Low");
    row[s.index("completionMethod")] = done ? "Automatic" : null;
    row[s.index("type")] = "Update";
    row[s.index("productId")] = p.id();
    row[s.index("vendorId")] = p.vendor();
    row[s.index("nameId")] = p.name();
    row[s.index("recommendedVersion")] = p.category().equals("OS") ? null : p.latest().version();
    return row;
  }

  /** Every product version installed now, machine by machine: what the hunting TVM tables show. */
  synchronized List<TvmSoftware> software() {
    if (installedList == null) {
      installedList = inventory.installed().stream().map(i -> new TvmSoftware(i.machine(), i.product().vendor(),
        i.product().name(), i.version().version(), i.version().endOfSupport(), i.version().cves().stream()
        .map(TvmCatalog.CVES::get).map(c -> new TvmSoftware.Cve(c.id(), c.severity(), c.update(),
            c.kb() == null ? "" : c.kb(), c.tags())).toList())).toList();
    }
    return installedList;
  }

  // ---- for tests

  /** The machine positions exposed to each CVE. */
  Map<String, TreeSet<Integer>> exposedMachinesByCve() {
    return exposed;
  }
}
