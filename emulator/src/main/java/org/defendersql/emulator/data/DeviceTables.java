package org.defendersql.emulator.data;

import static org.defendersql.model.EdmType.DATE_TIME_OFFSET;
import static org.defendersql.model.EdmType.INT32;
import static org.defendersql.model.EdmType.STRING;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.defendersql.emulator.odata.EdmDateTime;
import org.defendersql.emulator.odata.ODataException;
import org.defendersql.model.Column;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;

/**
 * The device tables of the tenant beside alerts and machines: machine actions, investigations, indicators, the
 * antivirus health report, the scores, the IP and domain statistics and the two machine searches (findbyip,
 * findbytag), with the service's answers to bad keys. Each list is built from the tenant's machines and alerts the
 * first time it is asked for, so an emulator that is never asked for them pays nothing at start.
 */
public final class DeviceTables {
  private static final Set<Entity> SERVED = Set.of(DefenderModel.INDICATORS, DefenderModel.MACHINE_ACTIONS,
      DefenderModel.INVESTIGATIONS, DefenderModel.EXPOSURE_SCORE, DefenderModel.EXPOSURE_SCORE_BY_MACHINE_GROUP,
      DefenderModel.DEVICE_SECURE_SCORE, DefenderModel.DEVICE_AV_HEALTH, DefenderModel.IP_STATS,
      DefenderModel.DOMAIN_STATS, DefenderModel.MACHINES_BY_IP, DefenderModel.MACHINES_BY_TAG);
  /** The statistics answers as the API writes them: the key, the legacy string prevalence, then the rest. */
  private static final Entity IP_STATS_SHAPE = statsShape(DefenderModel.IP_STATS, "InOrgIPStats",
      Column.of("ipAddress", STRING));
  private static final Entity DOMAIN_STATS_SHAPE = statsShape(DefenderModel.DOMAIN_STATS, "InOrgDomainStats",
      Column.of("host", STRING));
  private static final int LOOK_BACK_HOURS = FileStats.DEFAULT_LOOK_BACK_HOURS;

  private final MachineTable machines;
  private final EntityTable alerts;
  private final Relations relations;
  private final Instant now;
  private final DeviceActivity activity;
  private final DeviceHealth health;
  private final long seed;
  private final Map<Entity, EntityTable> tables = new java.util.concurrent.ConcurrentHashMap<>();
  private IpHistory ipHistory;

  DeviceTables(long seed, Instant now, MachineTable machines, EntityTable alerts, Relations relations, Pools pools) {
    this.seed = seed;
    this.now = now;
    this.machines = machines;
    this.alerts = alerts;
    this.relations = relations;
    this.activity = new DeviceActivity(seed, now, pools);
    this.health = new DeviceHealth(seed, now);
  }

  /** Whether these are the tables that serve this entity. */
  static boolean serves(Entity entity) {
    return SERVED.contains(entity);
  }

  /** The shape of the API's answer for a table whose JSON differs from its columns (statistics), or null. */
  static Entity served(Entity table) {
    return table.equals(DefenderModel.IP_STATS) ? IP_STATS_SHAPE
        : table.equals(DefenderModel.DOMAIN_STATS) ? DOMAIN_STATS_SHAPE : null;
  }

  /** The rows of a listed table; a single-object table has one row. */
  EntityTable table(Entity entity) {
    return tables.computeIfAbsent(entity, e -> ListTable.of(e, rows(e).get()));
  }

  private Supplier<List<Object[]>> rows(Entity e) {
    if (e.equals(DefenderModel.INDICATORS)) {
      return () -> activity.indicators((int) machines.size());
    }
    if (e.equals(DefenderModel.MACHINE_ACTIONS)) {
      return () -> activity.machineActions(machines);
    }
    if (e.equals(DefenderModel.INVESTIGATIONS)) {
      return () -> activity.investigations(alerts);
    }
    if (e.equals(DefenderModel.DEVICE_AV_HEALTH)) {
      return () -> health.avHealth(machines);
    }
    if (e.equals(DefenderModel.EXPOSURE_SCORE)) {
      return () -> List.<Object[]>of(health.exposureScore(machines));
    }
    if (e.equals(DefenderModel.EXPOSURE_SCORE_BY_MACHINE_GROUP)) {
      return () -> health.exposureByGroup(machines);
    }
    if (e.equals(DefenderModel.DEVICE_SECURE_SCORE)) {
      return () -> List.<Object[]>of(health.secureScore(machines));
    }
    throw new IllegalArgumentException("the emulator has no list of " + e.tableName());
  }

  /**
   * The answer of a keyed endpoint of one of these tables.
   *
   * @param parameters the path's other parameters ({@code timestamp} of findbyip) and the query string's own
   *                   parameters ({@code lookBackHours}, {@code useStartsWithFilter}), by name
   */
  Keyed keyed(Entity table, String key, Map<String, String> parameters) {
    if (table.equals(DefenderModel.MACHINE_ACTIONS)) {
      if (!key.matches(DefenderModel.MACHINE_ACTIONS.lookups().get(0).keyPattern())) {
        return Keyed.error(400, "BadRequest", "The key value (" + key + ") from request is not valid. The key value"
            + " should be format of type 'Edm.Guid'.");
      }
      return byId(table, key, "MachineAction", true);
    }
    if (table.equals(DefenderModel.INVESTIGATIONS)) {
      return byId(table, key, "Investigation", false);
    }
    if (table.equals(DefenderModel.IP_STATS) || table.equals(DefenderModel.DOMAIN_STATS)) {
      return stats(table, key, parameters.get("lookbackhours"));
    }
    if (table.equals(DefenderModel.MACHINES_BY_TAG)) {
      final boolean prefix = "true".equalsIgnoreCase(parameters.getOrDefault("usestartswithfilter", "false"));
      return Keyed.found(ListTable.positions(machines, byTag(key, prefix)));
    }
    if (table.equals(DefenderModel.MACHINES_BY_IP)) {
      return byIp(key, parameters.get("seen_at"));
    }
    throw new IllegalArgumentException("no keyed endpoint of " + table.tableName());
  }

  private Keyed byId(Entity table, String key, String name, boolean ignoreCase) {
    final EntityTable rows = table(table);
    final int id = table.indexOf(table.key());
    for (long i = 0; i < rows.size(); i++) {
      final String k = (String) rows.row(i, false)[id];
      if (ignoreCase ? k.equalsIgnoreCase(key) : k.equals(key)) {
        return Keyed.found(ListTable.of(table, List.<Object[]>of(rows.row(i, false))));
      }
    }
    return Keyed.error(404, "ResourceNotFound", name + " " + key + " was not found");
  }

  private int[] byTag(String tag, boolean prefix) {
    final int tags = new RowShape(DefenderModel.MACHINES).index("machineTags");
    final String t = tag.toLowerCase(Locale.ROOT);
    final List<Integer> found = new ArrayList<>();
    for (int i = 0; i < machines.size(); i++) {
      for (Object o : (List<?>) machines.row(i, false)[tags]) {
        final String have = ((String) o).toLowerCase(Locale.ROOT);
        if (prefix ? have.startsWith(t) : have.equals(t)) {
          found.add(i);
          break;
        }
      }
    }
    return found.stream().mapToInt(Integer::intValue).toArray();
  }

  private Keyed byIp(String key, String timestamp) {
    final String ip = KeyKind.canonicalIp(key);
    if (ip == null) {
      return Keyed.error(400, "InvalidIpAddress", "'" + key + "' is not a valid IP address.");
    }
    final Instant at;
    try {
      at = timestamp == null ? null : EdmDateTime.parseLiteral(timestamp);
    } catch (ODataException e) {
      return Keyed.error(400, "BadRequest", "The timestamp '" + timestamp + "' is not a valid DateTimeOffset.");
    }
    if (at == null) {
      return Keyed.error(400, "MissingRequiredParameter", "The timestamp parameter is required.");
    }
    if (at.isBefore(now.minusSeconds(30L * 86_400))) {
      return Keyed.error(400, "BadRequest", "The timestamp must be within the last 30 days.");
    }
    return Keyed.found(ListTable.positions(machines, ipHistory().machines(ip, at)));
  }

  private synchronized IpHistory ipHistory() {
    if (ipHistory == null) {
      ipHistory = new IpHistory(seed, machines);
    }
    return ipHistory;
  }

  /** The machines seen with an address around a time, as findbyip answers them (for the test data API). */
  public List<Object[]> machinesByIp(String ip, Instant at) {
    final List<Object[]> rows = new ArrayList<>();
    for (int i : ipHistory().machines(KeyKind.canonicalIp(ip), at)) {
      rows.add(machines.row(i, false));
    }
    return rows;
  }

  private Keyed stats(Entity table, String key, String lookBack) {
    final boolean ip = table.equals(DefenderModel.IP_STATS);
    final KeyKind kind = ip ? KeyKind.IP : KeyKind.DOMAIN;
    final String k = kind.normalize(key);
    if (k == null) {
      return Keyed.error(400, kind.invalidCode(), kind.invalidMessage(key, ""));
    }
    int hours = LOOK_BACK_HOURS;
    if (lookBack != null) {
      if (!lookBack.trim().matches("\\d{1,4}") || Integer.parseInt(lookBack.trim()) < 1
          || Integer.parseInt(lookBack.trim()) > LOOK_BACK_HOURS) {
        return Keyed.error(400, "BadRequest", "lookBackHours must be a whole number of hours from 1 to "
            + LOOK_BACK_HOURS + ", not '" + lookBack + "'.");
      }
      hours = Integer.parseInt(lookBack.trim());
    }
    final RowShape a = new RowShape(DefenderModel.ALERTS);
    final Instant since = now.minusSeconds(hours * 3_600L);
    final Set<String> devices = new java.util.HashSet<>();
    Instant first = null;
    Instant last = null;
    for (int p : relations.alerts(kind, k)) {
      final Object[] alert = alerts.row(p, false);
      final Instant at = (Instant) alert[a.index("alertCreationTime")];
      if (at.isBefore(since)) {
        continue;
      }
      final Instant seen = Instant.ofEpochSecond(at.getEpochSecond());
      first = first == null || seen.isBefore(first) ? seen : first;
      last = last == null || seen.isAfter(last) ? seen : last;
      if (alert[a.index("machineId")] != null) {
        devices.add((String) alert[a.index("machineId")]);
      }
    }
    final Entity shape = served(table);
    final Object[] row = new Object[shape.columns().size()];
    row[0] = ip ? k : key;
    row[1] = Integer.toString(devices.size());
    row[2] = devices.size();
    row[3] = first;
    row[4] = last;
    return Keyed.found(ListTable.of(shape, List.<Object[]>of(row)));
  }

  private static Entity statsShape(Entity table, String type, Column key) {
    final List<Column> columns = List.of(key, Column.of("orgPrevalence", STRING).named("org_prevalence_text"),
        Column.of("organizationPrevalence", INT32).named("org_prevalence"),
        Column.of("orgFirstSeen", DATE_TIME_OFFSET), Column.of("orgLastSeen", DATE_TIME_OFFSET));
    return new Entity(table.tableName(), "microsoft.windowsDefenderATP.api." + type, null, key.sqlName(),
        table.readRoles(), null, 1, columns, List.of(), null, null, table.description(), List.of(), List.of());
  }
}
