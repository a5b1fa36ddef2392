package org.defendersql.adapter.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.defendersql.adapter.DefenderModels;
import org.defendersql.adapter.EmulatedTenant;
import org.defendersql.adapter.pushdown.RequestLines;
import org.defendersql.emulator.DefenderEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For each SQL query of a Graph table ({@code graph_alerts}, {@code graph_alert_evidence}, {@code graph_incidents}),
 * the exact requests sent to Microsoft Graph (seen by WireMock, proxying to the emulator; decoded request lines)
 * and the rows returned, which must be those of the same query with pushdown off. No request ever carries
 * {@code $select} or {@code $orderby}, which Graph's security lists refuse.
 */
class GraphPushdownRequestsTest {
  private static DefenderEmulator emulator;
  private static GraphProxy proxy;
  private static Connection pushed;
  private static Connection reference;
  private static GraphCases cases;
  private static final Map<String, List<String>> REFERENCE_ROWS = new java.util.HashMap<>();

  @BeforeAll static void start(@TempDir Path dir) throws Exception {
    emulator = DefenderEmulator.builder().alerts(250).machines(40).seed(7).now(Instant.now()).build().start();
    proxy = new GraphProxy(dir, emulator);
    final Map<String, Object> operand = proxy.operand(emulator);
    pushed = EmulatedTenant.connect(DefenderModels.inline(operand));
    reference = EmulatedTenant.connectWithoutPushdown(emulator);
    cases = new GraphCases(emulator.graph());
  }

  @AfterAll static void stop() throws SQLException {
    pushed.close();
    reference.close();
    proxy.close();
    emulator.close();
  }

  static Stream<Arguments> queries() {
    return cases.all().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("queries")
  void sendsExactlyTheseRequests(String sql, List<String> expected) throws SQLException {
    proxy.reset();
    final List<String> got = rows(pushed, sql);
    final List<String> requests = proxy.requests();
    RequestLines.assertExactly(expected, requests, sql);
    for (String r : requests) {
      assertFalse(r.contains("$select") || r.contains("$orderby"), r);
    }
    final List<String> want = new ArrayList<>(expectedRows(sql));
    if (sql.contains("order by")) {
      assertEquals(want, got, sql);
    } else {
      want.sort(null);
      got.sort(null);
      assertEquals(want, got, sql);
    }
  }

  @Test void theCasesCoverEveryFilterablePropertyAndHitRows() throws SQLException {
    assertTrue(cases.all().size() >= 25, "cases: " + cases.all().size());
    int nonEmpty = 0;
    for (String sql : cases.all().keySet()) {
      if (!expectedRows(sql).isEmpty()) {
        nonEmpty++;
      }
    }
    assertTrue(nonEmpty >= cases.all().size() * 2 / 3, "only " + nonEmpty + " queries return rows");
    for (String property : List.of("status", "severity", "classification", "determination", "serviceSource",
        "assignedTo", "createdDateTime", "lastUpdateDateTime")) {
      assertTrue(cases.all().values().stream().flatMap(List::stream)
          .anyMatch(r -> r.startsWith("GET /v1.0/security/alerts_v2?$filter=") && r.contains(property + " ")),
          "no alerts_v2 filter on " + property);
    }
    for (String property : List.of("status", "severity", "classification", "determination", "assignedTo",
        "createdDateTime", "lastUpdateDateTime")) {
      assertTrue(cases.all().values().stream().flatMap(List::stream)
          .anyMatch(r -> r.startsWith("GET /v1.0/security/incidents?$filter=") && r.contains(property + " ")),
          "no incidents filter on " + property);
    }
  }

  /**
   * An OFFSET given as a parameter is not pushed to Graph's alerts, whose $skip is capped at 500: its value is only
   * known at run time, and beyond the cap the request would be a 400. The rows are the literal statement's.
   */
  @Test void anOffsetParameterStaysInCalciteOnGraphAlerts() throws SQLException {
    for (int offset : new int[] {10, 600}) {
      proxy.reset();
      final List<String> got = new ArrayList<>();
      try (java.sql.PreparedStatement ps = pushed.prepareStatement("select id from graph_alerts limit ? offset ?")) {
        ps.setInt(1, 5);
        ps.setInt(2, offset);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            got.add(rs.getString(1));
          }
        }
      }
      RequestLines.assertExactly(List.of("GET /v1.0/security/alerts_v2"), proxy.requests(), "offset " + offset);
      final List<String> all = rows(reference, "select id from graph_alerts");
      assertEquals(Math.max(0, Math.min(5, all.size() - offset)), got.size(), "offset " + offset);
      assertTrue(all.stream().map(r -> r.substring(0, r.length() - 1)).toList().containsAll(got), "offset " + offset);
    }
  }

  /** The rows of a query with pushdown off, read once. */
  private static List<String> expectedRows(String sql) throws SQLException {
    List<String> rows = REFERENCE_ROWS.get(sql);
    if (rows == null) {
      rows = List.copyOf(rows(reference, sql));
      REFERENCE_ROWS.put(sql, rows);
    }
    return rows;
  }

  static List<String> rows(Connection c, String sql) throws SQLException {
    final List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      final int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        final StringBuilder b = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          b.append(rs.getObject(i)).append('|');
        }
        out.add(b.toString());
      }
    } catch (SQLException e) {
      throw new SQLException(sql + ": " + e.getMessage(), e.getSQLState(), e);
    }
    return out;
  }
}
