package org.defendersql.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.defendersql.adapter.DefenderModels;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.RecordedRequest;
import org.defendersql.model.DefenderModel;
import org.defendersql.server.security.AuthMode;
import org.defendersql.server.security.RawHttp;
import org.defendersql.server.security.SecurityOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's audit log, metrics and health check, through the real Avatica driver against an emulated tenant:
 * each statement's audit line names its SQL, parameters, rows, outcome and SQLState, and exactly the API requests
 * the emulator received for it; the metrics count the same; refused credentials are logged without the password;
 * the health check answers up, and down with a reason when the token cannot be had.
 */
class ObservabilityTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  private static DefenderEmulator emulator;
  private static DefenderServer server;
  private static Path audit;

  @BeforeAll static void start() throws Exception {
    emulator = DefenderEmulator.builder().alerts(120).machines(15).pageSize(25).seed(5).build().start();
    audit = dir.resolve("audit.jsonl");
    server = DefenderServer.start(tenant(Map.of()), "127.0.0.1", 0, ServerLimits.DEFAULT, SecurityOptions.NONE,
        audit.toString());
  }

  @AfterAll static void stop() {
    if (server != null) {
      server.close();
    }
    emulator.close();
  }

  private static TenantSource tenant(Map<String, Object> changes) {
    final Map<String, Object> operand = new LinkedHashMap<>(DefenderModels.operand(emulator.environment()));
    operand.putAll(changes);
    return new TenantSource(DefenderModels.inline(operand), "observed test", null);
  }

  @Test void eachStatementHasOneAuditLineWithItsApiRequests() throws Exception {
    final long high = emulator.data().rows(DefenderModel.ALERTS)
        .filter(r -> "High".equals(r[DefenderModel.ALERTS.indexOf(DefenderModel.ALERTS.column("severity")
            .orElseThrow())])).count();
    assertTrue(high > 0, "the tenant has High alerts");
    final String sql = "select id, title from alerts where severity = 'High' /* audit-1 */";
    final List<RecordedRequest> sent;
    final long rows;
    synchronized (ObservabilityTest.class) {
      emulator.clearRequestLog();
      try (Connection c = DriverManager.getConnection(server.jdbcUrl()); Statement s = c.createStatement()) {
        s.setFetchSize(7);
        rows = count(s.executeQuery(sql));
      }
      sent = apiRequests();
    }
    assertEquals(high, rows);
    final JsonNode line = awaitLine("sql", sql);
    assertEquals("statement", line.path("event").asText());
    assertEquals("ok", line.path("outcome").asText(), line.toString());
    assertEquals(rows, line.path("rows").asLong());
    assertEquals("127.0.0.1", line.path("client").asText());
    assertEquals(sent.size(), line.path("api_requests").path("count").asInt(), line + " vs " + sent);
    assertTrue(sent.size() >= 1);
    final String first = line.path("api_requests").path("first_urls").get(0).asText();
    assertTrue(first.contains("/api/alerts") && first.contains("severity"), first);
    assertEquals(sent.size(), line.path("api_requests").path("statuses").path("200").asInt(), line.toString());
    assertTrue(line.path("duration_ms").asLong() >= 0);
  }

  @Test void aPreparedStatementsLineHasItsParametersAndAFailureItsSqlState() throws Exception {
    final String sql = "select id from machines where computer_dns_name = ? /* audit-2 */";
    try (Connection c = DriverManager.getConnection(server.jdbcUrl());
         PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, "no-such-host.contoso.com");
      assertEquals(0, count(ps.executeQuery()));
      final SQLException e = assertThrows(SQLException.class,
          () -> c.createStatement().executeQuery("select * from no_such_table /* audit-3 */"));
      final JsonNode failed = awaitLine("sql", "select * from no_such_table /* audit-3 */");
      assertEquals("error", failed.path("outcome").asText());
      assertEquals(e.getSQLState(), failed.path("sqlstate").asText(), failed.toString());
      assertFalse(failed.path("error").asText().isEmpty());
    }
    final JsonNode line = awaitLine("sql", sql);
    assertEquals("ok", line.path("outcome").asText());
    assertEquals("no-such-host.contoso.com", line.path("parameters").get(0).asText(), line.toString());
  }

  @Test void aResultSetClosedBeforeItsEndIsAuditedAsClosed() throws Exception {
    final String sql = "select id from alerts /* audit-4 */";
    try (Connection c = DriverManager.getConnection(server.jdbcUrl()); Statement s = c.createStatement()) {
      s.setFetchSize(5);
      try (ResultSet rs = s.executeQuery(sql)) {
        assertTrue(rs.next());
      }
    }
    final JsonNode line = awaitLine("sql", sql);
    assertEquals("closed", line.path("outcome").asText(), line.toString());
    assertTrue(line.path("rows").asLong() >= 1 && line.path("rows").asLong() < 120, line.toString());
  }

  @Test void theMetricsCountStatementsAndApiRequests() throws Exception {
    final String before = get("/metrics").body();
    final List<RecordedRequest> sent;
    synchronized (ObservabilityTest.class) {
      emulator.clearRequestLog();
      try (Connection c = DriverManager.getConnection(server.jdbcUrl()); Statement s = c.createStatement()) {
        for (int i = 0; i < 3; i++) {
          count(s.executeQuery("select id from machines where id <> 'm" + i + "' /* metrics */"));
        }
      }
      sent = apiRequests();
    }
    final RawHttp.Answer after = get("/metrics");
    assertEquals(200, after.status());
    assertTrue(after.headers().toString().toLowerCase().contains("text/plain"), after.headers().toString());
    final String okLine = "defender_sql_statements_total{outcome=\"ok\"}";
    assertTrue(value(after.body(), okLine) - value(before, okLine) >= 3, after.body());
    final String machines = "defender_sql_api_requests_total{endpoint=\"/api/machines\",status=\"200\"}";
    final long machineCalls = sent.stream().filter(r -> r.path().equals("/api/machines")).count();
    assertTrue(machineCalls >= 3, sent.toString());
    assertEquals(machineCalls, value(after.body(), machines) - value(before, machines), after.body());
    assertTrue(after.body().contains("# TYPE defender_sql_statement_duration_seconds histogram"));
    assertTrue(value(after.body(), "defender_sql_open_connections") >= 0);
  }

  @Test void theHealthCheckIsUpAndSaysWhyWhenDown() throws Exception {
    // A query first: the tenant's client and token exist, so the check's answer does not wait for them (the
    // raw HTTP client gives up after 30 s, which a cold start on a busy machine could come near).
    try (Connection c = DriverManager.getConnection(server.jdbcUrl()); Statement s = c.createStatement()) {
      count(s.executeQuery("select id from machines /* warm-up */"));
    }
    final RawHttp.Answer up = get("/health");
    assertEquals(200, up.status(), up.body());
    final JsonNode body = JSON.readTree(up.body());
    assertEquals("up", body.path("status").asText());
    assertEquals("ok", body.path("schemas").get(0).path("token").asText(), up.body());

    try (DefenderServer broken = DefenderServer.start(tenant(Map.of("clientSecret", "not-the-secret")),
        "127.0.0.1", 0, ServerLimits.DEFAULT, SecurityOptions.NONE, null)) {
      final RawHttp.Answer down = get(broken.port(), "/health", "127.0.0.1:" + broken.port());
      assertEquals(503, down.status(), down.body());
      final JsonNode d = JSON.readTree(down.body());
      assertEquals("down", d.path("status").asText());
      assertEquals("failed", d.path("schemas").get(0).path("token").asText(), down.body());
      assertTrue(d.path("schemas").get(0).path("error").asText().contains("AADSTS"), down.body());
      assertFalse(down.body().contains("not-the-secret"), "the secret is never shown");
    }
  }

  @Test void refusedCredentialsAreLoggedWithoutThePassword() throws Exception {
    final Path log = dir.resolve("auth-audit.jsonl");
    final SecurityOptions basic = SecurityOptions.NONE.withAuth(AuthMode.BASIC,
        SecureServers.usersFile(dir, AuthMode.BASIC, "alice", "alice's long passphrase"));
    try (DefenderServer secured = DefenderServer.start(tenant(Map.of()), "127.0.0.1", 0, ServerLimits.DEFAULT,
        basic, log.toString())) {
      assertThrows(Exception.class, () -> DriverManager.getConnection(secured.jdbcUrl(),
          SecureServers.user(AuthMode.BASIC, "alice", "guessed-wrong-1234")).close());
      try (Connection c = DriverManager.getConnection(secured.jdbcUrl(),
          SecureServers.user(AuthMode.BASIC, "alice", "alice's long passphrase"));
           Statement s = c.createStatement()) {
        count(s.executeQuery("select id from machines /* audit-alice */"));
      }
      final List<JsonNode> lines = awaitLines(log, "sql", "select id from machines /* audit-alice */");
      final JsonNode failure = lines.stream().filter(l -> l.path("event").asText().equals("authentication_failed"))
          .findFirst().orElseThrow(() -> new AssertionError("no authentication failure in " + lines));
      assertEquals("alice", failure.path("user").asText());
      assertEquals("Basic", failure.path("scheme").asText());
      final JsonNode statement = lines.stream().filter(l -> l.path("event").asText().equals("statement"))
          .findFirst().orElseThrow();
      assertEquals("alice", statement.path("user").asText());
      final String text = Files.readString(log, StandardCharsets.UTF_8);
      assertFalse(text.contains("guessed-wrong-1234") || text.contains("passphrase"), text);
      // The metrics and the health check are behind the same authentication.
      final RawHttp.Answer anonymous = get(secured.port(), "/metrics", "127.0.0.1:" + secured.port());
      assertEquals(401, anonymous.status(), anonymous.body());
    }
  }

  @Test void aForeignHostCannotReadTheMetrics() throws Exception {
    final RawHttp.Answer a = get(server.port(), "/metrics", "evil.example:" + server.port());
    assertEquals(403, a.status(), a.body());
    final RawHttp.Answer other = get(server.port(), "/other", "127.0.0.1:" + server.port());
    assertEquals(405, other.status(), other.body());
  }

  private static RawHttp.Answer get(String path) throws IOException {
    return get(server.port(), path, "127.0.0.1:" + server.port());
  }

  private static RawHttp.Answer get(int port, String path, String host) throws IOException {
    return RawHttp.send(port, "GET " + path + " HTTP/1.1\nHost: " + host + "\nConnection: close", null);
  }

  private static List<RecordedRequest> apiRequests() {
    return emulator.requestLog().stream().filter(r -> r.path().startsWith("/api/")).toList();
  }

  private static long value(String metrics, String series) {
    final Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
    return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
  }

  private static long count(ResultSet rs) throws SQLException {
    long n = 0;
    try (rs) {
      while (rs.next()) {
        n++;
      }
    }
    return n;
  }

  private static JsonNode awaitLine(String field, String value) throws Exception {
    final List<JsonNode> lines = awaitLines(audit, field, value);
    return lines.stream().filter(l -> value.equals(l.path(field).asText())).findFirst().orElseThrow();
  }

  /** The log's lines once one has {@code field} = {@code value} (a line is written as the statement ends). */
  private static List<JsonNode> awaitLines(Path log, String field, String value) throws Exception {
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      final List<JsonNode> lines = new ArrayList<>();
      if (Files.exists(log)) {
        for (String l : Files.readAllLines(log, StandardCharsets.UTF_8)) {
          if (!l.isBlank()) {
            lines.add(JSON.readTree(l));
          }
        }
      }
      if (lines.stream().anyMatch(l -> value.equals(l.path(field).asText()))) {
        return lines;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no audit line with " + field + " = " + value + " in " + lines);
      }
      Thread.sleep(50);
    }
  }
}
