package org.defendersql.emulator;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.defendersql.emulator.data.EntityTable;
import org.defendersql.emulator.data.FileStats;
import org.defendersql.emulator.data.FileStatsShape;
import org.defendersql.emulator.data.Keyed;
import org.defendersql.emulator.data.ServedEntities;
import org.defendersql.emulator.data.Tenant;
import org.defendersql.model.Column;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;
import org.defendersql.model.Lookup;
import org.defendersql.model.Origin;

/**
 * The emulated tenant's data as tests compare against it: rows of a table of the model with values in the table's
 * column order, typed by EDM type (see {@link DefenderEmulator}), exactly what the API serves. Columns of
 * {@link Origin#KEY} hold the key (as given to {@link #lookup}, or the machine's id in {@link #rows} of users),
 * {@link Origin#PARENT} the alert's values, {@link Origin#STATS} the file's 30-day statistics.
 */
public final class EmulatorData {
  private final Tenant tenant;
  /** Per table, where each of its columns sits in the served row (-1: not a property). */
  private final Map<Entity, int[]> mappings = new ConcurrentHashMap<>();

  EmulatorData(Tenant tenant) {
    this.tenant = tenant;
  }

  /**
   * Every row of the table, in the order the API returns them: alerts (with their evidence filled), machines,
   * every file of the tenant's file pool (the files evidence can name, statistics filled), every machine's logon
   * users (machine order, {@code machine_id} filled), every evidence item of every alert (with
   * {@code alert_id} and {@code alert_creation_time}). Alerts and evidence are generated as the stream is
   * consumed, so a million alerts need no memory. The related-lookup tables have no list: use {@link #lookup}.
   */
  public Stream<Object[]> rows(Entity entity) {
    if (entity.equals(DefenderModel.FILES)) {
      return IntStream.range(0, tenant.fileCount()).mapToObj(i -> {
        final Object[] file = tenant.fileRow(i);
        return modelRow(entity, file, null, tenant.defaultFileStats(tenant.fileSha1(i)));
      });
    }
    if (entity.equals(DefenderModel.USERS)) {
      final EntityTable machines = tenant.table(DefenderModel.MACHINES);
      final int id = DefenderModel.MACHINES.indexOf(DefenderModel.MACHINES.key());
      return LongStream.range(0, machines.size()).boxed().flatMap(m -> tenant.logonUsers(m.intValue()).stream()
          .map(u -> modelRow(entity, u, (String) machines.row(m, false)[id], null)));
    }
    if (entity.parent() != null) {
      final EntityTable parents = tenant.table(entity.parent());
      return LongStream.range(0, parents.size()).boxed().flatMap(i -> children(entity, parents.row(i, true)));
    }
    if (!entity.isScannable()) {
      throw new IllegalArgumentException(entity.tableName() + " has no list of rows: use lookup(entity, key)");
    }
    final EntityTable table = tenant.table(entity);
    return LongStream.range(0, table.size()).mapToObj(i -> table.row(i, true).clone());
  }

  /**
   * The rows the API answers for one key of the table's lookup by its key column: an alert by id (with its
   * evidence), a machine by id (or DNS name), a file by SHA-1 or SHA-256 (statistics filled), a machine's logon
   * users, an alert's evidence items, or for a related-lookup table the key then each related alert (evidence
   * empty, as the collection serves it) or machine. Empty for an unknown or malformed key.
   */
  public Stream<Object[]> lookup(Entity entity, String key) {
    final Entity route = entity.parent() != null ? entity.parent() : entity;
    final Lookup byKey = entity.lookupsBy(entity.keyColumn()).stream().findFirst().orElseThrow(
        () -> new IllegalArgumentException(entity.tableName() + " has no lookup by " + entity.keyColumn()));
    final List<Lookup> lookups = route.lookups().stream()
        .filter(l -> l.pathTemplate().equals(byKey.pathTemplate())).toList();
    final Keyed answer = tenant.keyed(route, lookups.isEmpty() ? List.of(byKey) : lookups, key);
    if (!answer.ok()) {
      return Stream.empty();
    }
    final EntityTable rows = answer.rows();
    final Stream<Object[]> served = LongStream.range(0, rows.size()).mapToObj(i -> rows.row(i, byKey.single()));
    if (entity.parent() != null) {
      return served.flatMap(parent -> children(entity, parent));
    }
    if (entity.equals(DefenderModel.FILES)) {
      final int sha1 = ServedEntities.of(entity).indexOf(ServedEntities.of(entity).key());
      return served.map(f -> modelRow(entity, f, key, tenant.defaultFileStats((String) f[sha1])));
    }
    return served.map(r -> modelRow(entity, r, key, null));
  }

  /**
   * The rows of {@code machines_by_ip} for an address and a time, as findbyip answers them: the devices that held
   * the address within 15 minutes of the time, in device order, with {@code ip} and {@code seen_at} filled.
   */
  public Stream<Object[]> machinesByIp(String ip, java.time.Instant at) {
    final Entity table = DefenderModel.MACHINES_BY_IP;
    return tenant.deviceTables().machinesByIp(ip, at).stream().map(m -> {
      final Object[] row = modelRow(table, m, ip, null);
      row[table.indexOf(table.column("seen_at").orElseThrow())] = at;
      return row;
    });
  }

  /** How many rows the entity has (for tables with a list). */
  public long count(Entity entity) {
    if (entity.isScannable() && entity.parent() == null) {
      return tenant.table(entity).size();
    }
    try (Stream<Object[]> rows = rows(entity)) {
      return rows.count();
    }
  }

  /** A row of the table from a served row, the key of the path and a file's statistics. */
  private Object[] modelRow(Entity table, Object[] served, String key, FileStats stats) {
    final int[] at = mappings.computeIfAbsent(table, t -> {
      final Entity s = ServedEntities.of(t);
      return t.columns().stream().mapToInt(c -> c.isProperty()
          ? s.indexOf(s.column(c.sqlName()).orElseThrow()) : -1).toArray();
    });
    final Object[] statsRow = stats == null ? null : FileStatsShape.row(served, stats);
    final Object[] row = new Object[at.length];
    for (int i = 0; i < at.length; i++) {
      final Column c = table.columns().get(i);
      row[i] = switch (c.origin()) {
        case PROPERTY -> served[at[i]];
        case KEY -> key;
        case STATS -> statsRow[FileStatsShape.ENTITY.indexOf(FileStatsShape.ENTITY.property(c.jsonName())
            .orElseThrow())];
        case PARENT -> throw new IllegalStateException(c.sqlName() + " of " + table.tableName());
      };
    }
    return row;
  }

  /** The rows nested in a parent row (an alert's evidence items), with the parent's columns filled. */
  private static Stream<Object[]> children(Entity table, Object[] parent) {
    final Entity p = table.parent();
    final List<?> items = (List<?>) parent[p.indexOf(p.property(table.expand()).orElseThrow())];
    return items.stream().map(item -> {
      final Object[] row = new Object[table.columns().size()];
      for (int i = 0; i < row.length; i++) {
        final Column c = table.columns().get(i);
        row[i] = c.origin() == Origin.PARENT ? parent[p.indexOf(p.property(c.jsonName()).orElseThrow())]
            : ((Map<?, ?>) item).get(c.jsonName());
      }
      return row;
    });
  }
}
