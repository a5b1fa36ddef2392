package org.defendersql.server;

import static org.defendersql.server.ResultCounts.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.defendersql.emulator.faults.Fault;
import org.junit.jupiter.api.Test;

/**
 * The server stops queries nobody should wait for: at the server's or the connection's query timeout, when the
 * client closes the connection from another thread, and when the client went away (its request outlived the
 * statement idle time, or its open result set sat idle). Avatica's driver sends neither
 * {@code Statement.cancel()} nor {@code setQueryTimeout}, so these are the ways that reach a server. The API
 * here answers each page of 10 alerts after 0.5 s: a whole scan of 400 alerts takes 20 s or more, so a query
 * stopped early is seen in the emulator's request log (no tight timing).
 */
class TimeoutCancelTest {
  private static final int PAGES = 40;
  private static final ServerLimits SHORT_IDLE =
      new ServerLimits(Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ZERO);

  private static ServedTenant slowTenant(ServerLimits limits) throws SQLException {
    final ServedTenant t = warm(ServedTenant.start(b -> b.alerts(PAGES * 10).machines(5).pageSize(10), limits));
    t.emulator.faults().slowDelay(Duration.ofMillis(500)).on("/api/alerts").always(Fault.SLOW);
    return t;
  }

  /**
   * The tenant, warmed: the first query of a JVM also loads the sign-in libraries and fetches a token, seconds on
   * a busy machine (longer than a 2 s timeout or idle time), which the timings here are not about. The fetch goes
   * on after a timed-out attempt; once the token is there, the warm-up query succeeds.
   */
  private static ServedTenant warm(ServedTenant t) {
    for (int attempt = 0; attempt < 60; attempt++) {
      try (Connection c = t.connect(); Statement s = c.createStatement()) {
        count(s.executeQuery("select id from machines"));
        break;
      } catch (SQLException timedOut) {
        // retried
      }
    }
    return t;
  }

  @Test void statementMaxRowsIsEnforced() throws SQLException {
    try (ServedTenant t = ServedTenant.start(120, 5); Connection c = t.connect(); Statement s = c.createStatement()) {
      s.setMaxRows(5);
      s.setFetchSize(2);
      assertEquals(5, count(s.executeQuery("select id from alerts")));
      s.setMaxRows(0);
      assertEquals(120, count(s.executeQuery("select id from alerts")));
    }
  }

  @Test void theServersQueryTimeoutStopsTheQuery() throws Exception {
    try (ServedTenant t = slowTenant(ServerLimits.DEFAULT.withQueryTimeout(Duration.ofSeconds(1)));
         Connection c = t.connect(); Statement s = c.createStatement()) {
      assertCancelled(() -> count(s.executeQuery("select id from alerts")), t);
    }
  }

  @Test void theConnectionsQueryTimeoutStopsTheQuery() throws Exception {
    final Properties p = new Properties();
    p.setProperty("queryTimeout", "1");
    try (ServedTenant t = slowTenant(ServerLimits.DEFAULT); Connection c = t.connect(p);
         PreparedStatement ps = c.prepareStatement("select count(*) from alerts where severity <> ?")) {
      ps.setString(1, "none");
      assertCancelled(() -> count(ps.executeQuery()), t);
    }
  }

  @Test void closingTheConnectionFromAnotherThreadStopsItsQuery() throws Exception {
    try (ServedTenant t = slowTenant(ServerLimits.DEFAULT)) {
      final Connection c = t.connect();
      final Statement s = c.createStatement();
      final long start = System.nanoTime();
      final CompletableFuture<Long> query = CompletableFuture.supplyAsync(() -> {
        try {
          return count(s.executeQuery("select count(*) from alerts"));
        } catch (SQLException e) {
          throw new RuntimeException(e);
        }
      });
      awaitRequests(t, 2);
      c.close();
      final ExecutionException e = assertThrows(ExecutionException.class, () -> query.get(60, TimeUnit.SECONDS));
      assertNotNull(e.getCause());
      assertTrue(seconds(start) < 15, "the query stopped after " + seconds(start) + " s, not at its end");
      assertStoppedEarly(t);
    }
  }

  @Test void aRequestWhoseClientWentAwayIsCancelled() throws Exception {
    try (ServedTenant t = slowTenant(SHORT_IDLE)) {
      // This client gives up waiting after 1.5 s and is never heard of again.
      final Connection c = DriverManager.getConnection(t.server.jdbcUrl() + ";http_response_timeout=1500");
      final Statement s = c.createStatement();
      assertThrows(Exception.class, () -> count(s.executeQuery("select count(*) from alerts")));
      assertStoppedEarly(t);
    }
  }

  @Test void anIdleResultSetOfAGoneClientIsClosed() throws Exception {
    try (ServedTenant t = warm(ServedTenant.start(b -> b.alerts(500).machines(5).pageSize(50), SHORT_IDLE))) {
      final Connection c = t.connect();
      final Statement s = c.createStatement();
      ResultSet rs = null;
      // A first frame that took longer than the 2 s idle time on a busy machine is cancelled as abandoned (what
      // the next test is about); this one is about the result set afterwards.
      for (int attempt = 0; rs == null; attempt++) {
        try {
          rs = s.executeQuery("select id from alerts");
        } catch (SQLException slow) {
          if (attempt == 10 || !"57014".equals(slow.getSQLState())) {
            throw slow;
          }
        }
      }
      assertTrue(rs.next());
      assertEquals(1, t.server.openStatements(), "the server holds the open result set");
      // The client goes away without closing anything.
      final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (t.server.openStatements() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      assertEquals(0, t.server.openStatements(), "the idle statement and its result set are closed");
    }
  }

  /** The action fails with SQLState 57014 well before a whole scan could end, and the scan stops. */
  private static void assertCancelled(Action action, ServedTenant t) throws Exception {
    final long start = System.nanoTime();
    final SQLException e = assertThrows(SQLException.class, action::run);
    assertTrue(seconds(start) < 15, "the timeout took " + seconds(start) + " s");
    assertEquals("57014", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains("timeout"), e.getMessage());
    assertStoppedEarly(t);
  }

  /** The API requests stop (none for 1.2 s, over twice a page's 0.5 s) before the scan's last page. */
  private static void assertStoppedEarly(ServedTenant t) throws InterruptedException {
    long last = -1;
    int quiet = 0;
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
    while (quiet < 4 && System.nanoTime() < deadline) {
      Thread.sleep(300);
      final long n = alertRequests(t);
      quiet = n == last ? quiet + 1 : 0;
      last = n;
    }
    assertEquals(4, quiet, "the API requests went on: " + last);
    assertTrue(last < PAGES, "the scan stopped early, after " + last + " of " + PAGES + " pages");
  }

  private static void awaitRequests(ServedTenant t, int n) throws InterruptedException {
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (alertRequests(t) < n && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
  }

  private static long alertRequests(ServedTenant t) {
    return t.emulator.requestLog().stream().filter(r -> r.path().equals("/api/alerts")).count();
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }


  /** A JDBC call. */
  interface Action {
    void run() throws Exception;
  }
}
