package org.defendersql.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.defendersql.emulator.RecordedRequest;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The vulnerability management tables through the real Avatica server and driver: every row and column (arrays,
 * doubles, times) equal to the emulator's, in the service's order; a CVE or a time bound as a parameter is one
 * keyed request, as its literal would be.
 */
class TvmOverAvaticaTest {
  private static ServedTenant tenant;

  @BeforeAll static void start() throws SQLException {
    tenant = ServedTenant.start(b -> b.alerts(100).machines(40).now(Instant.parse("2026-12-01T00:00:00Z")),
        ServerLimits.DEFAULT);
  }

  @AfterAll static void stop() {
    tenant.close();
  }

  private static void assertTable(Connection c, Entity e, List<Object[]> expected, String sql) throws SQLException {
    assertFalse(expected.isEmpty(), e.tableName());
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      for (Object[] row : expected) {
        assertTrue(rs.next(), e.tableName() + ": fewer rows than the emulator's " + expected.size());
        EmulatorRows.assertRowEquals(e, row, rs);
      }
      assertFalse(rs.next(), e.tableName() + ": more rows than the emulator's");
    }
  }

  @Test void everyRowAndColumnIsTheEmulators() throws SQLException {
    try (Connection c = tenant.connect()) {
      for (Entity e : List.of(DefenderModel.VULNERABILITIES, DefenderModel.MACHINE_VULNERABILITIES,
          DefenderModel.SOFTWARE, DefenderModel.RECOMMENDATIONS, DefenderModel.REMEDIATION_TASKS,
          DefenderModel.SOFTWARE_VULNERABILITY_EXPORT)) {
        assertTable(c, e, tenant.emulator.data().rows(e).toList(), "select * from " + e.tableName());
      }
    }
  }

  @Test void aCveOrATimeBoundAsAParameterIsOneKeyedRequest() throws SQLException {
    final String cve = (String) tenant.emulator.data().rows(DefenderModel.VULNERABILITIES).findFirst()
        .orElseThrow()[0];
    try (Connection c = tenant.connect();
         PreparedStatement byCve = c.prepareStatement("select * from cve_machines where cve_id = ?");
         PreparedStatement since = c.prepareStatement(
             "select * from software_vulnerability_changes where since_time = ?")) {
      tenant.emulator.clearRequestLog();
      byCve.setString(1, cve);
      final List<Object[]> machines = tenant.emulator.data().lookup(DefenderModel.CVE_MACHINES, cve).toList();
      try (ResultSet rs = byCve.executeQuery()) {
        for (Object[] row : machines) {
          assertTrue(rs.next());
          EmulatorRows.assertRowEquals(DefenderModel.CVE_MACHINES, row, rs);
        }
        assertFalse(rs.next());
      }
      assertEquals(List.of("/api/vulnerabilities/" + cve + "/machineReferences"), apiPaths());

      tenant.emulator.clearRequestLog();
      since.setString(1, "2026-09-01T00:00:00Z");
      final List<Object[]> changes = tenant.emulator.data().lookup(DefenderModel.SOFTWARE_VULNERABILITY_CHANGES,
          "2026-09-01T00:00:00Z").toList();
      try (ResultSet rs = since.executeQuery()) {
        for (Object[] row : changes) {
          assertTrue(rs.next());
          EmulatorRows.assertRowEquals(DefenderModel.SOFTWARE_VULNERABILITY_CHANGES, row, rs);
        }
        assertFalse(rs.next());
      }
      assertFalse(changes.isEmpty());
      final List<RecordedRequest> sent = tenant.emulator.requestLog().stream()
          .filter(r -> r.path().startsWith("/api/")).toList();
      assertEquals(1, sent.size(), sent.toString());
      assertEquals("/api/machines/SoftwareVulnerabilityChangesByMachine", sent.get(0).path());
      assertEquals("sinceTime=2026-09-01T00:00:00Z&pageSize=200000", sent.get(0).query());
    }
  }

  private static List<String> apiPaths() {
    return tenant.emulator.requestLog().stream().map(RecordedRequest::path).filter(p -> p.startsWith("/api/"))
        .toList();
  }
}
