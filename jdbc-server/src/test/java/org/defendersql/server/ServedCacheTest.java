package org.defendersql.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.defendersql.model.DefenderModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shared cache over the server, through the real Avatica driver: two connections' identical queries send one
 * scan's requests, {@code cache_entries} and {@code cache_stats} show it, {@code clear_cache()} clears it past the
 * read-only policy, and a connection with {@code cache=off} always sends.
 */
class ServedCacheTest {
  private static final int ALERTS = 120;
  private static final int PAGE = 40;
  private static ServedTenant tenant;

  @BeforeAll static void start() throws SQLException {
    tenant = ServedTenant.start(b -> b.alerts(ALERTS).machines(20).pageSize(PAGE), o -> {
      o.put("rateLimits", "off");
      o.put("cache", "on"); // the suite runs with DEFENDER_CACHE=off
    }, ServerLimits.DEFAULT);
  }

  @AfterAll static void stop() {
    tenant.close();
    tenant.emulator.close();
  }

  private static long apiRequests() {
    return tenant.emulator.requestLog().stream().filter(r -> r.path().startsWith("/api/")).count();
  }

  private static List<List<Object>> query(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      final List<List<Object>> rows = new ArrayList<>();
      while (rs.next()) {
        final List<Object> row = new ArrayList<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          row.add(rs.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  @Test void connectionsShareTheCacheAndSqlShowsAndClearsIt() throws SQLException {
    final List<List<Object>> ids = tenant.column(DefenderModel.ALERTS, "id").stream().map(List::of).toList();
    try (Connection first = tenant.connect(); Connection second = tenant.connect()) {
      query(first, "select * from table(clear_cache())");
      tenant.emulator.clearRequestLog();
      assertEquals(ids, query(first, "select id from alerts"));
      assertEquals(ALERTS / PAGE, apiRequests());
      assertEquals(ids, query(second, "select id from alerts"));
      assertEquals(ALERTS / PAGE, apiRequests(), "the second connection's query answered from the cache");
      assertEquals(List.of(List.of("alerts", "GET /api/alerts?$select=id", (long) ALERTS, 1L)),
          query(second, "select table_name, request, row_count, hits from cache_entries"));
      final List<List<Object>> stats = query(first, "select hits, entries from cache_stats");
      assertTrue((Long) stats.get(0).get(0) >= 1, stats.toString());
      assertEquals(1L, stats.get(0).get(1));
      final String plan = query(second, "explain plan for select id from alerts").get(0).get(0).toString();
      assertTrue(plan.contains("cache=[hit]"), plan);
      assertEquals(List.of(List.of(1L)), query(second, "select * from table(defender.clear_cache())"));
      assertEquals(List.of(), query(first, "select entry from cache_entries"));
      assertEquals(ids, query(first, "select id from alerts"));
      assertEquals(2L * ALERTS / PAGE, apiRequests(), "sent again once cleared");
      final List<String> remarks = new ArrayList<>();
      try (ResultSet rs = first.getMetaData().getTables(null, "defender", "cache%", null)) {
        while (rs.next()) {
          remarks.add(rs.getString("TABLE_NAME") + ": " + rs.getString("REMARKS"));
        }
      }
      assertEquals(2, remarks.size(), remarks.toString());
      assertTrue(remarks.stream().allMatch(r -> r.contains("shared cache of API answers")), remarks.toString());
    }
  }

  @Test void aConnectionWithCacheOffAlwaysSends() throws SQLException {
    final Properties off = new Properties();
    off.setProperty("cache", "off");
    try (Connection c = tenant.connect(off)) {
      query(c, "select id from alerts");
      tenant.emulator.clearRequestLog();
      for (int i = 1; i <= 2; i++) {
        assertEquals(ALERTS, query(c, "select id from alerts").size());
        assertEquals((long) i * ALERTS / PAGE, apiRequests(), "run " + i);
      }
      final String plan = query(c, "explain plan for select id from alerts").get(0).get(0).toString();
      assertTrue(plan.contains("cache=[off]"), plan);
    }
    final Properties wrong = new Properties();
    wrong.setProperty("cache", "sometimes");
    final AvaticaClientRuntimeException e = assertThrows(AvaticaClientRuntimeException.class,
        () -> tenant.connect(wrong).close());
    assertEquals("08004", e.getSqlState());
    assertTrue(e.getMessage().contains("cache must be on or off"), e.getMessage());
  }
}
