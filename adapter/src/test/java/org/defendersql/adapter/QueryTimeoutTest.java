package org.defendersql.adapter;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.faults.Fault;
import org.junit.jupiter.api.Test;

/** A JDBC query timeout stops a scan waiting on a slow API answer, through the planner's context. */
class QueryTimeoutTest {
  @Test void queryTimeoutStopsTheHttpCall() throws SQLException {
    try (DefenderEmulator emulator = DefenderEmulator.builder().alerts(50).machines(10).build().start()) {
      emulator.faults().slowDelay(Duration.ofSeconds(60)).on("/api/alerts").nth(1, Fault.SLOW);
      try (Connection c = EmulatedTenant.connect(emulator); Statement s = c.createStatement()) {
        s.setQueryTimeout(1);
        final long start = System.nanoTime();
        final SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("select id from alerts").next());
        final double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(seconds < 15, "the timeout took " + seconds + " s");
        final String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        assertTrue(message.contains("cancel") || message.contains("timed out") || message.contains("timeout"),
            e.getMessage());
      }
    }
  }
}
