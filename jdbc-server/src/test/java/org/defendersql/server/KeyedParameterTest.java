package org.defendersql.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import org.defendersql.emulator.RecordedRequest;
import org.defendersql.model.DefenderModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A parameter bound over the wire (Avatica's JDBC driver, the server's parameter coercion) is a value like a
 * literal: {@code select * from alerts where id = ?} sends one keyed request, {@code GET /api/alerts/{id}}, and
 * returns the emulator's row; a NULL sends nothing.
 */
class KeyedParameterTest {
  private static ServedTenant tenant;

  @BeforeAll static void start() throws SQLException {
    tenant = ServedTenant.start(200, 20);
  }

  @AfterAll static void stop() {
    tenant.close();
  }

  @Test void anIdParameterIsOneKeyedRequest() throws SQLException {
    final List<Object[]> alerts = tenant.emulator.data().rows(DefenderModel.ALERTS).skip(5).limit(2).toList();
    try (Connection c = tenant.connect();
         PreparedStatement ps = c.prepareStatement("select * from alerts where id = ?")) {
      for (Object[] alert : alerts) {
        tenant.emulator.clearRequestLog();
        ps.setString(1, (String) alert[0]);
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next(), "the alert " + alert[0]);
          EmulatorRows.assertRowEquals(DefenderModel.ALERTS, alert, rs);
          assertFalse(rs.next());
        }
        assertEquals(List.of("/api/alerts/" + alert[0]), apiPaths());
      }
      tenant.emulator.clearRequestLog();
      ps.setNull(1, Types.VARCHAR);
      try (ResultSet rs = ps.executeQuery()) {
        assertFalse(rs.next());
      }
      assertEquals(List.of(), apiPaths(), "a NULL id matches no alert, and nothing is sent");
    }
  }

  @Test void aMachineIdParameterIsOneKeyedRequest() throws SQLException {
    final Object[] machine = tenant.emulator.data().rows(DefenderModel.MACHINES).skip(3).findFirst().orElseThrow();
    try (Connection c = tenant.connect();
         PreparedStatement ps = c.prepareStatement("select id, computer_dns_name from machines where id = ?")) {
      tenant.emulator.clearRequestLog();
      ps.setString(1, (String) machine[0]);
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        assertEquals(machine[0], rs.getString(1));
        assertEquals(machine[DefenderModel.MACHINES.indexOf(DefenderModel.MACHINES.column("computer_dns_name")
            .orElseThrow())], rs.getString(2));
        assertFalse(rs.next());
      }
      assertEquals(List.of("/api/machines/" + machine[0]), apiPaths());
    }
  }

  private static List<String> apiPaths() {
    return tenant.emulator.requestLog().stream().map(RecordedRequest::path).filter(p -> p.startsWith("/api/"))
        .toList();
  }
}
