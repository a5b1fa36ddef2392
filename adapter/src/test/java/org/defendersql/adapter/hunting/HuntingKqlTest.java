package org.defendersql.adapter.hunting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.RecordedRequest;
import org.defendersql.model.hunting.HuntingModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The exact KQL and {@code Timespan} sent for SQL queries, read from the emulator's request log: the cases of
 * {@code hunting/kql-cases.txt} (every filter form, projections, aggregations, HAVING, top/take and what is not
 * pushed), plus execution-time values (CURRENT_TIMESTAMP, JDBC parameters), EXPLAIN, the Defender API backend and
 * {@code kql(...)}.
 */
class HuntingKqlTest {
  private static DefenderEmulator emulator;
  private static Connection connection;

  /** One case: a query, the KQL it sends, and its Timespan (null for none). */
  record Case(String sql, String kql, String timespan) {
  }

  @BeforeAll static void start() throws SQLException {
    emulator = DefenderEmulator.builder().alerts(100).machines(10).now(Instant.now())
        .huntingEventsPerMachinePerDay(4).huntingDeviceInfoInterval(Duration.ofHours(24)).build().start();
    connection = HuntingTenant.connect(emulator);
  }

  @AfterAll static void stop() throws SQLException {
    connection.close();
    emulator.close();
  }

  static List<Case> cases() throws IOException {
    final List<Case> cases = new ArrayList<>();
    try (InputStream in = HuntingKqlTest.class.getResourceAsStream("/hunting/kql-cases.txt")) {
      String sql = null;
      String kql = null;
      String timespan = null;
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)) {
        if (line.startsWith("sql: ")) {
          sql = line.substring(5);
        } else if (line.startsWith("kql: ")) {
          kql = line.substring(5);
        } else if (line.startsWith("timespan: ")) {
          timespan = line.substring(10);
        } else if (line.isBlank() && sql != null) {
          cases.add(new Case(sql, kql, timespan));
          sql = null;
          kql = null;
          timespan = null;
        }
      }
    }
    return cases;
  }

  /** Runs a statement to its last row and returns the hunting requests it sent. */
  private static List<RecordedRequest> hunting(Statement s, String sql) throws SQLException {
    emulator.clearRequestLog();
    try (ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        // every row, so that every request is sent
      }
    }
    return emulator.requestLog().stream().filter(r -> r.kql() != null).toList();
  }

  @Test void theKqlSentIsTheKqlExpected() throws Exception {
    final List<Case> cases = cases();
    assertTrue(cases.size() >= 60, cases.size() + " cases");
    try (Statement s = connection.createStatement()) {
      for (Case c : cases) {
        final List<RecordedRequest> sent = hunting(s, c.sql());
        assertEquals(1, sent.size(), c.sql() + " sent " + sent);
        final RecordedRequest r = sent.get(0);
        assertEquals(HuntingModel.GRAPH_PATH, r.path(), c.sql());
        assertEquals(200, r.status(), c.sql());
        assertEquals(c.kql(), r.kql(), c.sql());
        assertEquals(c.timespan(), r.timespan(), c.sql());
      }
    }
  }

  @Test void currentTimestampIsComputedAtExecution() throws SQLException {
    final Pattern sent = Pattern.compile("DeviceProcessEvents \\| where Timestamp >= datetime\\(([^)]+)\\) \\| project"
        + " DeviceName, Timestamp \\| sort by Timestamp asc");
    try (Statement s = connection.createStatement()) {
      final Instant before = Instant.now();
      final RecordedRequest r = hunting(s, "select \"DeviceName\" from hunting.DeviceProcessEvents where \"Timestamp\""
          + " > current_timestamp - interval '1' day").get(0);
      final Instant after = Instant.now();
      final Matcher m = sent.matcher(r.kql());
      assertTrue(m.matches(), r.kql());
      final Instant bound = Instant.parse(m.group(1));
      // CURRENT_TIMESTAMP of the execution, less a day, plus the millisecond that > adds
      assertTrue(!bound.isBefore(before.minus(Duration.ofDays(1)).minusMillis(1))
          && !bound.isAfter(after.minus(Duration.ofDays(1)).plusMillis(1)), bound + " is not a day before now");
      assertEquals(m.group(1), r.timespan(), "the lower bound is the Timespan's start");
      try (ResultSet rs = s.executeQuery("explain plan for select \"DeviceName\" from hunting.DeviceProcessEvents"
          + " where \"Timestamp\" > current_timestamp - interval '1' day")) {
        rs.next();
        assertTrue(rs.getString(1).contains("kql=[DeviceProcessEvents | where Timestamp >= {CAST(-(CURRENT_TIMESTAMP,"
            + " 86400000:INTERVAL DAY)):TIMESTAMP(3) NOT NULL + 1 ms} | project DeviceName, Timestamp | sort by"
            + " Timestamp asc]"), rs.getString(1));
      }
    }
  }

  @Test void parametersAreWrittenAtExecution() throws SQLException {
    final String sql = "select \"DeviceName\" from hunting.DeviceProcessEvents where \"FileName\" = ? and"
        + " \"ProcessId\" <> ? and \"Timestamp\" <= ?";
    try (PreparedStatement p = connection.prepareStatement(sql)) {
      p.setString(1, "say \"hi\"\\n");
      p.setLong(2, 42);
      p.setTimestamp(3, Timestamp.from(Instant.parse("2026-11-29T10:00:00.500Z")));
      emulator.clearRequestLog();
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          // all rows
        }
      }
      final RecordedRequest r = emulator.requestLog().stream().filter(x -> x.kql() != null).findFirst().orElseThrow();
      assertEquals("DeviceProcessEvents | where FileName == \"say \\\"hi\\\"\\\\n\" and (isnotnull(ProcessId) and"
          + " ProcessId != 42) and Timestamp < datetime(2026-11-29T10:00:00.501Z) | project DeviceName, FileName,"
          + " Timestamp | sort by Timestamp asc", r.kql());
      // a string no KQL literal may hold: the superset term is true, Calcite compares
      p.setString(1, "bell\u0007");
      p.setNull(2, java.sql.Types.BIGINT);
      emulator.clearRequestLog();
      try (ResultSet rs = p.executeQuery()) {
        assertTrue(!rs.next(), "a NULL parameter selects no row");
      }
      assertEquals("DeviceProcessEvents | where true and (isnotnull(ProcessId) and false) and Timestamp <"
          + " datetime(2026-11-29T10:00:00.501Z) | project DeviceName, FileName, Timestamp | sort by Timestamp asc", emulator.requestLog().stream()
          .filter(x -> x.kql() != null).findFirst().orElseThrow().kql());
    }
  }

  @Test void explainPrintsTheKql() throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("explain plan for select"
        + " \"DeviceName\", count(*) from hunting.DeviceFileEvents where \"ActionType\" = 'FileCreated' group by"
        + " \"DeviceName\" having count(*) > 2")) {
      rs.next();
      assertEquals("HuntingToEnumerableConverter\n  HuntingTableScan(table=[[hunting, DeviceFileEvents]],"
          + " kql=[DeviceFileEvents | where ActionType == \"FileCreated\" | summarize a0 = count() by DeviceName |"
          + " where a0 > 2], cache=[off])\n", rs.getString(1));
    }
  }

  @Test void theDefenderApiBackendTakesTheWindowInItsKql() throws SQLException {
    final Map<String, Object> operand = HuntingTenant.operand(emulator);
    operand.put("huntingApi", "mde");
    try (Connection mde = HuntingTenant.connect(operand); Statement s = mde.createStatement()) {
      final List<RecordedRequest> sent = hunting(s, "select \"DeviceName\" from hunting.DeviceLogonEvents where"
          + " \"Timestamp\" >= timestamp '2026-11-20 00:00:00' and \"LogonType\" = 'Network'");
      assertEquals(1, sent.size());
      assertEquals(HuntingModel.MDE_PATH, sent.get(0).path());
      assertEquals(200, sent.get(0).status());
      assertNull(sent.get(0).timespan(), "the Defender API takes no Timespan");
      assertEquals("DeviceLogonEvents | where Timestamp >= datetime(2026-11-20T00:00:00.000Z) and LogonType =="
          + " \"Network\" | project DeviceName, Timestamp | sort by Timestamp asc", sent.get(0).kql());
    }
  }

  /** A nested-loop join enumerates its inner input once per outer row: the rows are replayed, not asked again. */
  @Test void anInnerInputEnumeratedAgainSendsItsQueryOnce() throws SQLException {
    try (Statement s = connection.createStatement()) {
      final String sql = "select count(*) from hunting.AlertInfo a, (select max(\"Timestamp\") as m from"
          + " hunting.DeviceLogonEvents where \"LogonType\" = 'Network') x where a.\"Timestamp\" < x.m";
      try (ResultSet rs = s.executeQuery("explain plan for " + sql)) {
        rs.next();
        assertTrue(rs.getString(1).contains("NestedLoopJoin"), rs.getString(1));
      }
      final List<String> sent = hunting(s, sql).stream().map(RecordedRequest::kql).toList();
      assertEquals(2, sent.size(), "each table once: " + sent);
      assertEquals(2, sent.stream().distinct().count(), sent.toString());
    }
  }

  @Test void kqlFunctionProbesItsSchemaOnceThenRunsTheQuery() throws SQLException {
    final String kql = "DeviceProcessEvents | summarize n = count() by DeviceName";
    try (Statement s = connection.createStatement()) {
      final List<RecordedRequest> sent = hunting(s, "select \"DeviceName\", n from table(hunting.kql('" + kql
          + "')) where n > 0");
      assertEquals(List.of(kql + "\n| take 0", kql), sent.stream().map(RecordedRequest::kql).toList());
      // the schema is remembered: running it again costs one request
      assertEquals(List.of(kql), hunting(s, "select * from table(hunting.kql('" + kql + "'))").stream()
          .map(RecordedRequest::kql).toList());
    }
  }
}
