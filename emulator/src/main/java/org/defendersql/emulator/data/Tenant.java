package org.defendersql.emulator.data;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;
import org.defendersql.model.Lookup;

/**
 * The emulated tenant's data: machines, their logon users, the files Defender knows and the shared pools held in
 * memory, alerts generated lazily from (seed, index). Everything is a function of the seed, the counts, "now" and
 * the tenant id.
 */
public final class Tenant {
  /** The service's cap on the machines related to a domain. */
  static final int DOMAIN_MACHINES_CAP = 500;

  private final MachineTable machines;
  private final AlertTable alerts;
  private final FileCatalog files;
  private final LogonTable logons;
  private final Relations relations;
  private final Instant now;
  /** Vulnerability management's tables, built on first use from the seed and the machines. */
  private final java.util.function.Supplier<TvmData> tvm;
  private TvmData tvmData;
  /** Machine actions, investigations, indicators, health, scores, statistics and searches; built lazily. */
  private final DeviceTables deviceTables;
  /** What the hunting tables and Graph's directory need, from this tenant's own pools and devices. */
  private final HuntingFacts huntingFacts;

  private Tenant(MachineTable machines, AlertTable alerts, FileCatalog files, LogonTable logons, Instant now,
      java.util.function.Supplier<TvmData> tvm, long seed, Pools pools, HuntingFacts huntingFacts) {
    this.machines = machines;
    this.alerts = alerts;
    this.files = files;
    this.logons = logons;
    this.now = now;
    this.relations = new Relations(alerts, now);
    this.tvm = tvm;
    this.deviceTables = new DeviceTables(seed, now, machines, alerts, relations, pools);
    this.huntingFacts = huntingFacts;
  }

  /** Generates a tenant. */
  public static Tenant generate(long seed, int machineCount, long alertCount, Instant now, String tenantId) {
    if (machineCount < 0 || alertCount < 0 || alertCount > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("counts must be in 0.." + Integer.MAX_VALUE);
    }
    final Pools pools = new Pools(seed, machineCount);
    final MachineGenerator generator = new MachineGenerator(seed, now, pools);
    final List<Object[]> rows = new ArrayList<>(machineCount);
    final List<MachineFacts> devices = new ArrayList<>();
    for (int i = 0; i < machineCount; i++) {
      final MachineGenerator.Machine m = generator.machine(i);
      rows.add(m.row());
      if (m.facts() != null) {
        devices.add(m.facts());
      }
    }
    final AlertGenerator alerts = new AlertGenerator(seed, alertCount, now, tenantId, pools, devices);
    return new Tenant(new MachineTable(rows), new AlertTable(alerts), new FileCatalog(seed, now, pools),
        new LogonTable(seed, now, pools, rows, devices), now, () -> new TvmData(seed, now, rows),
        seed, pools, new HuntingFacts(pools, devices));
  }

  /**
   * The facts the hunting tables and Graph's directory draw on: the same as {@link HuntingFacts#of} for this
   * tenant's seed, machine count and "now", without generating the machines again.
   */
  public HuntingFacts huntingFacts() {
    return huntingFacts;
  }

  /** The table of a scannable entity of the model. */
  public EntityTable table(Entity entity) {
    if (DeviceTables.serves(entity)) {
      return deviceTables.table(entity);
    }
    if (TvmData.serves(entity)) {
      return tvm().table(entity);
    }
    if (entity.equals(DefenderModel.ALERTS)) {
      return alerts;
    }
    if (entity.equals(DefenderModel.MACHINES)) {
      return machines;
    }
    throw new IllegalArgumentException("the emulator has no list of " + entity.tableName());
  }

  /**
   * The software installed on the tenant's machines now, machine by machine (with the CVEs of each version): the
   * advanced-hunting TVM tables show these, the same facts as the Defender API's vulnerability tables.
   */
  public List<TvmSoftware> installedSoftware() {
    return tvm().software();
  }

  /** Vulnerability management's data, built on first use. */
  synchronized TvmData tvm() {
    if (tvmData == null) {
      tvmData = tvm.get();
    }
    return tvmData;
  }

  /** The tenant's "now": data spans the 90 days before it. */
  public Instant now() {
    return now;
  }

  /** How many files the tenant's file pool holds. */
  public int fileCount() {
    return files.size();
  }

  /** The SHA-1 of file {@code i} of the pool. */
  public String fileSha1(int i) {
    return files.sha1(i);
  }

  /**
   * The answer of a keyed endpoint of {@code table} for one key: {@code lookups} are the table's lookups that
   * share the requested path template (a file by SHA-1 or SHA-256). Rows are in the shape of
   * {@link ServedEntities#of}; a single entity's answer has one row (an alert with its evidence).
   */
  public Keyed keyed(Entity table, List<Lookup> lookups, String key) {
    return keyed(table, lookups, key, java.util.Map.of());
  }

  /**
   * The answer of a keyed endpoint whose path or query string carries parameters besides the key (findbyip's
   * {@code timestamp}, a statistics' {@code lookBackHours}), by lower-case name.
   */
  public Keyed keyed(Entity table, List<Lookup> lookups, String key, java.util.Map<String, String> parameters) {
    if (DeviceTables.serves(table)) {
      return deviceTables.keyed(table, key, parameters);
    }
    if (TvmData.serves(table)) {
      return tvm().keyed(table, key, machines);
    }
    final KeyKind kind = KeyKind.of(lookups.get(0).pathTemplate());
    // A machine may also be named by its computer name, which no id pattern admits.
    final Lookup lookup = lookups.stream().filter(l -> Pattern.matches(l.keyPattern(), key)).findFirst()
        .orElse(kind == KeyKind.MACHINE && !key.isBlank() ? lookups.get(0) : null);
    final String k = lookup == null ? null : kind.normalize(key);
    if (k == null) {
      return invalid(table, lookups, kind, key);
    }
    final Entity served = ServedEntities.of(table);
    switch (kind) {
      case HASH: {
        final int f = files.find(k);
        if (lookup.single()) {
          return f < 0 ? notFound(table, key) : Keyed.found(ListTable.of(served, List.<Object[]>of(files.row(f))));
        }
        return related(served, f < 0 ? new int[0] : relations.alerts(KeyKind.HASH, files.sha1(f)), false);
      }
      case ALERT: {
        final long i = alerts.find(key);
        return i < 0 ? notFound(DefenderModel.ALERTS, key)
            : Keyed.found(ListTable.of(served, List.<Object[]>of(alerts.row(i, true))));
      }
      case MACHINE: {
        final long m = machines.find(key);
        if (m < 0) {
          return notFound(DefenderModel.MACHINES, key);
        }
        final Object[] machine = machines.row(m, false);
        if (lookup.single()) {
          return Keyed.found(ListTable.of(served, List.<Object[]>of(machine)));
        }
        if (served.equals(DefenderModel.ALERTS)) {
          return Keyed.found(ListTable.positions(alerts, relations.alerts(KeyKind.MACHINE,
              (String) machine[machines.idIndex()])));
        }
        if (served.equals(LogonTable.SERVED)) {
          return Keyed.found(ListTable.of(served, logons.users((int) m)));
        }
        break;
      }
      case ACCOUNT:
        if (served.equals(DefenderModel.MACHINES)) {
          final List<Object[]> rows = new ArrayList<>();
          for (int m : logons.machines(k)) {
            rows.add(machines.row(m, false));
          }
          return Keyed.found(ListTable.of(served, rows));
        }
        return related(served, relations.alerts(kind, k), false);
      case IP:
      case DOMAIN:
        return related(served, relations.alerts(kind, k), kind == KeyKind.DOMAIN);
      default:
        break;
    }
    throw new IllegalArgumentException("the emulator does not serve " + lookups.get(0).pathTemplate() + " for "
        + table.tableName());
  }

  /** Related alerts, or the machines of those alerts (in machine order, capped for domains as the service). */
  private Keyed related(Entity served, int[] alertPositions, boolean capped) {
    if (served.equals(DefenderModel.ALERTS)) {
      return Keyed.found(ListTable.positions(alerts, alertPositions));
    }
    final int[] positions = relations.machineIds(alertPositions).stream().mapToInt(id -> (int) machines.find(id))
        .filter(i -> i >= 0).sorted().toArray();
    final int[] kept = capped && positions.length > DOMAIN_MACHINES_CAP
        ? Arrays.copyOf(positions, DOMAIN_MACHINES_CAP) : positions;
    return Keyed.found(ListTable.positions(machines, kept));
  }

  private static Keyed notFound(Entity entity, String key) {
    return Keyed.error(404, "ResourceNotFound", ServedEntities.singularName(entity) + " " + key + " was not found");
  }

  /** A key the path's pattern (or the kind's own rules) rejects: 400, or what the service answers instead. */
  private static Keyed invalid(Entity table, List<Lookup> lookups, KeyKind kind, String key) {
    if (kind.invalidCode() != null) {
      final String expected = String.join(" or ", lookups.stream().map(l -> l.keyColumn().replace("file_", "")
          .toUpperCase(java.util.Locale.ROOT).replace("SHA", "SHA-")).distinct().toList());
      return Keyed.error(400, kind.invalidCode(), kind.invalidMessage(key, expected));
    }
    if (kind == KeyKind.ACCOUNT) {
      // A UPN or domain\account names no account the API knows: an empty collection, as documented.
      return Keyed.found(ListTable.of(ServedEntities.of(table), List.of()));
    }
    return notFound(kind == KeyKind.ALERT ? DefenderModel.ALERTS : DefenderModel.MACHINES, key);
  }

  /**
   * A file's statistics ({@code GET /api/files/{sha1}/stats}), or the error: a key that is not a SHA-1 is 400
   * {@code InvalidHashValue}, an unknown file 404.
   */
  public StatsAnswer fileStats(String key, int lookBackHours) {
    final Entity table = DefenderModel.FILES;
    final List<Lookup> bySha1 = table.lookupsBy(table.keyColumn());
    final Keyed file = keyed(table, bySha1, key);
    if (!file.ok()) {
      return new StatsAnswer(null, null, file);
    }
    final Object[] row = file.rows().row(0, false);
    final String sha1 = (String) row[ServedEntities.of(table).indexOf(ServedEntities.of(table).key())];
    return new StatsAnswer(row, relations.fileStats(sha1, lookBackHours), file);
  }

  /**
   * The statistics answer: the file's served row and its statistics, or the error in {@code file}.
   *
   * @param file the lookup of the file itself
   */
  public record StatsAnswer(Object[] fileRow, FileStats stats, Keyed file) {
    /** The answer's row, in the shape of {@link FileStatsShape#ENTITY}. */
    public Object[] row() {
      return FileStatsShape.row(fileRow, stats);
    }
  }

  // ---- for the test data API

  /** The device tables: machine actions, investigations, indicators, health, scores, the machine searches. */
  public DeviceTables deviceTables() {
    return deviceTables;
  }

  /** The served row of file {@code i} of the pool. */
  public Object[] fileRow(int i) {
    return files.row(i);
  }

  /** The default 30-day statistics of a file of the pool. */
  public FileStats defaultFileStats(String sha1) {
    return relations.fileStats(sha1, FileStats.DEFAULT_LOOK_BACK_HOURS);
  }

  /** The logon users of machine {@code index}, as served. */
  public List<Object[]> logonUsers(int machineIndex) {
    return logons.users(machineIndex);
  }
}
