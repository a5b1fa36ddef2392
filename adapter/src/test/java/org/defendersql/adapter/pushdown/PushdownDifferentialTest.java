package org.defendersql.adapter.pushdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.defendersql.adapter.DifferentialSeed;
import org.defendersql.adapter.EmulatedTenant;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.RecordedRequest;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs generated queries with pushdown on and off against one emulated tenant and requires identical results:
 * pushdown must never change a result. Also checks that pushdown did take place for most of them.
 */
class PushdownDifferentialTest {
  private static final int QUERIES = 120;
  private static DefenderEmulator emulator;
  private static Connection pushed;
  private static Connection reference;

  @BeforeAll static void start() throws SQLException {
    emulator = DefenderEmulator.builder().alerts(1_200).machines(150).pageSize(500).seed(11)
        .now(Instant.now()).build().start();
    pushed = EmulatedTenant.connect(emulator);
    reference = EmulatedTenant.connectReference(EmulatedTenant.model(emulator));
  }

  @AfterAll static void stop() throws SQLException {
    pushed.close();
    reference.close();
    emulator.close();
  }

  @Test void pushdownNeverChangesAResult() throws SQLException {
    final long seed = DifferentialSeed.pick("PushdownDifferentialTest");
    final SplittableRandom random = new SplittableRandom(seed);
    final Entity[] entities = {DefenderModel.ALERTS, DefenderModel.MACHINES};
    final List<PredicateGenerator> generators = new ArrayList<>();
    for (Entity e : entities) {
      generators.add(new PredicateGenerator(random, e, PredicateGenerator.sample(emulator.data().rows(e), 400)));
    }
    final int[] filtered = {0};
    DifferentialSeed.reported(seed, () -> {
      for (int i = 0; i < QUERIES; i++) {
        final int which = random.nextInt(10) < 7 ? 0 : 1;
        final Entity e = entities[which];
        final String where = generators.get(which).condition();
        final String table = e.tableName();
        emulator.clearRequestLog();
        switch (i % 5) {
        case 0 -> sameRows("select * from " + table + " where " + where);
        case 1 -> sameRows("select id, count(*) over () from " + table + " where " + where);
        case 4 -> sameRows(groupBy(e, where));
        case 2 -> limitedIsSubset(table, where, 1 + random.nextInt(30));
        default -> sameList(orderedLimit(e, where, 1 + random.nextInt(40)));
        }
        if (emulator.requestLog().stream().map(RecordedRequest::query).anyMatch(q -> q.contains("$filter="))) {
          filtered[0]++;
        }
      }
      assertTrue(filtered[0] > QUERIES / 3,
          "pushdown took place in only " + filtered[0] + " of " + QUERIES + " queries");
    });
  }

  /**
   * The API keeps 100 ns, SQL milliseconds: every comparison at, just before and just after a real row's
   * millisecond must select the same rows either way.
   */
  @Test void timestampBoundariesAreExact() throws SQLException {
    final int col = DefenderModel.ALERTS.indexOf(DefenderModel.ALERTS.column("alert_creation_time").orElseThrow());
    final List<Instant> times = emulator.data().rows(DefenderModel.ALERTS).skip(300).limit(3)
        .map(r -> (Instant) r[col]).toList();
    for (Instant t : times) {
      for (int delta = -1; delta <= 1; delta++) {
        final String literal = "timestamp '" + java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .format(java.time.LocalDateTime.ofInstant(Instant.ofEpochMilli(t.toEpochMilli() + delta),
                java.time.ZoneOffset.UTC)) + "'";
        for (String op : List.of(">", ">=", "<", "<=", "=", "<>")) {
          sameRows("select id from alerts where alert_creation_time " + op + " " + literal);
          sameRows("select id from alerts where not (alert_creation_time " + op + " " + literal + ")");
        }
      }
    }
  }

  /** Enum members are case-sensitive in SQL and not in the API: a wrong case must not change a result. */
  @Test void enumCaseIsExact() throws SQLException {
    for (String where : List.of("severity = 'high'", "severity <> 'high'", "severity in ('high', 'Low')",
        "severity not in ('HIGH', 'Medium')", "status = 'Resolved'", "status <> 'Resolved'",
        "detection_source <> 'WindowsDefenderAv'", "not (detection_source = 'WindowsDefenderAv')",
        "detection_source is null or severity = 'High'")) {
      sameRows("select id, severity, status, detection_source from alerts where " + where);
    }
  }

  private static String groupBy(Entity e, String where) {
    final String key = e == DefenderModel.ALERTS ? "severity" : "health_status";
    return "select " + key + ", count(*), count(distinct id) from " + e.tableName() + " where " + where
        + " group by " + key;
  }

  private static String orderedLimit(Entity e, String where, int limit) {
    final String key = e == DefenderModel.ALERTS ? "alert_creation_time" : "last_seen";
    return "select " + key + " from " + e.tableName() + " where " + where + " order by " + key
        + " desc limit " + limit;
  }

  private static void sameRows(String sql) throws SQLException {
    final List<String> want = rows(reference, sql);
    final List<String> got = rows(pushed, sql);
    want.sort(null);
    got.sort(null);
    assertEquals(want, got, sql);
  }

  private static void sameList(String sql) throws SQLException {
    assertEquals(rows(reference, sql), rows(pushed, sql), sql);
  }

  /** LIMIT without ORDER BY may return any rows of the result: the right number, all from the result. */
  private static void limitedIsSubset(String table, String where, int limit) throws SQLException {
    final String sql = "select id from " + table + " where " + where;
    final List<String> all = rows(reference, sql);
    final List<String> got = rows(pushed, sql + " limit " + limit);
    assertEquals(Math.min(limit, all.size()), got.size(), sql + " limit " + limit);
    assertTrue(all.containsAll(got), sql + " limit " + limit + " returned rows outside the result");
    assertEquals(got.size(), got.stream().distinct().count(), "duplicates from " + sql);
  }

  private static List<String> rows(Connection c, String sql) throws SQLException {
    final List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      final int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        final List<String> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(String.valueOf(rs.getObject(i)));
        }
        out.add(String.join("|", row));
      }
    } catch (SQLException e) {
      throw new SQLException(sql + ": " + e.getMessage(), e);
    }
    return out.stream().collect(Collectors.toCollection(ArrayList::new));
  }
}
