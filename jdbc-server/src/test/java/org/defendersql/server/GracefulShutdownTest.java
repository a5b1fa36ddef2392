package org.defendersql.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
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
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.faults.Fault;
import org.defendersql.model.DefenderModel;
import org.defendersql.server.security.SecurityOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's graceful shutdown (what SIGTERM runs), through the real Avatica driver: during the grace period
 * new connections are refused with 57P03 while a running statement goes on; a statement that ends within it
 * answers in full, one that does not is cancelled (57014) and stops reading the API; the audit log has the
 * statement's line when the shutdown is over. The API answers each page of 10 alerts after 0.5 s, so a scan's
 * length is known from its page count, and bounds are generous.
 */
class GracefulShutdownTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Pages of the slow scan: 50 s of API answers at least, far beyond a 3 s grace period and its cancel. */
  private static final int PAGES = 100;
  @TempDir Path dir;

  /** An emulator of slow pages of alerts and its server, with an audit log. */
  private record Slow(DefenderEmulator emulator, DefenderServer server) {
  }

  /** A server over an emulator of {@code pages} slow pages of alerts; closing the server stops both. */
  private Slow slowServer(int pages) throws SQLException {
    final DefenderEmulator e = DefenderEmulator.builder().seed(11).alerts(pages * 10).machines(5).pageSize(10)
        .build().start();
    e.faults().slowDelay(Duration.ofMillis(500)).on("/api/alerts").always(Fault.SLOW);
    try {
      return new Slow(e, DefenderServer.start(TenantSource.emulated(e), "127.0.0.1", 0, ServerLimits.DEFAULT,
          SecurityOptions.NONE, dir.resolve("audit.jsonl").toString()));
    } catch (SQLException | RuntimeException ex) {
      e.close();
      throw ex;
    }
  }

  @Test void aStatementStillRunningAfterTheGracePeriodIsCancelled() throws Exception {
    final Slow slow = slowServer(PAGES);
    final DefenderServer server = slow.server();
    final DefenderEmulator emulator = slow.emulator();
    final Connection c = DriverManager.getConnection(server.jdbcUrl());
    final CompletableFuture<Long> query = CompletableFuture.supplyAsync(() -> count(c, "select count(*) from alerts"));
    awaitAlertRequests(emulator, 2);
    final long start = System.nanoTime();
    final CompletableFuture<Void> shutdown = CompletableFuture.runAsync(() -> server.shutdown(Duration.ofSeconds(3)));
    awaitDraining(server);
    assertRefused(server);
    final ExecutionException e = assertThrows(ExecutionException.class, () -> query.get(60, TimeUnit.SECONDS));
    final SQLException cancelled = assertInstanceOf(SQLException.class, e.getCause().getCause());
    assertEquals("57014", cancelled.getSQLState(), cancelled.getMessage());
    shutdown.get(60, TimeUnit.SECONDS);
    final double seconds = (System.nanoTime() - start) / 1e9;
    // The whole scan takes 50 s or more; the shutdown ends well before it would.
    assertTrue(seconds < 40, "the shutdown took " + seconds + " s");
    final long requests = alertRequests(emulator);
    assertTrue(requests < PAGES, "the scan stopped early, after " + requests + " of " + PAGES + " pages");
    final JsonNode line = auditLine("select count(*) from alerts");
    assertEquals("57014", line.path("sqlstate").asText(), line.toString());
  }

  @Test void aStatementEndingWithinTheGracePeriodAnswersInFull() throws Exception {
    final Slow slow = slowServer(6);
    final DefenderServer server = slow.server();
    final DefenderEmulator emulator = slow.emulator();
    final String url = server.jdbcUrl();
    final long alerts = emulator.data().rows(DefenderModel.ALERTS).count();
    final Connection c = DriverManager.getConnection(server.jdbcUrl());
    final CompletableFuture<Long> query = CompletableFuture.supplyAsync(() -> count(c, "select count(*) from alerts"));
    awaitAlertRequests(emulator, 1);
    final long start = System.nanoTime();
    final CompletableFuture<Void> shutdown = CompletableFuture.runAsync(() -> server.shutdown(Duration.ofSeconds(120)));
    awaitDraining(server);
    assertRefused(server);
    final HttpResponse<String> health = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(server.baseUrl() + "/health")).build(), BodyHandlers.ofString());
    assertEquals(503, health.statusCode(), health.body());
    assertTrue(health.body().contains("shutting down"), health.body());
    assertEquals(alerts, query.get(60, TimeUnit.SECONDS));
    shutdown.get(60, TimeUnit.SECONDS);
    final double seconds = (System.nanoTime() - start) / 1e9;
    assertTrue(seconds < 60, "the shutdown waited for the statement, not for the whole grace period: " + seconds);
    final JsonNode line = auditLine("select count(*) from alerts");
    assertEquals(1, line.path("rows").asLong(), line.toString());
    assertTrue(line.path("sqlstate").isNull() || line.path("sqlstate").isMissingNode(), line.toString());
    assertThrows(Exception.class, () -> DriverManager.getConnection(url), "the port is closed now");
  }

  /** A new connection is refused as the server shuts down (Avatica's driver throws it unchecked). */
  private static void assertRefused(DefenderServer server) {
    final AvaticaClientRuntimeException refused = assertThrows(AvaticaClientRuntimeException.class,
        () -> DriverManager.getConnection(server.jdbcUrl()));
    assertEquals("57P03", refused.getSqlState(), refused.getMessage());
    assertTrue(refused.getMessage().contains("shutting down"), refused.getMessage());
  }

  private static long count(Connection c, String sql) {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new RuntimeException(e);
    }
  }

  private JsonNode auditLine(String sql) throws Exception {
    final List<JsonNode> lines = new ArrayList<>();
    for (String l : Files.readAllLines(dir.resolve("audit.jsonl"))) {
      final JsonNode n = JSON.readTree(l);
      if (sql.equals(n.path("sql").asText())) {
        lines.add(n);
      }
    }
    assertEquals(1, lines.size(), "audit lines of " + sql + ": " + lines);
    return lines.get(0);
  }

  private static void awaitDraining(DefenderServer server) throws InterruptedException {
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!server.draining() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(server.draining(), "the shutdown began");
  }

  private static void awaitAlertRequests(DefenderEmulator emulator, int n) throws InterruptedException {
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (alertRequests(emulator) < n && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertTrue(alertRequests(emulator) >= n, "the query reads the API");
  }

  private static long alertRequests(DefenderEmulator emulator) {
    return emulator.requestLog().stream().filter(r -> r.path().equals("/api/alerts")).count();
  }
}
