package org.defendersql.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.model.Column;
import org.defendersql.model.DefenderModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The adapter embedded in Calcite against the emulator: plans, EXPLAIN, aggregates over every page. */
class DefenderAdapterTest {
  private static DefenderEmulator emulator;

  @BeforeAll static void start() {
    emulator = DefenderEmulator.builder().alerts(700).machines(90).pageSize(250).seed(3)
        .now(Instant.parse("2026-11-01T00:00:00Z")).build().start();
  }

  @AfterAll static void stop() {
    emulator.close();
  }

  @Test void explainShowsTheRequest() throws SQLException {
    try (Connection c = EmulatedTenant.connect(emulator); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("explain plan for select severity, count(*) from alerts"
             + " where status = 'New' and title like '%x%' group by severity")) {
      assertTrue(rs.next());
      final String plan = rs.getString(1);
      assertTrue(plan.contains("DefenderToEnumerableConverter"), plan);
      assertTrue(plan.contains("DefenderTableScan(table=[[defender, alerts]], request=[GET /api/alerts?"
          + "$filter=status eq 'New'&$select=severity,title], cache=[off])"), plan);
      assertTrue(plan.contains("LIKE($t1, $t2)"), "the remainder stays above the scan: " + plan);
    }
  }

  @Test void aggregatesSeeEveryPage() throws SQLException {
    final Column severity = DefenderModel.ALERTS.column("severity").orElseThrow();
    final int idx = DefenderModel.ALERTS.indexOf(severity);
    final Map<String, Long> expected = emulator.data().rows(DefenderModel.ALERTS)
        .collect(Collectors.groupingBy(r -> (String) r[idx], TreeMap::new, Collectors.counting()));
    final Map<String, Long> actual = new TreeMap<>();
    try (Connection c = EmulatedTenant.connect(emulator); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select severity, count(*) from alerts group by severity")) {
      while (rs.next()) {
        actual.put(rs.getString(1), rs.getLong(2));
      }
    }
    assertEquals(expected, actual);
    assertTrue(expected.size() >= 3, "realistic data has several severities: " + expected);
  }

  @Test void joinOfAlertsAndMachinesMatchesTheData() throws SQLException {
    final int machineIdx = DefenderModel.ALERTS.indexOf(DefenderModel.ALERTS.column("machine_id").orElseThrow());
    final long withMachine = emulator.data().rows(DefenderModel.ALERTS).filter(r -> r[machineIdx] != null).count();
    try (Connection c = EmulatedTenant.connect(emulator); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(
             "select count(*) from alerts a join machines m on a.machine_id = m.id")) {
      assertTrue(rs.next());
      assertEquals(withMachine, rs.getLong(1), "every alert's machine exists in machines");
    }
  }
}
