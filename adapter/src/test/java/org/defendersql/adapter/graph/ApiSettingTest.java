package org.defendersql.adapter.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.defendersql.adapter.DefenderModels;
import org.defendersql.adapter.EmulatedTenant;
import org.defendersql.adapter.config.DefenderConnectionConfig;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.RecordedRequest;
import org.defendersql.model.Api;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The product on Microsoft Graph alone: with the emulator's MDE API retired (every {@code /api} route answers 410
 * Gone), {@code api=graph} reads the Graph tables, the hunting tables and their context tables and tests its
 * connection without one request to the MDE API, while each MDE-API table answers an error naming its Graph
 * successor; with the default {@code api=both} the MDE API's 410 is explained the same way; {@code api=mde}
 * refuses the Graph tables.
 */
class ApiSettingTest {
  private static DefenderEmulator emulator;

  @BeforeAll static void start() {
    emulator = DefenderEmulator.builder().alerts(80).machines(12).seed(11).retireMdeApi().build().start();
  }

  @AfterAll static void stop() {
    emulator.close();
  }

  private static Connection connect(String api, String huntingApi) throws SQLException {
    final Map<String, Object> operand = DefenderModels.operand(emulator.environment());
    operand.put("rateLimits", "off");
    operand.put("graphRateLimits", "off");
    operand.put("huntingRateLimits", "off");
    operand.put("api", api);
    operand.put("huntingApi", huntingApi);
    return EmulatedTenant.connect(DefenderModels.inline(operand));
  }

  /** The adapter's SQLException under Calcite's wrapper: the one with a SQLState, which a server client sees. */
  private static SQLException failure(Connection c, String sql) {
    final SQLException thrown = assertThrows(SQLException.class, () -> {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        rs.next();
      }
    }, sql);
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof SQLException e && e.getSQLState() != null) {
        return e;
      }
    }
    return thrown;
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }

  private static List<String> mdeRequests() {
    return emulator.requestLog().stream().map(RecordedRequest::path).filter(p -> p.startsWith("/api/")).toList();
  }

  @Test void graphAloneReadsEverySuccessorAndNeverTheMdeApi() throws SQLException {
    try (Connection c = connect("graph", "graph")) {
      emulator.clearRequestLog();
      assertEquals(emulator.graph().count(DefenderModel.GRAPH_ALERTS), count(c, "select count(*) from graph_alerts"));
      assertEquals(emulator.graph().count(DefenderModel.GRAPH_INCIDENTS),
          count(c, "select count(*) from graph_incidents"));
      assertTrue(count(c, "select count(*) from graph_alert_evidence where file_details_sha1 is not null") > 0);
      assertTrue(count(c, "select count(*) from hunting.device_context") > 0);
      assertTrue(count(c, "select count(*) from hunting.device_users") > 0);
      assertTrue(count(c, "select count(*) from hunting.file_prevalence") > 0);
      for (Entity e : DefenderModel.entities(Api.MDE)) {
        final SQLException x = failure(c, "select * from " + e.tableName()
            + (e.isScannable() ? "" : " where " + e.keyColumn() + " = 'x'"));
        assertEquals("42000", x.getSQLState(), e.tableName() + ": " + x.getMessage());
        assertTrue(x.getMessage().contains(e.successor()) && x.getMessage().contains("api=graph")
            && x.getMessage().contains("1 February 2027"), x.getMessage());
      }
      assertEquals(List.of(), mdeRequests());
    }
  }

  @Test void evidenceSearchesNarrowTheAlertsByTheirOwnProperties() throws SQLException {
    try (Connection c = connect("graph", "graph"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("explain plan for select alert_id from graph_alert_evidence"
            + " where alert_severity = 'high' and alert_status = 'new' and file_details_sha1 is not null")) {
      final StringBuilder plan = new StringBuilder();
      while (rs.next()) {
        plan.append(rs.getString(1));
      }
      assertTrue(plan.toString().contains("GET /v1.0/security/alerts_v2?$filter=severity eq 'high' and status eq 'new'"),
          plan.toString());
    }
  }

  @Test void graphAloneTestsItsConnectionOnGraph() throws SQLException {
    try (Connection c = connect("graph", "graph"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select area, permission, status, detail from connection_status")) {
      emulator.clearRequestLog();
      final List<String> permissions = new ArrayList<>();
      while (rs.next()) {
        assertEquals("OK", rs.getString("status"), rs.getString("area") + ": " + rs.getString("detail"));
        permissions.add(rs.getString("permission"));
      }
      assertEquals(List.of("SecurityAlert.Read.All", "SecurityIncident.Read.All", "ThreatHunting.Read.All"),
          permissions.stream().filter(p -> p != null).toList());
      assertEquals(List.of(), mdeRequests());
    }
  }

  @Test void bothExplainsTheRetiredMdeApi() throws SQLException {
    try (Connection c = connect("both", "graph")) {
      final SQLException x = failure(c, "select id from alerts");
      assertEquals("42000", x.getSQLState(), x.getMessage());
      assertEquals(410, x.getErrorCode(), x.getMessage());
      assertTrue(x.getMessage().contains("MC1220762") && x.getMessage().contains("graph_alerts"), x.getMessage());
      assertFalse(mdeRequests().isEmpty(), "api=both asks the MDE API");
      assertTrue(count(c, "select count(*) from graph_alerts") > 0);
    }
  }

  @Test void mdeAloneRefusesGraphTablesBeforeAnyRequest() throws SQLException {
    try (Connection c = connect("mde", "mde")) {
      emulator.clearRequestLog();
      for (Entity e : DefenderModel.entities(Api.GRAPH)) {
        final SQLException x = failure(c, "select * from " + e.tableName());
        assertEquals("42000", x.getSQLState(), x.getMessage());
        assertTrue(x.getMessage().contains("api=mde") && x.getMessage().contains(e.readRole()), x.getMessage());
      }
      assertTrue(emulator.requestLog().stream().noneMatch(r -> r.path().startsWith("/v1.0/")));
    }
  }

  @Test void settingsThatCannotWorkAreRefusedUpFront() {
    final Map<String, Object> base = Map.of("tenantId", "t", "clientId", "c", "clientSecret", "s");
    final Map<String, Object> bad = new java.util.HashMap<>(base);
    bad.put("api", "graf");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> DefenderConnectionConfig.from(bad, n -> null))
        .getMessage().contains("must be both, graph or mde, not 'graf'"));
    final Map<String, Object> clash = new java.util.HashMap<>(base);
    clash.put("api", "graph");
    clash.put("huntingApi", "mde");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> DefenderConnectionConfig.from(clash, n -> null))
        .getMessage().contains("huntingApi"));
  }
}
