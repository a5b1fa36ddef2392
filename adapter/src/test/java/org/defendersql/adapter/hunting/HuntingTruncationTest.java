package org.defendersql.adapter.hunting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.RecordedRequest;
import org.defendersql.model.hunting.HuntingModel;
import org.defendersql.model.hunting.HuntingTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Never a silently truncated answer: with the service's row cap lowered to 500 (in the emulator and in the
 * adapter), a scan of thousands of rows returns every row of the emulator's data, read in time slices; answers
 * that cannot be read on fail with a LIMIT error naming the cap and how to narrow the query.
 */
class HuntingTruncationTest {
  private static final int CAP = 500;
  private static final HuntingTable PROCESS = HuntingModel.DEVICE_PROCESS_EVENTS;
  private static DefenderEmulator emulator;
  private static Map<String, Object> operand;

  @BeforeAll static void start() {
    emulator = DefenderEmulator.builder().alerts(100).machines(40).seed(5).now(Instant.now())
        .huntingEventsPerMachinePerDay(12).huntingDeviceInfoInterval(Duration.ofHours(24)).huntingMaxRows(CAP)
        .build().start();
    operand = HuntingTenant.operand(emulator);
    operand.put("huntingMaxRows", CAP);
  }

  @AfterAll static void stop() {
    emulator.close();
  }

  /** The emulator's own rows of a table, as (device, report id, time in ms) in the service's default window. */
  private static List<String> emulatorRows(HuntingTable t) {
    final Instant now = emulator.hunting().end();
    final Instant from = now.minus(HuntingModel.DATA_WINDOW);
    final List<String> out = new ArrayList<>();
    emulator.hunting().rows(t).forEach(r -> {
      final Instant time = (Instant) r[t.indexOf("Timestamp")];
      if (!time.isBefore(from) && time.isBefore(now)) {
        out.add(r[t.indexOf("DeviceName")] + "|" + r[t.indexOf("ReportId")] + "|" + time.toEpochMilli());
      }
    });
    out.sort(null);
    return out;
  }

  private static List<String> sqlRows(Connection c, String sql) throws SQLException {
    final List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1) + "|" + rs.getLong(2) + "|" + rs.getTimestamp(3).getTime());
      }
    }
    out.sort(null);
    return out;
  }

  /**
   * The SQLState of a failure: on the exception, or on the SQLException it wraps (Calcite wraps failures of a
   * query's first row in one of its own).
   */
  static String sqlState(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && s.getSQLState() != null) {
        return s.getSQLState();
      }
    }
    return null;
  }

  private static List<RecordedRequest> huntingRequests() {
    return emulator.requestLog().stream().filter(r -> r.kql() != null).toList();
  }

  @Test void aScanOfMoreRowsThanTheCapReturnsEveryRow() throws SQLException {
    final List<String> want = emulatorRows(PROCESS);
    assertTrue(want.size() > 6 * CAP, want.size() + " rows, several caps' worth");
    for (boolean pushdown : new boolean[] {true, false}) {
      try (Connection c = pushdown ? HuntingTenant.connect(operand) : HuntingTenant.connectWithoutPushdown(operand)) {
        emulator.clearRequestLog();
        final List<String> got = sqlRows(c, "select \"DeviceName\", \"ReportId\", \"Timestamp\" from hunting."
            + PROCESS.name());
        assertEquals(want, got, "pushdown " + pushdown);
        final List<RecordedRequest> sent = huntingRequests();
        // Each answer but the last holds the cap; each request reads on from the last row's millisecond.
        System.out.printf("%s (pushdown %s): %d rows in %d requests of at most %d rows%n", PROCESS.name(), pushdown,
            got.size(), sent.size(), CAP);
        assertTrue(sent.size() >= (got.size() + CAP - 1) / CAP && sent.size() <= got.size() / CAP + 2,
            sent.size() + " requests for " + got.size() + " rows");
        assertTrue(sent.stream().skip(1).allMatch(r -> r.kql().startsWith(PROCESS.name() + " | where Timestamp >="
            + " datetime(") && r.timespan() != null), "later requests read on from a time");
      }
    }
  }

  @Test void aTimeWindowIsReadInSlicesWithinItsBounds() throws SQLException {
    final Instant now = emulator.hunting().end();
    final Instant from = now.minus(Duration.ofDays(10));
    final List<String> want = emulatorRows(PROCESS).stream()
        .filter(r -> Long.parseLong(r.substring(r.lastIndexOf('|') + 1)) >= from.toEpochMilli()).toList();
    try (Connection c = HuntingTenant.connect(operand)) {
      emulator.clearRequestLog();
      final List<String> got = sqlRows(c, "select \"DeviceName\", \"ReportId\", \"Timestamp\" from hunting."
          + PROCESS.name() + " where \"Timestamp\" >= timestamp '" + HuntingQueryGenerator.ts(from, 0) + "'");
      assertEquals(want, got);
      assertTrue(huntingRequests().size() > 2, "read in slices");
    }
  }

  /**
   * An answer too large in bytes (the service's 124 MB, lowered here to 2 MB) is asked for in fewer rows with
   * {@code take}, and read on from the last: every row still comes, once.
   */
  @Test void anAnswerTooLargeInBytesIsReadInFewerRows() throws SQLException {
    try (DefenderEmulator small = DefenderEmulator.builder().alerts(100).machines(40).seed(5).now(Instant.now())
        .huntingEventsPerMachinePerDay(12).huntingDeviceInfoInterval(Duration.ofHours(24))
        .huntingMaxResultBytes(2_000_000).build().start();
        Connection c = HuntingTenant.connect(HuntingTenant.operand(small))) {
      final long want = small.hunting().rows(PROCESS).filter(r -> !((Instant) r[0]).isBefore(
          small.hunting().end().minus(HuntingModel.DATA_WINDOW))).count();
      final List<String> got = new ArrayList<>();
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select * from hunting." + PROCESS.name())) {
        while (rs.next()) {
          got.add(rs.getString("DeviceName") + "|" + rs.getLong("ReportId") + "|" + rs.getTimestamp(1).getTime());
        }
      }
      assertEquals(want, got.size());
      assertEquals(want, got.stream().distinct().count(), "no row twice");
      final List<RecordedRequest> sent = small.requestLog().stream().filter(r -> r.kql() != null).toList();
      assertTrue(sent.stream().anyMatch(r -> r.status() == 400), "the service refused an answer too large");
      assertTrue(sent.stream().filter(r -> r.status() == 200).allMatch(r -> r.kql().matches(".* \\| take \\d+")),
          sent.toString());
    }
  }

  @Test void anAggregationOfMoreGroupsThanTheCapFails() {
    final SQLException e = assertThrows(SQLException.class, () -> {
      try (Connection c = HuntingTenant.connect(operand)) {
        sqlRows(c, "select \"DeviceName\", \"ReportId\", max(\"Timestamp\") from hunting." + PROCESS.name()
            + " group by \"DeviceName\", \"ReportId\"");
      }
    });
    assertEquals("53400", sqlState(e), e.getMessage());
    assertTrue(e.getMessage().contains("reached the service's cap of " + CAP + " rows"), e.getMessage());
    assertTrue(e.getMessage().contains("the GROUP BY gives that many groups: narrow it with a WHERE on Timestamp"),
        e.getMessage());
  }

  @Test void aScanNeedingTooManyRequestsFailsNamingANarrowerWindow() {
    final Map<String, Object> few = new java.util.LinkedHashMap<>(operand);
    few.put("huntingMaxRequests", 2);
    final SQLException e = assertThrows(SQLException.class, () -> {
      try (Connection c = HuntingTenant.connect(few)) {
        sqlRows(c, "select \"DeviceName\", \"ReportId\", \"Timestamp\" from hunting." + PROCESS.name());
      }
    });
    assertEquals("53400", sqlState(e), e.getMessage());
    assertTrue(e.getMessage().contains("needed more than 2 hunting requests of up to " + CAP + " rows"),
        e.getMessage());
    assertTrue(e.getMessage().contains("WHERE Timestamp >= TIMESTAMP '"), e.getMessage());
  }

  @Test void kqlReachingTheCapFails() {
    final SQLException e = assertThrows(SQLException.class, () -> {
      try (Connection c = HuntingTenant.connect(operand); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("select * from table(hunting.kql('" + PROCESS.name()
              + " | project DeviceName, ReportId, Timestamp'))")) {
        while (rs.next()) {
          // reaches the cap
        }
      }
    });
    assertEquals("53400", sqlState(e), e.getMessage());
    assertTrue(e.getMessage().contains("add a time filter such as '| where Timestamp > ago(1d)'"), e.getMessage());
  }
}
