package org.defendersql.adapter.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * {@code connection_status} probes the permissions of vulnerability management with one request each:
 * {@code Vulnerability.Read.All} (which the export's tables and the machines' CVEs need too),
 * {@code Software.Read.All}, {@code SecurityRecommendation.Read.All} and {@code RemediationTasks.Read.All}, and
 * names a missing one with the fix.
 */
class TvmStatusTest {
  private static final Map<String, List<String>> PROBES = Map.of(
      "vulnerabilities", List.of("Vulnerability.Read.All", "GET /api/vulnerabilities?$top=1"),
      "software", List.of("Software.Read.All", "GET /api/Software?$top=1"),
      "recommendations", List.of("SecurityRecommendation.Read.All", "GET /api/recommendations?$top=1"),
      "remediation_tasks", List.of("RemediationTasks.Read.All", "GET /api/remediationTasks?$top=1"));

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

  @Test void eachTvmPermissionIsProbedOnceAndAMissingOneIsNamed() throws Exception {
    try (DefenderEmulator e = DefenderEmulator.builder().alerts(20).machines(10).build().start()) {
      e.clearRequestLog();
      final Map<String, String[]> granted = status(e, e.clientId(), e.clientSecret());
      for (Map.Entry<String, List<String>> probe : PROBES.entrySet()) {
        final String[] row = granted.get(probe.getKey());
        assertEquals(probe.getValue().get(0), row[0], probe.getKey());
        assertEquals("OK", row[1], probe.getKey() + ": " + row[3]);
        assertEquals(probe.getValue().get(1), row[2], probe.getKey());
        assertNull(row[4]);
      }
      // The tables sharing a permission share its probe: no request to the export or the keyed lookups.
      for (String shared : List.of("machine_vulnerabilities", "software_vulnerability_export", "machine_cves",
          "cve_machines", "software_machines", "software_vulnerability_changes")) {
        assertFalse(granted.containsKey(shared), shared);
      }
      final List<String> tvm = e.requestLog().stream().map(RecordedRequest::path).filter(p -> p.startsWith(
          "/api/vulnerabilities") || p.startsWith("/api/Software") || p.startsWith("/api/recommendations")
          || p.startsWith("/api/remediationTasks") || p.contains("SoftwareVulnerab")).toList();
      assertEquals(List.of("/api/Software", "/api/recommendations", "/api/remediationTasks", "/api/vulnerabilities"),
          tvm.stream().sorted().toList(), "one request per permission");

      final String reader = "dddddddd-0000-4000-8000-000000000029";
      final String secret = DefenderEmulator.SECRET_MARKER + "tvm-status-0123456789abcdefghijklm";
      e.registerApp(reader, secret, Set.of("Machine.Read.All", "Vulnerability.Read.All", "Software.Read.All"));
      final Map<String, String[]> partial = status(e, reader, secret);
      assertEquals("OK", partial.get("vulnerabilities")[1]);
      assertEquals("OK", partial.get("software")[1]);
      for (String missing : List.of("recommendations", "remediation_tasks")) {
        final String[] row = partial.get(missing);
        assertEquals("FAIL", row[1], missing);
        assertTrue(row[3].contains("HTTP 403"), row[3]);
        assertTrue(row[4].contains(row[0]) && row[4].contains("grant admin consent"), row[4]);
      }
    }
  }
}
