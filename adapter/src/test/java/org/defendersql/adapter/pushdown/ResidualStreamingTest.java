package org.defendersql.adapter.pushdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.defendersql.adapter.EmulatedTenant;
import org.defendersql.emulator.DefenderEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A prepared statement whose value the API cannot check (an enum value that is not a member) streams its rows as
 * the literal statement does: the first row comes after the first page, not after the whole table was read, so a
 * cancel or a timeout can still stop the reading; OFFSET without LIMIT keeps every row after the offset.
 */
class ResidualStreamingTest {
  private static DefenderEmulator emulator;
  private static Connection connection;

  @BeforeAll static void start() throws SQLException {
    emulator = DefenderEmulator.builder().alerts(120).machines(10).pageSize(10).seed(5).now(Instant.now()).build()
        .start();
    connection = EmulatedTenant.connect(emulator);
  }

  @AfterAll static void stop() throws SQLException {
    connection.close();
    emulator.close();
  }

  private static long alertPages() {
    return emulator.requestLog().stream().filter(r -> r.path().equals("/api/alerts")).count();
  }

  @Test void theFirstRowComesAfterTheFirstPage() throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("select id from alerts where severity <> ?")) {
      ps.setString(1, "none");
      emulator.clearRequestLog();
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        // The emulator may log a request just after answering it: wait for the first page's entry, then check
        // that the rest of the table was not read (a scan that held the first row back reads all 12 pages first).
        final long deadline = System.nanoTime() + 10_000_000_000L;
        while (alertPages() < 1 && System.nanoTime() < deadline) {
          Thread.onSpinWait();
        }
        assertTrue(alertPages() >= 1 && alertPages() <= 2, "pages read before the first row: " + alertPages());
        int n = 1;
        while (rs.next()) {
          n++;
        }
        assertEquals(120, n);
        assertEquals(12, alertPages());
      }
    }
  }

  @Test void offsetWithoutLimitKeepsTheRest() throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("select id from alerts where severity <> ? offset 100 rows")) {
      ps.setString(1, "none");
      try (ResultSet rs = ps.executeQuery()) {
        int n = 0;
        while (rs.next()) {
          n++;
        }
        assertEquals(20, n);
      }
    }
  }
}
