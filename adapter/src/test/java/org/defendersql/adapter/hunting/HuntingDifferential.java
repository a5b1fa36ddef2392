package org.defendersql.adapter.hunting;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.model.hunting.HuntingColumn;
import org.defendersql.model.hunting.HuntingModel;
import org.defendersql.model.hunting.HuntingTable;
import org.defendersql.model.hunting.KqlType;

/**
 * Generated SQL over the hunting tables, run on two connections to one emulated tenant, with pushdown and without
 * (the reference, which reads whole tables and lets Calcite do everything); each query reports a difference as
 * text, or null. Shared by the differential test and by the test that proves it catches a mutated translator.
 */
final class HuntingDifferential {
  /** A small tenant: a few thousand events a table, so that the reference's whole-table reads stay fast. */
  static DefenderEmulator emulator() {
    return DefenderEmulator.builder().alerts(120).machines(12).seed(17).now(Instant.now())
        .huntingEventsPerMachinePerDay(4).huntingDeviceInfoInterval(Duration.ofHours(24)).build().start();
  }

  /** A generated query: its SQL, how to compare its answers, and its parameters when it is prepared. */
  record Query(String sql, Shape shape, List<Object> parameters) {
  }

  /** How two answers must agree. */
  enum Shape {
    /** The same rows in any order. */
    ROWS,
    /** The same rows in the same order (the ORDER BY keys only are selected). */
    LIST,
    /** {@code LIMIT} without {@code ORDER BY}: the right number of rows, all from the unlimited answer. */
    SUBSET
  }

  private final SplittableRandom random;
  private final Map<HuntingTable, HuntingQueryGenerator> generators = new HashMap<>();
  private final List<HuntingTable> tables = new ArrayList<>();

  HuntingDifferential(DefenderEmulator e, long seed) {
    this.random = new SplittableRandom(seed);
    for (HuntingTable t : HuntingModel.tables()) {
      generators.put(t, new HuntingQueryGenerator(random, t,
          HuntingQueryGenerator.sample(e.hunting().rows(t), e.hunting().size(t), 300)));
    }
    // events most often, as analysts query them
    for (int i = 0; i < 3; i++) {
      tables.addAll(List.of(HuntingModel.DEVICE_PROCESS_EVENTS, HuntingModel.DEVICE_NETWORK_EVENTS,
          HuntingModel.DEVICE_FILE_EVENTS, HuntingModel.DEVICE_LOGON_EVENTS));
    }
    tables.addAll(List.of(HuntingModel.ALERT_INFO, HuntingModel.ALERT_EVIDENCE, HuntingModel.ALERT_EVIDENCE,
        HuntingModel.DEVICE_INFO, HuntingModel.DEVICE_INFO, HuntingModel.DEVICE_TVM_SOFTWARE_INVENTORY,
        HuntingModel.DEVICE_TVM_SOFTWARE_VULNERABILITIES));
  }

  /**
   * A query of a shape, on a table at random: 0 {@code select *}, 1 columns, 2 group-by, 3 HAVING, 4 ORDER BY
   * ... LIMIT, 5 LIMIT alone, 6 a time window, 7 a join with machines, 8 a join with VALUES, 9 parameters or
   * COUNT(DISTINCT).
   */
  Query next(int shape) {
    final HuntingQueryGenerator g = generators.get(tables.get(random.nextInt(tables.size())));
    final HuntingTable t = g.table();
    final String from = " from hunting." + t.name() + " h";
    final String where = g.condition();
    return switch (shape) {
      case 0 -> new Query("select *" + from + " where " + where, Shape.ROWS, List.of());
      case 1 -> new Query("select " + columns(g, 3) + from + " where " + where, Shape.ROWS, List.of());
      case 2 -> new Query(groupBy(g, from, where, false), Shape.ROWS, List.of());
      case 3 -> new Query(groupBy(g, from, where, true), Shape.ROWS, List.of());
      case 4 -> orderedLimit(g, from, where);
      case 5 -> new Query("select " + columns(g, 2) + from + " where " + where + " limit " + (1 + random.nextInt(30)),
          Shape.SUBSET, List.of());
      case 6 -> timeWindow(g, from, where);
      case 7 -> joinMachines(g, from, where);
      case 8 -> joinValues(g, from, where);
      default -> random.nextBoolean() ? prepared(g, from) : distinctCount(g, from, where);
    };
  }

  private String columns(HuntingQueryGenerator g, int n) {
    final List<String> names = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      final HuntingColumn c = g.table().columns().get(random.nextInt(g.table().columns().size()));
      if (!names.contains(HuntingQueryGenerator.quoted(c.name()))) {
        names.add(HuntingQueryGenerator.quoted(c.name()));
      }
    }
    return String.join(", ", names);
  }

  private String groupBy(HuntingQueryGenerator g, String from, String where, boolean having) {
    final HuntingColumn key = g.column(KqlType.STRING, KqlType.LONG, KqlType.INT, KqlType.BOOL);
    final HuntingColumn number = g.column(KqlType.LONG, KqlType.INT);
    final HuntingColumn time = g.column(KqlType.DATETIME);
    final HuntingColumn any = g.table().columns().get(random.nextInt(g.table().columns().size()));
    final List<String> aggs = new ArrayList<>(List.of("count(*)", "count(" + HuntingQueryGenerator.quoted(any.name())
        + ")"));
    if (number != null) {
      final String n = HuntingQueryGenerator.quoted(number.name());
      aggs.addAll(List.of("sum(" + n + ")", "min(" + n + ")", "max(" + n + ")", "avg(" + n + ")"));
    }
    if (time != null) {
      aggs.addAll(List.of("min(" + HuntingQueryGenerator.quoted(time.name()) + ")",
          "max(" + HuntingQueryGenerator.quoted(time.name()) + ")"));
    }
    final String k = HuntingQueryGenerator.quoted(key.name());
    final String sql = "select " + k + ", " + String.join(", ", aggs) + from + " where " + where + " group by " + k;
    return having ? sql + " having count(*) > " + random.nextInt(4) : sql;
  }

  private Query orderedLimit(HuntingQueryGenerator g, String from, String where) {
    final HuntingColumn k1 = g.column(KqlType.LONG, KqlType.INT, KqlType.DATETIME, KqlType.BOOL);
    if (k1 == null) {
      return new Query("select *" + from + " where " + where, Shape.ROWS, List.of());
    }
    final StringBuilder keys = new StringBuilder(HuntingQueryGenerator.quoted(k1.name()));
    final StringBuilder order = new StringBuilder(keys).append(direction());
    final HuntingColumn k2 = g.column(KqlType.LONG, KqlType.INT, KqlType.DATETIME);
    if (random.nextBoolean() && k2 != null && !k2.equals(k1)) {
      keys.append(", ").append(HuntingQueryGenerator.quoted(k2.name()));
      order.append(", ").append(HuntingQueryGenerator.quoted(k2.name())).append(direction());
    }
    return new Query("select " + keys + from + " where " + where + " order by " + order + " limit "
        + (1 + random.nextInt(40)), Shape.LIST, List.of());
  }

  private String direction() {
    return switch (random.nextInt(5)) {
      case 0 -> " asc";
      case 1 -> " desc";
      case 2 -> " asc nulls first";
      case 3 -> " desc nulls first";
      default -> "";
    };
  }

  /** A window on the time column between two real times, with another condition. */
  private Query timeWindow(HuntingQueryGenerator g, String from, String where) {
    final HuntingTable t = g.table();
    if (!t.hasTimeColumn()) {
      return new Query("select *" + from + " where " + where, Shape.ROWS, List.of());
    }
    final HuntingColumn time = t.column(t.timeColumn()).orElseThrow();
    final Instant a = (Instant) g.value(time);
    final Instant b = (Instant) g.value(time);
    final Instant lo = a.isBefore(b) ? a : b;
    final Instant hi = a.isBefore(b) ? b : a;
    final String ts = HuntingQueryGenerator.quoted(t.timeColumn());
    return new Query("select " + ts + ", " + columns(g, 2) + from + " where " + ts + " >= timestamp '"
        + HuntingQueryGenerator.ts(lo, 0) + "' and " + ts + " < timestamp '" + HuntingQueryGenerator.ts(hi, 1)
        + "' and (" + where + ")", Shape.ROWS, List.of());
  }

  /** A join with the Defender API's machines, by the device id both know. */
  private Query joinMachines(HuntingQueryGenerator g, String from, String where) {
    if (g.table().column("DeviceId").isEmpty()) {
      return new Query(groupBy(g, from, where, false), Shape.ROWS, List.of());
    }
    return new Query("select h.\"DeviceName\", m.computer_dns_name, m.health_status" + from
        + " join defender.machines m on m.id = h.\"DeviceId\" where " + where, Shape.ROWS, List.of());
  }

  /** A join with a VALUES list of values the table holds. */
  private Query joinValues(HuntingQueryGenerator g, String from, String where) {
    final HuntingColumn c = g.column(KqlType.STRING);
    final List<String> values = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      final Object v = g.value(c);
      // cast: Calcite types a VALUES column of literals of different lengths wrongly (an assertion fails)
      values.add("(cast(" + HuntingQueryGenerator.quote(v == null || !HuntingQueryGenerator.latin1(v.toString()) ? "x"
          : v.toString()) + " as varchar))");
    }
    return new Query("select h." + HuntingQueryGenerator.quoted(c.name()) + ", v.x" + from + " join (values "
        + String.join(", ", values) + ") as v(x) on h." + HuntingQueryGenerator.quoted(c.name()) + " = v.x where "
        + where, Shape.ROWS, List.of());
  }

  private Query distinctCount(HuntingQueryGenerator g, String from, String where) {
    final HuntingColumn key = g.column(KqlType.STRING, KqlType.LONG, KqlType.INT);
    final HuntingColumn other = g.column(KqlType.STRING, KqlType.LONG, KqlType.INT, KqlType.DATETIME);
    final String k = HuntingQueryGenerator.quoted(key.name());
    return new Query("select " + k + ", count(distinct " + HuntingQueryGenerator.quoted(other.name()) + ")" + from
        + " where " + where + " group by " + k, Shape.ROWS, List.of());
  }

  /** JDBC parameters: a string equality, and a time bound when the table has a time column. */
  private Query prepared(HuntingQueryGenerator g, String from) {
    final HuntingColumn c = g.column(KqlType.STRING);
    final List<Object> parameters = new ArrayList<>();
    final StringBuilder sql = new StringBuilder("select *" + from + " where h." + HuntingQueryGenerator.quoted(
        c.name()) + " = ?");
    parameters.add(Objects.requireNonNullElse(g.value(c), "x"));
    final HuntingColumn n = g.column(KqlType.LONG, KqlType.INT);
    if (n != null && random.nextBoolean()) {
      sql.append(" and h.").append(HuntingQueryGenerator.quoted(n.name())).append(" <> ?");
      parameters.add(g.value(n) == null ? 7L : ((Number) g.value(n)).longValue());
    }
    if (g.table().hasTimeColumn()) {
      sql.append(" and h.").append(HuntingQueryGenerator.quoted(g.table().timeColumn())).append(" > ?");
      final Instant t = (Instant) g.value(g.table().column(g.table().timeColumn()).orElseThrow());
      parameters.add(Timestamp.from(Instant.ofEpochMilli(t.toEpochMilli() - random.nextInt(3) + 1)));
    }
    return new Query(sql.toString(), Shape.ROWS, parameters);
  }

  /** The reference side of each comparison runs on its own thread, beside the pushed side. */
  private static final java.util.concurrent.ExecutorService REFERENCE =
      java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        final Thread t = new Thread(r, "differential-reference");
        t.setDaemon(true);
        return t;
      });

  /** The rows of a query on both connections at once: the reference's first. */
  private static List<List<String>> both(Connection reference, Query refQuery, Connection pushed, Query q)
      throws SQLException {
    final java.util.concurrent.Future<List<String>> want = REFERENCE.submit(() -> rows(reference, refQuery));
    final List<String> got = rows(pushed, q);
    try {
      return List.of(want.get(), got);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException(e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof SQLException s ? s : new SQLException(e.getCause());
    }
  }

  /** Runs a query on both connections: null when they agree, else what differs. */
  static String compare(Query q, Connection pushed, Connection reference) throws SQLException {
    return switch (q.shape()) {
      case ROWS -> {
        final List<List<String>> r = both(reference, q, pushed, q);
        final List<String> want = new ArrayList<>(r.get(0));
        final List<String> got = new ArrayList<>(r.get(1));
        want.sort(null);
        got.sort(null);
        yield want.equals(got) ? null : q.sql() + ": " + want.size() + " rows without pushdown, " + got.size()
            + " with" + firstDifference(want, got);
      }
      case LIST -> {
        final List<List<String>> r = both(reference, q, pushed, q);
        final List<String> want = r.get(0);
        final List<String> got = r.get(1);
        yield want.equals(got) ? null : q.sql() + ": " + want + " without pushdown, " + got + " with";
      }
      case SUBSET -> {
        final String sql = q.sql();
        final int limit = Integer.parseInt(sql.substring(sql.lastIndexOf(' ') + 1));
        final List<List<String>> r = both(reference, new Query(sql.substring(0, sql.lastIndexOf(" limit ")),
            Shape.ROWS, q.parameters()), pushed, q);
        final List<String> all = r.get(0);
        final List<String> got = r.get(1);
        yield got.size() == Math.min(limit, all.size()) && all.containsAll(got) ? null
            : sql + ": " + got.size() + " rows, not " + Math.min(limit, all.size()) + " of the answer";
      }
    };
  }

  private static String firstDifference(List<String> want, List<String> got) {
    for (String w : want) {
      if (!got.contains(w)) {
        return "; only without: " + w;
      }
    }
    for (String g : got) {
      if (!want.contains(g)) {
        return "; only with: " + g;
      }
    }
    return "";
  }

  static List<String> rows(Connection c, Query q) throws SQLException {
    final List<String> out = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(q.sql())) {
      for (int i = 0; i < q.parameters().size(); i++) {
        s.setObject(i + 1, q.parameters().get(i));
      }
      try (ResultSet rs = s.executeQuery()) {
        final int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          final StringBuilder row = new StringBuilder();
          for (int i = 1; i <= n; i++) {
            row.append(i > 1 ? "|" : "").append(rs.getObject(i));
          }
          out.add(row.toString());
        }
      }
    } catch (SQLException e) {
      throw new SQLException(q.sql() + ": " + e.getMessage(), e);
    }
    return out;
  }
}
