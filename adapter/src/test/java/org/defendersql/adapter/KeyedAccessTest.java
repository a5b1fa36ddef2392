package org.defendersql.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Access-path choice: keyed endpoints for key predicates, and refusals that say which predicate to add. */
class KeyedAccessTest {
  private static DefenderEmulator emulator;

  @BeforeAll static void start() {
    emulator = DefenderEmulator.builder().alerts(300).machines(40).build().start();
  }

  @AfterAll static void stop() {
    emulator.close();
  }

  private static int run(String sql) throws SQLException {
    int n = 0;
    try (Connection c = EmulatedTenant.connect(emulator); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        n++;
      }
    }
    return n;
  }

  private static String plan(String sql) throws SQLException {
    try (Connection c = EmulatedTenant.connect(emulator); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("explain plan for " + sql)) {
      assertTrue(rs.next());
      return rs.getString(1);
    }
  }

  @Test void keyPredicatesChooseTheKeyedEndpoint() throws SQLException {
    assertTrue(plan("select * from user_alerts where user_name = 'jdoe'")
        .contains("request=[GET /api/users/{key}/alerts for user_name in ('jdoe')]"), "user alerts");
    final String machine = plan("select title from alerts where machine_id = '" + "a".repeat(40) + "'");
    assertTrue(machine.contains("request=[GET /api/machines/{key}/alerts?$select=title,machineId for machine_id in ('"
            + "a".repeat(40) + "')]"), machine);
    final String files = plan("select * from files where sha1 in ('" + "b".repeat(40) + "', '" + "c".repeat(40)
        + "', '" + "b".repeat(40) + "')");
    assertTrue(files.contains("request=[GET /api/files/{key} for sha1 in ('" + "b".repeat(40) + "', '"
        + "c".repeat(40) + "')]"), files);
    final String sha256 = plan("select sha1 from files where sha256 = '" + "d".repeat(64) + "'");
    assertTrue(sha256.contains("for sha256 in ('" + "d".repeat(64) + "')"), sha256);
    assertTrue(plan("select account_name from users where machine_id = '" + "e".repeat(40) + "'")
        .contains("request=[GET /api/machines/{key}/logonusers"), "logon users");
  }

  @Test void aJdbcParameterIsALookupKey() throws SQLException {
    final String sha1 = (String) emulator.data().rows(org.defendersql.model.DefenderModel.FILES).skip(2)
        .findFirst().orElseThrow()[0];
    try (Connection c = EmulatedTenant.connect(emulator);
         java.sql.PreparedStatement ps = c.prepareStatement("select sha1 from files where sha1 = ?")) {
      for (String key : new String[] {sha1, "f".repeat(40), null}) {
        emulator.clearRequestLog();
        ps.setString(1, key);
        int n = 0;
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            assertEquals(sha1, rs.getString(1));
            n++;
          }
        }
        assertEquals(key == sha1 ? 1 : 0, n, "rows for " + key);
        final long requests = emulator.requestLog().stream().filter(r -> r.path().startsWith("/api/")).count();
        assertEquals(key == null ? 0 : 1, requests, "requests for " + key);
      }
    }
  }

  @Test void aTableWithoutListEndpointNeedsItsKey() throws SQLException {
    emulator.clearRequestLog();
    for (String sql : new String[] {"select * from files", "select * from user_alerts where severity = 'High'",
        "select * from users"}) {
      final SQLException e = assertThrows(SQLException.class, () -> run(sql));
      assertTrue(e.getMessage().contains("has no list endpoint") && e.getMessage().contains("WHERE "),
          e.getMessage());
    }
    assertEquals(0, emulator.requestLog().stream().filter(r -> r.path().startsWith("/api/")).count(),
        "nothing was sent");
  }

  @Test void tooManyKeysFailBeforeSendingAnything() throws SQLException {
    final StringBuilder in = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      in.append(i > 0 ? ", " : "").append('\'').append(String.format("%040x", i)).append('\'');
    }
    emulator.clearRequestLog();
    final java.util.Map<String, Object> operand = DefenderModels.operand(emulator.environment());
    operand.put("rateLimits", "off");
    operand.put("maxLookups", 5);
    final SQLException e = assertThrows(SQLException.class, () -> {
      try (Connection c = EmulatedTenant.connect(DefenderModels.inline(operand)); Statement s = c.createStatement()) {
        s.executeQuery("select * from files where sha1 in (" + in + ")").next();
      }
    });
    assertTrue(e.getMessage().contains("8 requests") && e.getMessage().contains("maxLookups"), e.getMessage());
    assertEquals(0, emulator.requestLog().stream().map(RecordedRequest::path).filter(p -> p.startsWith("/api/"))
        .count());
  }

  @Test void maxLookupsBoundsTheWholeStatementNotEachScan() {
    final java.util.function.IntFunction<String> key = i -> "'" + String.format("%040x", 100 + i) + "'";
    emulator.clearRequestLog();
    final java.util.Map<String, Object> operand = DefenderModels.operand(emulator.environment());
    operand.put("rateLimits", "off");
    operand.put("maxLookups", 5);
    final String sql = "select sha1 from files where sha1 in (" + key.apply(0) + ", " + key.apply(1) + ", "
        + key.apply(2) + ") union all select sha1 from files where sha1 in (" + key.apply(3) + ", " + key.apply(4)
        + ", " + key.apply(5) + ")";
    final SQLException e = assertThrows(SQLException.class, () -> {
      try (Connection c = EmulatedTenant.connect(DefenderModels.inline(operand)); Statement s = c.createStatement();
           java.sql.ResultSet rs = s.executeQuery(sql)) {
        while (rs.next()) {
          rs.getString(1);
        }
      }
    });
    assertTrue(e.getMessage().contains("6 keyed requests") && e.getMessage().contains("per statement (maxLookups)"),
        e.getMessage());
    Throwable limit = e;
    while (limit != null && !(limit instanceof SQLException q && "53400".equals(q.getSQLState()))) {
      limit = limit.getCause();
    }
    assertTrue(limit != null, "SQLState 53400 in the chain of " + e);
    final long sent = emulator.requestLog().stream().map(RecordedRequest::path).filter(p -> p.startsWith("/api/files/"))
        .count();
    assertTrue(sent <= 5, "never more keyed requests than maxLookups: " + sent);
  }

  @Test void aFilesStatisticsAreAskedForBesideTheFileNotAfterIt() throws SQLException {
    final org.defendersql.model.Entity files = org.defendersql.model.DefenderModel.FILES;
    final Object[] file = emulator.data().rows(files).findFirst().orElseThrow();
    final String sha1 = (String) file[files.indexOf(files.key())];
    emulator.clearRequestLog();
    // Both answers take 3 s: one after the other, the statistics would be asked for 3 s after the file.
    emulator.faults().slowDelay(java.time.Duration.ofSeconds(3)).on("/api/files/" + sha1)
        .always(org.defendersql.emulator.faults.Fault.SLOW);
    final java.util.Map<String, Object> operand = DefenderModels.operand(emulator.environment());
    operand.put("rateLimits", "off");
    operand.put("cache", "off");
    final long prevalence;
    try (Connection c = EmulatedTenant.connect(DefenderModels.inline(operand)); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select sha1, org_prevalence from files where sha1 = '" + sha1 + "'")) {
      org.junit.jupiter.api.Assertions.assertTrue(rs.next());
      prevalence = rs.getLong(2);
    } finally {
      emulator.faults().clear();
    }
    final java.util.List<RecordedRequest> sent = emulator.requestLog().stream()
        .filter(r -> r.path().startsWith("/api/files/")).toList();
    assertEquals(java.util.List.of("/api/files/" + sha1, "/api/files/" + sha1 + "/stats"),
        sent.stream().map(RecordedRequest::path).sorted().toList());
    final long apartMillis = Math.abs(java.time.Duration.between(sent.get(0).time(), sent.get(1).time()).toMillis());
    assertTrue(apartMillis < 2_000, "asked for " + apartMillis + " ms apart, not together");
    assertTrue(prevalence > 0, "the statistics reached the row");
  }
}
