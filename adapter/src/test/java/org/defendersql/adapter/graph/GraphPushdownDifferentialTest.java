package org.defendersql.adapter.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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
 * Runs generated queries over the Graph tables with pushdown on and off against one emulated tenant and requires
 * identical results: Graph's filters (camelCase enum members, timestamps at 100 ns, strings as supersets), its
 * {@code $top} limits, keyed GETs, {@code $expand=alerts} and the evidence nested in alerts must never change a
 * result. Also checks that pushdown did take place for many of them. The tenant is small, so that the queries with
 * pushdown off, which read whole tables, stay quick.
 */
class GraphPushdownDifferentialTest {
  private static final int QUERIES = 90;
  private static DefenderEmulator emulator;
  private static Connection pushed;
  private static Connection reference;

  @BeforeAll static void start() throws SQLException {
    emulator = DefenderEmulator.builder().alerts(120).machines(25).pageSize(60).seed(23).now(Instant.now()).build()
        .start();
    final String model = EmulatedTenant.model(emulator);
    pushed = EmulatedTenant.connect(model);
    reference = EmulatedTenant.connectReference(model);
  }

  @AfterAll static void stop() throws SQLException {
    pushed.close();
    reference.close();
    emulator.close();
  }

  @Test void pushdownNeverChangesAResult() throws SQLException {
    final long seed = DifferentialSeed.pick("GraphPushdownDifferentialTest");
    final SplittableRandom random = new SplittableRandom(seed);
    final Entity[] entities = {DefenderModel.GRAPH_ALERTS, DefenderModel.GRAPH_INCIDENTS,
        DefenderModel.GRAPH_ALERT_EVIDENCE};
    final List<GraphPredicates> generators = new ArrayList<>();
    final List<List<Object[]>> data = new ArrayList<>();
    for (Entity e : entities) {
      final List<Object[]> rows = emulator.graph().rows(e).toList();
      assertTrue(rows.size() > 20, e.tableName() + " has too few rows to test: " + rows.size());
      data.add(rows);
      generators.add(new GraphPredicates(random, e, rows));
    }
    final int[] filtered = {0};
    final int[] keyed = {0};
    DifferentialSeed.reported(seed, () -> {
      for (int i = 0; i < QUERIES; i++) {
        final int which = i % 3;
        final Entity e = entities[which];
        final String where = generators.get(which).condition();
        emulator.clearRequestLog();
        switch (i / 3 % 6) {
        case 0 -> sameRows("select * from " + e.tableName() + " where " + where);
        case 1 -> sameRows("select " + key(e) + ", count(*) over () from " + e.tableName() + " where " + where);
        case 2 -> limitedIsSubset(e, where, 1 + random.nextInt(e == DefenderModel.GRAPH_INCIDENTS ? 70 : 30));
        case 3 -> sameRows(groupBy(e, where));
        case 4 -> sameList(orderedLimit(e, where, 1 + random.nextInt(40)));
        default -> sameRows("select * from " + e.tableName() + " where " + keyIn(e, data.get(which), random)
            + " and (" + where + ")");
        }
        final List<RecordedRequest> log = emulator.requestLog();
        if (log.stream().map(RecordedRequest::query).anyMatch(q -> q.contains("$filter="))) {
          filtered[0]++;
        }
        if (log.stream().anyMatch(r -> r.path().matches("/v1\\.0/security/(alerts_v2|incidents)/.+"))) {
          keyed[0]++;
        }
        for (RecordedRequest r : log) {
          assertTrue(!r.query().contains("$select") && !r.query().contains("$orderby"), r.path() + "?" + r.query());
        }
      }
      assertTrue(filtered[0] > QUERIES / 3, "pushdown took place in only " + filtered[0] + " of " + QUERIES + " queries");
      assertTrue(keyed[0] >= QUERIES / 6 / 2, "keyed GETs in only " + keyed[0] + " queries");
    });
  }

  /** Graph's members are camelCase and compared exactly: any other case selects nothing, pushed or not. */
  @Test void enumCaseIsExact() throws SQLException {
    for (String where : List.of("severity = 'high'", "severity = 'High'", "severity <> 'High'",
        "severity in ('high', 'Low')", "severity not in ('HIGH', 'medium')", "status = 'inProgress'",
        "status = 'inprogress'", "not (status = 'resolved')", "classification is null or severity = 'low'",
        "service_source = 'microsoftDefenderForEndpoint'", "service_source = 'MicrosoftDefenderForEndpoint'")) {
      sameRows("select id, severity, status, classification from graph_alerts where " + where);
    }
    for (String where : List.of("status = 'active'", "status = 'Active'", "severity <> 'medium'",
        "determination in ('malware', 'Malware')")) {
      sameRows("select id, status, severity, determination from graph_incidents where " + where);
    }
  }

  /**
   * Graph keeps 100 ns, SQL milliseconds: every comparison at, just before and just after a real row's millisecond
   * selects the same rows either way, on alerts, incidents and the alert of evidence.
   */
  @Test void timestampBoundariesAreExact() throws SQLException {
    final Entity a = DefenderModel.GRAPH_ALERTS;
    final int created = a.indexOf(a.column("created_date_time").orElseThrow());
    final List<Instant> times = emulator.graph().rows(a).skip(40).limit(1).map(r -> (Instant) r[created]).toList();
    for (Instant t : times) {
      for (int delta = -1; delta <= 1; delta++) {
        final String literal = "timestamp '" + java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .format(java.time.LocalDateTime.ofInstant(Instant.ofEpochMilli(t.toEpochMilli() + delta),
                java.time.ZoneOffset.UTC)) + "'";
        for (String op : List.of(">", ">=", "<", "<=", "=", "<>")) {
          sameRows("select id from graph_alerts where created_date_time " + op + " " + literal);
          sameRows("select alert_id, evidence_type from graph_alert_evidence where not (alert_created_date_time "
              + op + " " + literal + ")");
        }
        sameRows("select id from graph_incidents where created_date_time <= " + literal);
      }
    }
  }

  private static String key(Entity e) {
    return e.primaryKey().isEmpty() ? "alert_id, evidence_type" : "id";
  }

  /** A key predicate that makes the query keyed: two or three real ids and one that does not exist. */
  private static String keyIn(Entity e, List<Object[]> rows, SplittableRandom random) {
    final String column = e.lookups().get(0).keyColumn();
    final int index = e.indexOf(e.column(column).orElseThrow());
    final List<String> keys = new ArrayList<>();
    for (int k = 0; k < 2 + random.nextInt(2); k++) {
      keys.add("'" + rows.get(random.nextInt(rows.size()))[index] + "'");
    }
    keys.add(e == DefenderModel.GRAPH_INCIDENTS ? "'999999999'" : "'da000000000000000000_-1'");
    return column + " in (" + String.join(", ", keys) + ")";
  }

  private static String groupBy(Entity e, String where) {
    final String group = e == DefenderModel.GRAPH_ALERT_EVIDENCE ? "evidence_type" : "severity";
    final String distinct = e == DefenderModel.GRAPH_ALERT_EVIDENCE ? "alert_id" : "id";
    return "select " + group + ", count(*), count(distinct " + distinct + ") from " + e.tableName() + " where "
        + where + " group by " + group;
  }

  private static String orderedLimit(Entity e, String where, int limit) {
    if (e == DefenderModel.GRAPH_ALERT_EVIDENCE) {
      return "select alert_id, alert_created_date_time from graph_alert_evidence where " + where
          + " order by alert_created_date_time desc, alert_id limit " + limit;
    }
    return "select id, created_date_time from " + e.tableName() + " where " + where
        + " order by created_date_time desc, id limit " + limit;
  }

  private static void sameRows(String sql) throws SQLException {
    final List<String> want = GraphPushdownRequestsTest.rows(reference, sql);
    final List<String> got = GraphPushdownRequestsTest.rows(pushed, sql);
    want.sort(null);
    got.sort(null);
    assertEquals(want, got, sql);
  }

  private static void sameList(String sql) throws SQLException {
    assertEquals(GraphPushdownRequestsTest.rows(reference, sql), GraphPushdownRequestsTest.rows(pushed, sql), sql);
  }

  /** LIMIT without ORDER BY may return any rows of the result: the right number, all from the result. */
  private static void limitedIsSubset(Entity e, String where, int limit) throws SQLException {
    final String sql = "select " + key(e) + " from " + e.tableName() + " where " + where;
    final List<String> all = GraphPushdownRequestsTest.rows(reference, sql);
    final List<String> got = GraphPushdownRequestsTest.rows(pushed, sql + " limit " + limit);
    assertEquals(Math.min(limit, all.size()), got.size(), sql + " limit " + limit);
    assertTrue(all.containsAll(got), sql + " limit " + limit + " returned rows outside the result");
    if (!e.primaryKey().isEmpty()) {
      assertEquals(got.size(), got.stream().distinct().count(), "duplicates from " + sql);
    }
  }
}
