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
import org.defendersql.emulator.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * {@code connection_status} probes the permissions of the device tables (issue 14) with one request each: indicators
 * ({@code Ti.ReadWrite.All}), the scores ({@code Score.Read.All}, a one-object answer read without {@code $top}), IP
 * and domain statistics ({@code Ip.Read.All}, {@code Url.Read.All}, the lookup of a key that exists nowhere), and
 * names the missing ones with the fix.
 */
class DeviceTablesStatusTest {
  private static final Map<String, List<String>> PROBES = Map.of(
      "indicators", List.of("Ti.ReadWrite.All", "GET /api/indicators?$top=1"),
      "exposure_score", List.of("Score.Read.All", "GET /api/exposureScore"),
      "ip_stats", List.of("Ip.Read.All", "GET /api/ips/127.0.0.1/stats"),
      "domain_stats", List.of("Url.Read.All", "GET /api/domains/probe.defender-sql.invalid/stats"));

  private static Map<String, String[]> status(DefenderEmulator e, String clientId, String secret) throws Exception {
    final Map<String, Object> operand = new LinkedHashMap<>(DefenderModels.operand(e.environment()));
    operand.put("clientId", clientId);
    operand.put("clientSecret", secret);
    operand.put("graphUrl", e.graphUrl());
    final Properties p = new Properties();
    p.setProperty("caseSensitive", "false");
    p.setProperty("unquotedCasing", "UNCHANGED");
    final Map<String, String[]> rows = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:calcite:", p)) {
      c.unwrap(CalciteConnection.class).getRootSchema().add(ConnectionStatusTable.NAME,
          new ConnectionStatusTable(DefenderClients.of(DefenderConnectionConfig.from(operand, k -> null))));
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
          "select area, permission, status, probe, detail, fix from connection_status")) {
        while (rs.next()) {
          rows.put(rs.getString("area"), new String[] {rs.getString("permission"), rs.getString("status"),
              rs.getString("probe"), rs.getString("detail"), rs.getString("fix")});
        }
      }
    }
    return rows;
  }

  @Test void eachPermissionIsProbedOnceAndAMissingOneIsNamed() throws Exception {
    try (DefenderEmulator e = DefenderEmulator.builder().alerts(20).machines(10).build().start()) {
      final Map<String, String[]> granted = status(e, e.clientId(), e.clientSecret());
      for (Map.Entry<String, List<String>> probe : PROBES.entrySet()) {
        final String[] row = granted.get(probe.getKey());
        assertEquals(probe.getValue().get(0), row[0], probe.getKey());
        assertEquals("OK", row[1], probe.getKey() + ": " + row[3]);
        assertEquals(probe.getValue().get(1), row[2], probe.getKey());
        assertNull(row[4]);
      }
      // One probe per permission: the other score tables and machine actions share theirs.
      assertTrue(!granted.containsKey("device_secure_score") && !granted.containsKey("machine_actions"));
      final long sent = e.requestLog().stream().map(RecordedRequest::path)
          .filter(p -> p.startsWith("/api/exposureScore") || p.startsWith("/api/configurationScore")).count();
      assertEquals(1, sent, "the scores' permission is probed by one request");

      final String reader = "dddddddd-0000-4000-8000-000000000014";
      final String secret = DefenderEmulator.SECRET_MARKER + "device-tables-0123456789abcdefghij";
      e.registerApp(reader, secret, Set.of("Machine.Read.All", "Ti.ReadWrite.All", "Ip.Read.All"));
      final Map<String, String[]> partial = status(e, reader, secret);
      assertEquals("OK", partial.get("indicators")[1]);
      assertEquals("OK", partial.get("ip_stats")[1]);
      for (String missing : List.of("exposure_score", "domain_stats")) {
        final String[] row = partial.get(missing);
        assertEquals("FAIL", row[1], missing);
        assertTrue(row[3].contains("HTTP 403"), row[3]);
        assertTrue(row[4].contains(row[0]) && row[4].contains("grant admin consent"), row[4]);
      }
    }
  }
}
