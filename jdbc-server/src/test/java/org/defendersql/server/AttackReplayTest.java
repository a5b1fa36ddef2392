package org.defendersql.server;

import static org.defendersql.server.ResultCounts.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.defendersql.adapter.DefenderModels;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.RecordedRequest;
import org.defendersql.server.limits.Quotas;
import org.defendersql.server.security.AuthMode;
import org.defendersql.server.security.RawHttp;
import org.defendersql.server.security.SecurityOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every attack of issue 12 replayed against one server (BASIC users alice and bob, low limits) over one emulated
 * tenant, through the real Avatica driver or byte for byte over a socket. After each: a simple query still answers
 * the emulator's own rows, no thread of the server's or emulator's pools died (the threads seen before are alive
 * and no thread ended with an uncaught throwable), no API stream is left open (the emulator's open exchanges
 * return to zero) and the heap after a GC is back near its baseline. The limits' messages are LimitsTest's,
 * JavaErrorsTest's and RequestGuardTest's to check; here each refusal is checked by its SQLState or status only.
 */
@Timeout(300)
class AttackReplayTest {
  private static final String LIMIT = "53400";
  private static final int ALERTS = 2_000;
  private static final int MAX_LOOKUPS = 5;
  private static final int CONNECTIONS_PER_USER = 5;
  private static final int STATEMENTS_PER_USER = 5;
  private static final long HEAP_SLACK = 64L << 20;
  /** Pools whose threads live as long as the server or emulator: none of them may end during an attack. */
  private static final List<String> LASTING_POOLS =
      List.of("defender-emulator-", "defender-cancel-watch", "defender-sql-query-guard");
  private static final List<Throwable> DEATHS = new CopyOnWriteArrayList<>();

  @TempDir static Path dir;
  private static DefenderEmulator emulator;
  private static DefenderServer server;
  private static Thread.UncaughtExceptionHandler previousHandler;
  private static long heapBaseline;
  private Map<Long, String> lastingBefore;

  @BeforeAll static void start() throws Exception {
    previousHandler = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
      DEATHS.add(new AssertionError("thread " + t.getName() + " died", e));
      if (previousHandler != null) {
        previousHandler.uncaughtException(t, e);
      }
    });
    emulator = DefenderEmulator.builder().alerts(ALERTS).machines(12).seed(11).build().start();
    final Path users = SecureServers.usersFile(dir, AuthMode.BASIC, "alice", "a-secret", "bob", "b-secret");
    final ServerLimits limits = ServerLimits.DEFAULT.withQuotas(Quotas.DEFAULT.withMaxStatementRows(1_000).withConnections(CONNECTIONS_PER_USER, 10)
            .withStatements(STATEMENTS_PER_USER, 50));
    server = DefenderServer.start(tenant(), "127.0.0.1", 0, limits, SecurityOptions.NONE.withAuth(AuthMode.BASIC,
        users));
    // Warm up (classes, plans, the token) so that the baseline is the heap of a server that has served.
    try (Connection c = connect("alice"); Statement s = c.createStatement()) {
      assertEquals(ALERTS, count(s.executeQuery("select id, title from alerts")));
      assertEquals(12, count(s.executeQuery("select id from machines order by id")));
    }
    heapBaseline = heapAfterGc();
  }

  @AfterAll static void stop() {
    server.close();
    emulator.close();
    Thread.setDefaultUncaughtExceptionHandler(previousHandler);
  }

  @BeforeEach void snapshotThreads() {
    lastingBefore = lastingThreads();
    DEATHS.clear();
  }

  /** What every attack must leave behind: a server that answers, its threads, no open stream, its heap. */
  @AfterEach void theServerSurvived() throws Exception {
    try (Connection c = connect("alice")) {
      assertEquals(SecureServers.machineIds(emulator), SecureServers.machineIds(c), "a simple query answers");
    }
    awaitNoOpenExchanges();
    final Map<Long, String> after = lastingThreads();
    lastingBefore.forEach((id, name) -> assertTrue(after.containsKey(id), "thread " + name + " ended"));
    assertTrue(DEATHS.isEmpty(), () -> "threads died: " + DEATHS);
    final long heap = heapAfterGc();
    assertTrue(heap <= heapBaseline + HEAP_SLACK,
        "heap after GC " + (heap >> 20) + " MiB, baseline " + (heapBaseline >> 20) + " MiB");
  }

  @Test void aSortedCrossJoinIsRefused() throws SQLException {
    try (Connection c = connect("alice"); Statement s = c.createStatement()) {
      final SQLException e = assertThrows(SQLException.class, () -> count(s.executeQuery(
          "select a.id, b.id from alerts a, alerts b order by a.title, b.title, a.id, b.id")));
      assertEquals(LIMIT, e.getSQLState(), e.getMessage());
    }
  }

  @Test void aRecursiveQueryEndsAtTheServersTimeout() throws SQLException {
    // A server of its own: a timeout this short would stop the other attacks' honest queries on a busy machine.
    try (DefenderServer timed = DefenderServer.start(tenant(), "127.0.0.1", 0,
        ServerLimits.DEFAULT.withQueryTimeout(Duration.ofSeconds(2)));
         Connection c = DriverManager.getConnection(timed.jdbcUrl()); Statement s = c.createStatement()) {
      final SQLException e = assertThrows(SQLException.class, () -> count(s.executeQuery(
          "with recursive t(n) as (values (1) union all select n + 1 from t) select count(*) from t")));
      assertEquals("57014", e.getSQLState(), e.getMessage());
    }
  }

  @Test void connectionsClosedMidReadLeaveNoStreamOpen() throws Exception {
    for (int i = 0; i < 10; i++) {
      final Connection c = connect(i % 2 == 0 ? "alice" : "bob");
      final Statement s = c.createStatement();
      final ResultSet rs = s.executeQuery("select id, title, description from alerts");
      rs.setFetchSize(10);
      for (int row = 0; row < 25; row++) {
        assertTrue(rs.next());
      }
      c.close(); // the result set and its statement stay unclosed by the client
    }
    awaitNoOpenExchanges();
  }

  @Test void aThousandOpenConnectionsAreRefusedWithoutEvictingALiveOne() throws Exception {
    try (Connection bob = connect("bob"); Statement s = bob.createStatement();
         ResultSet cursor = s.executeQuery("select id from alerts")) {
      cursor.setFetchSize(5);
      assertTrue(cursor.next());
      final List<String> admitted = new ArrayList<>();
      int refused = 0;
      for (int i = 0; i < 1_100; i++) {
        final String id = "attack-open-" + i;
        final RawHttp.Answer a = avatica("alice", "{\"request\":\"openConnection\",\"connectionId\":\"" + id + "\"}");
        assertNotHtml(a);
        if (a.status() == 200) {
          admitted.add(id);
        } else {
          refused++;
        }
      }
      assertEquals(CONNECTIONS_PER_USER, admitted.size(), "alice's quota of connections");
      assertEquals(1_100 - CONNECTIONS_PER_USER, refused);
      assertEquals(ALERTS - 1, count(cursor), "bob's open cursor reads to its end");
      for (String id : admitted) {
        assertEquals(200, avatica("alice", "{\"request\":\"closeConnection\",\"connectionId\":\"" + id + "\"}")
            .status());
      }
    }
  }

  @Test void twelveThousandStatementsAreRefusedWithoutEvictingAnotherUsersCursor() throws Exception {
    try (Connection bob = connect("bob"); Statement s = bob.createStatement();
         ResultSet cursor = s.executeQuery("select id from alerts");
         Connection alice = connect("alice")) {
      cursor.setFetchSize(5);
      assertTrue(cursor.next());
      final List<Statement> admitted = new ArrayList<>();
      int refused = 0;
      for (int i = 0; i < 12_000; i++) {
        try {
          admitted.add(alice.createStatement());
        } catch (AvaticaClientRuntimeException e) {
          assertEquals(LIMIT, e.getSqlState(), e.getMessage());
          refused++;
        }
      }
      assertEquals(STATEMENTS_PER_USER, admitted.size(), "alice's quota of statements");
      assertEquals(12_000 - STATEMENTS_PER_USER, refused);
      assertEquals(ALERTS - 1, count(cursor), "bob's open cursor reads to its end");
      for (Statement a : admitted) {
        a.close();
      }
    }
  }

  @Test void aUnionOfKeyedBranchesBeyondMaxLookupsIsRefused() throws SQLException {
    // Four branches of two file hashes: eight keyed requests, each branch within maxLookups, the statement beyond.
    final String sql = IntStream.range(0, 4).mapToObj(b -> "select sha1 from files where sha1 in ('"
        + String.format("%040x", 100 + 2 * b) + "', '" + String.format("%040x", 101 + 2 * b) + "')")
        .collect(Collectors.joining(" union all "));
    emulator.clearRequestLog();
    try (Connection c = connect("alice"); Statement s = c.createStatement()) {
      final SQLException e = assertThrows(SQLException.class, () -> count(s.executeQuery(sql)));
      assertEquals(LIMIT, e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("maxLookups"), e.getMessage());
    }
    final long sent = emulator.requestLog().stream().filter(r -> r.path().startsWith("/api/files/")).count();
    assertTrue(sent <= MAX_LOOKUPS, "keyed requests sent: " + sent);
  }

  @Test void keysThatWalkAPathAreNeverSent() throws SQLException {
    final Map<String, String> tables = Map.of("user_alerts", "user_name", "ip_alerts", "ip", "domain_alerts",
        "domain");
    try (Connection c = connect("alice")) {
      for (Map.Entry<String, String> t : tables.entrySet()) {
        for (String key : List.of("..", ".", "a/b")) {
          emulator.clearRequestLog();
          final String sql = "select * from " + t.getKey() + " where " + t.getValue() + " = '" + key + "'";
          try (Statement s = c.createStatement()) {
            // A bad key is refused (22023) or, as no row has such a key, answers no row: never a request.
            final long rows = count(s.executeQuery(sql));
            assertEquals(0, rows, sql);
          } catch (SQLException e) {
            assertEquals("22023", e.getSQLState(), sql + ": " + e.getMessage());
          }
          final List<RecordedRequest> api = emulator.requestLog().stream()
              .filter(r -> r.path().startsWith("/api/")).toList();
          assertEquals(List.of(), api, sql + " sent nothing to the API");
        }
      }
    }
  }

  @Test void threeThousandOrsAreAnErrorNotAPage() throws SQLException {
    final String ors = IntStream.range(0, 3_000).mapToObj(i -> "title = 'no such title " + i + "'")
        .collect(Collectors.joining(" or "));
    try (Connection c = connect("alice"); Statement s = c.createStatement()) {
      final SQLException e = assertThrows(SQLException.class,
          () -> s.executeQuery("select id from alerts where " + ors).close());
      assertFalse(String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("<html"), e.getMessage());
      assertTrue(e.getSQLState() != null && !e.getSQLState().isEmpty(), e.toString());
    }
  }

  @Test void aGibibyteBodyIsRefusedWithoutBeingRead() throws Exception {
    final long gib = 1L << 30;
    final AtomicLong written = new AtomicLong();
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(60_000);
      final OutputStream out = socket.getOutputStream();
      out.write(("POST / HTTP/1.1\r\nHost: localhost:" + server.port() + "\r\nAuthorization: " + basic("alice")
          + "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + gib + "\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      final CompletableFuture<Void> zeros = CompletableFuture.runAsync(() -> {
        final byte[] chunk = new byte[64 * 1024];
        try {
          while (written.get() < gib) {
            out.write(chunk);
            written.addAndGet(chunk.length);
          }
        } catch (IOException e) {
          // the server answered and closed: the rest is never sent
        }
      });
      final int status = statusOf(socket.getInputStream());
      socket.close(); // stops the writer
      zeros.get(60, TimeUnit.SECONDS);
      assertEquals(413, status);
    }
    assertTrue(written.get() < (256L << 20), "the server read " + (written.get() >> 20) + " MiB before refusing");
  }

  @Test void anOpenConnectionWithoutAnIdOpensNothing() throws Exception {
    final long before = openConnectionsMetric();
    final RawHttp.Answer a = avatica("alice", "{\"request\":\"openConnection\"}");
    assertNotHtml(a);
    assertTrue(a.body().startsWith("{"), a.body());
    assertEquals(before, openConnectionsMetric(), "connections the server holds: " + a.body());
  }

  // ---- helpers

  /** The emulator's tenant, with few keyed requests allowed per statement. */
  private static TenantSource tenant() {
    final Map<String, Object> operand = new HashMap<>(DefenderModels.operand(emulator.environment()));
    operand.put("maxLookups", MAX_LOOKUPS);
    return new TenantSource(DefenderModels.inline(operand), "attack replay", null);
  }

  private static Connection connect(String user) throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl(),
        SecureServers.user(AuthMode.BASIC, user, user.charAt(0) + "-secret"));
  }

  private static String basic(String user) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user.charAt(0) + "-secret")
        .getBytes(StandardCharsets.ISO_8859_1));
  }

  /** One Avatica JSON request of {@code user}, byte for byte. */
  private static RawHttp.Answer avatica(String user, String json) throws IOException {
    return RawHttp.post(server.port(), "localhost:" + server.port(), "application/json",
        "Authorization: " + basic(user), json.getBytes(StandardCharsets.UTF_8));
  }

  private static void assertNotHtml(RawHttp.Answer a) {
    assertFalse(a.body().toLowerCase(Locale.ROOT).contains("<html"), a.toString());
  }

  /** The server's own count of the client connections it holds, from its metrics. */
  private static long openConnectionsMetric() throws IOException {
    final RawHttp.Answer a = RawHttp.send(server.port(), "GET /metrics HTTP/1.1\nHost: localhost:" + server.port()
        + "\nAuthorization: " + basic("alice") + "\nConnection: close", null);
    assertEquals(200, a.status(), a.toString());
    return a.body().lines().filter(l -> l.startsWith("defender_sql_open_connections "))
        .map(l -> (long) Double.parseDouble(l.substring(l.indexOf(' ') + 1).trim())).findFirst()
        .orElseThrow(() -> new AssertionError("no defender_sql_open_connections in " + a.body()));
  }

  private static int statusOf(InputStream in) throws IOException {
    final ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("the connection ended before a status: " + line);
      }
      line.write(c);
    }
    return Integer.parseInt(line.toString(StandardCharsets.ISO_8859_1).split(" ")[1]);
  }

  private static void awaitNoOpenExchanges() throws InterruptedException {
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (emulator.openExchanges() != 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(0, emulator.openExchanges(), "API responses left open");
  }

  private static Map<Long, String> lastingThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> LASTING_POOLS.stream().anyMatch(p -> t.getName().startsWith(p)))
        .collect(Collectors.toMap(Thread::getId, Thread::getName));
  }

  private static long heapAfterGc() {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }

}
