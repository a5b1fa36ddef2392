package org.defendersql.adapter.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.calcite.jdbc.CalciteConnection;
import org.defendersql.adapter.DefenderModels;
import org.defendersql.adapter.client.DefenderClients;
import org.defendersql.adapter.config.DefenderConnectionConfig;
import org.defendersql.emulator.DefenderEmulator;
import org.junit.jupiter.api.Test;

/** {@code select * from connection_status}: one row per check, the fix on failing rows. */
class ConnectionStatusTableTest {
  @Test void oneRowPerPermissionWithTheFix() throws Exception {
    try (DefenderEmulator e = DefenderEmulator.builder().alerts(5).machines(5).build().start()) {
      final String reader = "dddddddd-0000-4000-8000-000000000001";
      final String secret = DefenderEmulator.SECRET_MARKER + "status-table-0123456789abcdefghijk";
      e.registerApp(reader, secret, Set.of("Machine.Read.All"));
      final Map<String, Object> operand = new LinkedHashMap<>(DefenderModels.operand(e.environment()));
      operand.put("clientId", reader);
      operand.put("clientSecret", secret);
      operand.put("graphUrl", e.graphUrl());
      final Properties p = new Properties();
      p.setProperty("caseSensitive", "false");
      p.setProperty("unquotedCasing", "UNCHANGED");
      try (Connection c = DriverManager.getConnection("jdbc:calcite:", p)) {
        c.unwrap(CalciteConnection.class).getRootSchema().add(ConnectionStatusTable.NAME,
            new ConnectionStatusTable(DefenderClients.of(DefenderConnectionConfig.from(operand, k -> null))));
        final Map<String, String[]> rows = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
            "select area, permission, status, probe, detail, fix from connection_status")) {
          while (rs.next()) {
            rows.put(rs.getString("area"), new String[] {rs.getString("permission"), rs.getString("status"),
                rs.getString("probe"), rs.getString("detail"), rs.getString("fix")});
          }
        }
        assertEquals(Set.of("Azure AD token", "alerts", "machines", "files", "users", "graph_alerts",
            "graph_incidents", "indicators", "exposure_score", "ip_stats", "domain_stats", "vulnerabilities",
            "software", "recommendations", "remediation_tasks", "hunting tables (graph)"), rows.keySet());
        // Graph's security lists, probed on the Graph root with a Graph token, each naming its permission
        for (String[] graph : List.of(rows.get("graph_alerts"), rows.get("graph_incidents"))) {
          assertEquals("FAIL", graph[1]);
          assertTrue(graph[3].startsWith("Microsoft Graph answered HTTP 403"), graph[3]);
          assertTrue(graph[4].contains(graph[0] + " on Microsoft Graph"), graph[4]);
        }
        assertEquals("SecurityAlert.Read.All", rows.get("graph_alerts")[0]);
        assertEquals("GET /v1.0/security/alerts_v2?$top=1", rows.get("graph_alerts")[2]);
        assertEquals("SecurityIncident.Read.All", rows.get("graph_incidents")[0]);
        assertEquals("GET /v1.0/security/incidents?$top=1", rows.get("graph_incidents")[2]);
        // the hunting permission of the chosen backend, probed with a Graph token
        final String[] hunting = rows.get("hunting tables (graph)");
        assertEquals("ThreatHunting.Read.All", hunting[0]);
        assertEquals("FAIL", hunting[1]);
        assertEquals("POST /v1.0/security/runHuntingQuery DeviceInfo | take 0", hunting[2]);
        assertTrue(hunting[3].contains("HTTP 403"), hunting[3]);
        assertTrue(hunting[4].contains("ThreatHunting.Read.All on Microsoft Graph"), hunting[4]);
        assertEquals("OK", rows.get("Azure AD token")[1]);
        assertEquals("Alert.Read.All", rows.get("alerts")[0]);
        assertEquals("FAIL", rows.get("alerts")[1]);
        assertEquals("GET /api/alerts?$top=1", rows.get("alerts")[2]);
        assertTrue(rows.get("alerts")[3].contains("HTTP 403 Forbidden"), rows.get("alerts")[3]);
        assertTrue(rows.get("alerts")[4].contains("add it under API permissions and grant admin consent"));
        assertEquals("OK", rows.get("machines")[1]);
        assertNull(rows.get("machines")[4]);
        for (String[] row : rows.values()) {
          for (String v : row) {
            assertTrue(v == null || !v.contains(secret), "no secret in the table");
          }
        }
      }
    }
  }
}
