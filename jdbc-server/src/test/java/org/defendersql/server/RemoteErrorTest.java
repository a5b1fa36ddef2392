package org.defendersql.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.defendersql.adapter.DefenderModels;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.faults.Fault;
import org.defendersql.model.DefenderModel;
import org.junit.jupiter.api.Test;

/**
 * A failure in the middle of a scan, after the first frame of rows reached the client, arrives at the remote
 * JDBC client with the explained message, and the rows before it are the right ones. The stock Avatica driver
 * throws errors of later frames from {@code ResultSet.next()} as its {@code AvaticaClientRuntimeException}
 * (unchecked) rather than an {@link SQLException}: a limitation of the driver, not of the server, which sends the
 * SQLException.
 */
class RemoteErrorTest {
  @Test void aPermissionRemovedMidScanReachesTheRemoteClientExplained() throws Exception {
    try (DefenderEmulator emulator = DefenderEmulator.builder().alerts(600).machines(10).pageSize(50).build()
        .start()) {
      final TenantSource tenant = new TenantSource(DefenderModels.inline(DefenderModels.operand(
          emulator.environment())), "remote error", null);
      final int key = DefenderModel.ALERTS.indexOf(DefenderModel.ALERTS.key());
      final List<String> expected = emulator.data().rows(DefenderModel.ALERTS).map(r -> (String) r[key]).toList();
      final List<String> rows = new ArrayList<>();
      Exception error = null;
      try (DefenderServer server = DefenderServer.start(tenant, "127.0.0.1", 0)) {
        emulator.faults().on("/api/alerts").nth(5, Fault.PERMISSION_REMOVED);
        try (Connection c = DriverManager.getConnection(server.jdbcUrl()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select id from alerts")) {
          while (rs.next()) {
            rows.add(rs.getString(1));
          }
        } catch (SQLException | RuntimeException e) {
          error = e;
        }
      }
      assertNotNull(error, "the query must fail");
      final String m = error.getMessage();
      // The server answers the cause's SQLState (42501, permission) rather than its Java class.
      assertTrue(error instanceof SQLException s ? "42501".equals(s.getSQLState())
          : error instanceof org.apache.calcite.avatica.AvaticaClientRuntimeException a
              && "42501".equals(a.getSqlState()), error.getClass() + ": " + m);
      assertTrue(m.contains("HTTP 403 Forbidden: Missing application roles."), m);
      assertTrue(m.contains("request id |"), m);
      assertTrue(m.contains("lacks the application permission Alert.Read.All"), m);
      assertTrue(rows.size() >= 50, "the first frame arrived before the failure: " + rows.size());
      assertEquals(expected.subList(0, rows.size()), rows);
    }
  }
}
