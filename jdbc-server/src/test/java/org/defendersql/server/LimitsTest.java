package org.defendersql.server;

import static org.defendersql.server.ResultCounts.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.defendersql.adapter.DefenderModels;
import org.defendersql.adapter.runtime.StatementBudget;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.faults.Fault;
import org.defendersql.model.DefenderModel;
import org.defendersql.server.limits.HeapWatch;
import org.defendersql.server.limits.Quotas;
import org.defendersql.server.security.AuthMode;
import org.defendersql.server.security.SecurityOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each limit of the server fires with a message naming it (and its option) and SQLState 53400, the server
 * keeps answering afterwards, and one user's refusals never close another user's connection or cursor.
 */
@Timeout(180)
class LimitsTest {
  private static final String LIMIT = "53400";
  private static final ServerLimits SMALL_ROWS =
      ServerLimits.DEFAULT.withQuotas(Quotas.DEFAULT.withMaxStatementRows(1_000));

  @TempDir Path dir;

  @Test void aStatementHoldingTooManyRowsIsStoppedAndTheServerAnswersAfter() throws SQLException {
    try (ServedTenant t = ServedTenant.start(b -> b.alerts(200).machines(5), SMALL_ROWS);
         Connection c = t.connect(); Statement s = c.createStatement()) {
      final SQLException e = assertThrows(SQLException.class, () -> count(s.executeQuery(
          "select a.id, b.id from alerts a, alerts b order by a.title, b.title, a.id, b.id")));
      assertEquals(LIMIT, e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("more than 1000 rows in memory")
          && e.getMessage().contains("--max-statement-rows"), e.getMessage());
      assertEquals(200, count(s.executeQuery("select id from alerts order by title")), "within the limit");
      assertEquals(t.column(DefenderModel.ALERTS, "id").size(), count(s.executeQuery("select id from alerts")));
    }
  }

  @Test void aJoinsOutputStreamsWithoutCountingAgainstTheLimit() throws SQLException {
    final ServerLimits limits = ServerLimits.DEFAULT.withQuotas(Quotas.DEFAULT.withMaxStatementRows(300));
    try (ServedTenant t = ServedTenant.start(b -> b.alerts(200).machines(5), limits);
         Connection c = t.connect(); Statement s = c.createStatement()) {
      // 200 alerts by 5 machines: 1,000 rows stream out, while the join holds at most one side (200 or 5 rows).
      t.emulator.clearRequestLog();
      assertEquals(1_000, count(s.executeQuery("select a.id, m.id from alerts a cross join machines m")));
      // Calcite's nested-loop join reads its inner side once per outer row; the guard reads the API once.
      assertEquals(2, t.emulator.requestLog().stream().filter(r -> r.path().startsWith("/api/")).count(),
          "one request per table, not one per row of the other");
    }
  }

  @Test void aRecursiveQueryStopsAtTheServersQueryTimeout() throws SQLException {
    final ServerLimits limits = ServerLimits.DEFAULT.withQueryTimeout(Duration.ofSeconds(2));
    try (ServedTenant t = ServedTenant.start(b -> b.alerts(20).machines(5), limits);
         Connection c = t.connect(); Statement s = c.createStatement()) {
      final SQLException e = assertThrows(SQLException.class, () -> count(s.executeQuery(
          "with recursive t(n) as (values (1) union all select n + 1 from t) select count(*) from t")));
      assertEquals("57014", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("timeout of 2 s"), e.getMessage());
      assertEquals(20, count(s.executeQuery("select id from alerts")), "the server answers after");
    }
  }

  @Test void theStatementHoldingTheMostRowsIsStoppedWhenTheHeapIsNearlyFull() throws Exception {
    try (ServedTenant t = ServedTenant.start(b -> b.alerts(400).machines(5).pageSize(10), ServerLimits.DEFAULT);
         HeapWatch watch = new HeapWatch(0.99)) {
      t.emulator.faults().slowDelay(Duration.ofMillis(300)).on("/api/alerts").always(Fault.SLOW);
      final Connection c = t.connect();
      final CompletableFuture<Long> sorting = CompletableFuture.supplyAsync(() -> {
        try (Statement s = c.createStatement()) {
          return count(s.executeQuery("select id from alerts order by title"));
        } catch (SQLException e) {
          throw new RuntimeException(e);
        }
      });
      final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (StatementBudget.largestRowsHeld() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertTrue(watch.relieve() > 0, "a statement held rows");
      final ExecutionException e = assertThrows(ExecutionException.class, () -> sorting.get(60, TimeUnit.SECONDS));
      final SQLException cause = (SQLException) e.getCause().getCause();
      assertEquals(LIMIT, cause.getSQLState(), cause.getMessage());
      assertTrue(cause.getMessage().contains("memory is nearly full"), cause.getMessage());
      t.emulator.faults().clear();
      try (Statement s = c.createStatement()) {
        assertEquals(5, count(s.executeQuery("select id from machines")), "the server answers after");
      }
      c.close();
    }
  }

  @Test void aUserBeyondTheirConnectionsIsRefusedAndNoOneElseIsEvicted() throws Exception {
    final ServerLimits limits = ServerLimits.DEFAULT.withQuotas(Quotas.DEFAULT.withConnections(2, 5));
    try (DefenderEmulator emulator = SecureServers.emulator();
         DefenderServer server = secure(emulator, limits)) {
      final List<Connection> alice = new ArrayList<>();
      alice.add(connect(server, "alice"));
      alice.add(connect(server, "alice"));
      for (Connection a : alice) {
        a.createStatement().close(); // Avatica's driver opens the server's connection at its first request
      }
      final Connection bob = connect(server, "bob");
      final Statement bobs = bob.createStatement();
      final ResultSet cursor = bobs.executeQuery("select id from alerts");
      cursor.setFetchSize(5);
      final Exception e = assertThrows(Exception.class, () -> connect(server, "alice").createStatement());
      assertTrue(message(e).contains("--max-connections-per-user"), message(e));
      alice.get(0).close();
      alice.set(0, connect(server, "alice"));
      try (Statement s = alice.get(0).createStatement()) {
        assertEquals(12, count(s.executeQuery("select id from machines")));
      }
      assertEquals(40, count(cursor), "bob's open cursor still reads to its end");
      for (Connection a : alice) {
        a.close();
      }
      bob.close();
    }
  }

  @Test void theServerRefusesConnectionsBeyondItsTotalWithoutEvictingOne() throws Exception {
    final ServerLimits limits = ServerLimits.DEFAULT.withQuotas(Quotas.DEFAULT.withConnections(20, 3));
    try (ServedTenant t = ServedTenant.start(b -> b.alerts(20).machines(5), limits)) {
      final List<Connection> open = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        open.add(t.connect());
        open.get(i).createStatement().close();
      }
      final Exception e = assertThrows(Exception.class, () -> t.connect().createStatement());
      assertTrue(message(e).contains("--max-connections"), message(e));
      for (Connection c : open) {
        try (Statement s = c.createStatement()) {
          assertEquals(5, count(s.executeQuery("select id from machines")), "every admitted connection works");
        }
        c.close();
      }
    }
  }

  @Test void aUserBeyondTheirStatementsIsRefused() throws Exception {
    final ServerLimits limits = ServerLimits.DEFAULT.withQuotas(Quotas.DEFAULT.withStatements(3, 100));
    try (DefenderEmulator emulator = SecureServers.emulator();
         DefenderServer server = secure(emulator, limits);
         Connection alice = connect(server, "alice"); Connection bob = connect(server, "bob")) {
      final Statement bobs = bob.createStatement();
      final ResultSet cursor = bobs.executeQuery("select id from alerts");
      cursor.setFetchSize(5);
      final List<Statement> mine = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        mine.add(alice.createStatement());
      }
      // Avatica's driver raises a refused createStatement unchecked, with the server's message and SQLState.
      final AvaticaClientRuntimeException e = assertThrows(AvaticaClientRuntimeException.class,
          () -> alice.createStatement());
      assertEquals(LIMIT, e.getSqlState(), e.getMessage());
      assertTrue(e.getMessage().contains("--max-statements-per-user"), e.getMessage());
      mine.remove(0).close();
      try (Statement s = alice.createStatement()) {
        assertEquals(12, count(s.executeQuery("select id from machines")));
      }
      assertEquals(40, count(cursor), "bob's open cursor still reads to its end");
    }
  }

  @Test void aUserBeyondTheirRunningStatementsIsRefusedWhileOthersRun() throws Exception {
    final ServerLimits limits = ServerLimits.DEFAULT.withQuotas(
        Quotas.DEFAULT.withRunning(1, 16, Duration.ofMillis(200)));
    try (DefenderEmulator emulator = DefenderEmulator.builder().alerts(200).machines(12).pageSize(10).seed(11)
        .build().start();
         DefenderServer server = secure(emulator, limits);
         Connection slow = connect(server, "alice"); Connection second = connect(server, "alice");
         Connection bob = connect(server, "bob")) {
      final CompletableFuture<Long> running = slowCountRunning(emulator, slow);
      try (Statement s = second.createStatement()) {
        final SQLException e = assertThrows(SQLException.class, () -> count(s.executeQuery("select id from machines")));
        assertEquals(LIMIT, e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().contains("--max-running-per-user"), e.getMessage());
      }
      try (Statement s = bob.createStatement()) {
        assertEquals(12, count(s.executeQuery("select id from machines")), "another user runs meanwhile");
      }
      emulator.faults().clear();
      assertEquals(1L, running.get(120, TimeUnit.SECONDS));
    }
  }

  @Test void aUserBeyondTheirKeyedRequestsOfTheHourIsRefusedAndOthersAreNot() throws Exception {
    final ServerLimits limits = ServerLimits.DEFAULT.withQuotas(Quotas.DEFAULT.withUserLookupsPerHour(3));
    final java.util.function.IntFunction<String> key = i -> "'" + String.format("%040x", 500 + i) + "'";
    try (DefenderEmulator emulator = SecureServers.emulator();
         DefenderServer server = secure(emulator, limits);
         Connection alice = connect(server, "alice"); Connection bob = connect(server, "bob");
         Statement a = alice.createStatement(); Statement b = bob.createStatement()) {
      assertEquals(0, count(a.executeQuery("select sha1 from files where sha1 in (" + key.apply(0) + ", "
          + key.apply(1) + ")")));
      emulator.clearRequestLog();
      final SQLException e = assertThrows(SQLException.class, () -> count(a.executeQuery(
          "select sha1 from files where sha1 in (" + key.apply(2) + ", " + key.apply(3) + ")")));
      assertEquals(LIMIT, e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("--max-user-lookups-per-hour"), e.getMessage());
      assertEquals(0, emulator.requestLog().stream().filter(r -> r.path().startsWith("/api/files/")).count(),
          "refused before any request");
      assertEquals(0, count(b.executeQuery("select sha1 from files where sha1 in (" + key.apply(2) + ", "
          + key.apply(3) + ")")), "another user has their own quota");
    }
  }

  @Test void theServerRefusesStatementsBeyondItsTotal() throws Exception {
    final ServerLimits limits = ServerLimits.DEFAULT.withQuotas(Quotas.DEFAULT.withStatements(200, 3));
    try (ServedTenant t = ServedTenant.start(b -> b.alerts(20).machines(5), limits); Connection c = t.connect()) {
      final List<Statement> open = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        open.add(c.createStatement());
      }
      final AvaticaClientRuntimeException e = assertThrows(AvaticaClientRuntimeException.class, c::createStatement);
      assertEquals(LIMIT, e.getSqlState(), e.getMessage());
      assertTrue(e.getMessage().contains("--max-statements)"), e.getMessage());
      assertEquals(5, count(open.get(0).executeQuery("select id from machines")), "the admitted ones work");
      open.remove(2).close();
      try (Statement s = c.createStatement()) {
        assertEquals(5, count(s.executeQuery("select id from machines")));
      }
    }
  }

  @Test void theServerRefusesRunningStatementsBeyondItsTotal() throws Exception {
    final ServerLimits limits = ServerLimits.DEFAULT.withQuotas(
        Quotas.DEFAULT.withRunning(4, 1, Duration.ofMillis(200)));
    try (ServedTenant t = ServedTenant.start(b -> b.alerts(200).machines(5).pageSize(10), limits);
         Connection slow = t.connect(); Connection other = t.connect()) {
      final CompletableFuture<Long> running = slowCountRunning(t.emulator, slow);
      try (Statement s = other.createStatement()) {
        final SQLException e = assertThrows(SQLException.class, () -> count(s.executeQuery("select id from machines")));
        assertEquals(LIMIT, e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().contains("--max-running)"), e.getMessage());
      }
      t.emulator.faults().clear();
      assertEquals(1L, running.get(120, TimeUnit.SECONDS));
      try (Statement s = other.createStatement()) {
        assertEquals(5, count(s.executeQuery("select id from machines")), "a turn is free again");
      }
    }
  }

  /**
   * Starts {@code select count(*) from alerts} on {@code c} with every page of alerts answered after 0.5 s, and
   * returns once the emulator has its first request: the statement is running.
   */
  private static CompletableFuture<Long> slowCountRunning(DefenderEmulator emulator, Connection c)
      throws InterruptedException {
    emulator.faults().slowDelay(Duration.ofMillis(500)).on("/api/alerts").always(Fault.SLOW);
    final CompletableFuture<Long> running = CompletableFuture.supplyAsync(() -> {
      try (Statement s = c.createStatement()) {
        return count(s.executeQuery("select count(*) from alerts"));
      } catch (SQLException e) {
        throw new RuntimeException(e);
      }
    });
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (emulator.requestLog().stream().noneMatch(r -> r.path().equals("/api/alerts"))
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    return running;
  }

  private DefenderServer secure(DefenderEmulator emulator, ServerLimits limits) throws Exception {
    final Path users = SecureServers.usersFile(dir, AuthMode.BASIC, "alice", "a-secret", "bob", "b-secret");
    final TenantSource tenant = new TenantSource(DefenderModels.inline(DefenderModels.operand(
        emulator.environment())), "limits test", null);
    return DefenderServer.start(tenant, "127.0.0.1", 0, limits, SecurityOptions.NONE.withAuth(AuthMode.BASIC, users));
  }

  private static Connection connect(DefenderServer server, String user) throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl(),
        SecureServers.user(AuthMode.BASIC, user, user.charAt(0) + "-secret"));
  }

  /** The message of a refusal, whichever way Avatica's driver raised it. */
  private static String message(Exception e) {
    return e instanceof AvaticaClientRuntimeException a ? a.getMessage() + " " + a.getServerExceptions()
        : e.getMessage();
  }

}
