package org.defendersql.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TimeZone;
import java.util.stream.Collectors;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.RecordedRequest;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole path: the real Avatica JDBC driver, a real Avatica server, Calcite, the adapter, azure-identity
 * against the emulator's token endpoint, and the emulator's API over HTTPS with small pages.
 */
class EndToEndTest {
  private static final int ALERTS = 1_500;
  private static final int MACHINES = 300;
  private static final int PAGE = 200;
  private static DefenderEmulator emulator;
  private static DefenderServer server;

  @BeforeAll static void start() throws Exception {
    assertFalse(TimeZone.getDefault().getRawOffset() == 0 && !TimeZone.getDefault().useDaylightTime(),
        "this test must run on a non-UTC JVM (see the surefire argLine)");
    emulator = DefenderEmulator.builder().alerts(ALERTS).machines(MACHINES).pageSize(PAGE).seed(7)
        .now(Instant.parse("2026-11-20T12:00:00Z")).build().start();
    server = DefenderServer.start(TenantSource.emulated(emulator), "127.0.0.1", 0);
  }

  @AfterAll static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl());
  }

  @Test void alertsAreExactlyTheEmulatorsAcrossPagesAndFrames() throws SQLException {
    assertTableEqualsEmulator(DefenderModel.ALERTS, ALERTS);
  }

  @Test void machinesAreExactlyTheEmulators() throws SQLException {
    assertTableEqualsEmulator(DefenderModel.MACHINES, MACHINES);
  }

  private void assertTableEqualsEmulator(Entity entity, int count) throws SQLException {
    final Map<String, Object[]> expected = new HashMap<>();
    final int key = entity.indexOf(entity.key());
    emulator.data().rows(entity).forEach(r -> expected.put((String) r[key], r));
    assertEquals(count, expected.size());
    emulator.clearRequestLog();
    final Set<String> seen = new HashSet<>();
    try (Connection c = connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select * from defender." + entity.tableName())) {
      assertEquals(entity.columns().size(), rs.getMetaData().getColumnCount());
      while (rs.next()) {
        final String id = rs.getString(key + 1);
        assertTrue(seen.add(id), "duplicate row " + id);
        final Object[] want = expected.get(id);
        assertTrue(want != null, "row not in the emulator: " + id);
        EmulatorRows.assertRowEquals(entity, want, rs);
      }
    }
    assertEquals(expected.keySet(), seen);
    final List<RecordedRequest> pages = emulator.requestLog().stream()
        .filter(r -> r.path().equals(entity.path())).collect(Collectors.toList());
    assertEquals((count + PAGE - 1) / PAGE, pages.size(), "one request per page: " + pages);
    assertTrue(pages.stream().allMatch(r -> r.status() == 200));
  }

  @Test void identifiersWorkTheWayAnalystsTypeThem() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      for (String sql : List.of("select severity from defender.alerts", "SELECT Severity FROM DEFENDER.ALERTS",
          "select \"severity\" from \"defender\".\"alerts\"", "select severity from alerts")) {
        int n = 0;
        try (ResultSet rs = s.executeQuery(sql)) {
          while (rs.next()) {
            n++;
          }
        }
        assertEquals(ALERTS, n, sql);
      }
      try (ResultSet rs = s.executeQuery("select count(*) from machines where health_status = 'Active'")) {
        assertTrue(rs.next());
        final long active = emulator.data().rows(DefenderModel.MACHINES)
            .filter(r -> "Active".equals(r[DefenderModel.MACHINES.indexOf(
                DefenderModel.MACHINES.column("health_status").orElseThrow())])).count();
        assertEquals(active, rs.getLong(1));
      }
    }
  }

  @Test void metadataListsTablesAndColumnsForJdbcTools() throws SQLException {
    try (Connection c = connect()) {
      final DatabaseMetaData md = c.getMetaData();
      final Set<String> tables = new HashSet<>();
      try (ResultSet rs = md.getTables(null, "defender", "%", null)) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_NAME"));
        }
      }
      final Set<String> expected =
          DefenderModel.entities().stream().map(Entity::tableName).collect(Collectors.toSet());
      expected.add("connection_status");
      expected.add("cache_entries"); // the shared cache of API answers, and its totals
      expected.add("cache_stats");
      assertEquals(expected, tables);
      final Map<String, Integer> types = new HashMap<>();
      try (ResultSet rs = md.getColumns(null, "defender", "alerts", "%")) {
        while (rs.next()) {
          types.put(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"));
        }
      }
      assertEquals(DefenderModel.ALERTS.columns().size(), types.size());
      assertEquals(Types.TIMESTAMP, types.get("alert_creation_time"));
      assertEquals(Types.BIGINT, types.get("incident_id"));
      assertEquals(Types.ARRAY, types.get("mitre_techniques"));
      assertEquals(Types.VARCHAR, types.get("evidence"));
      // What JDBC tools ask when they open a connection must answer, not fail.
      try (ResultSet rs = md.getSchemas()) {
        final Set<String> schemas = new HashSet<>();
        while (rs.next()) {
          schemas.add(rs.getString("TABLE_SCHEM"));
        }
        assertTrue(schemas.contains("defender"), schemas.toString());
      }
      for (ResultSet rs : new ResultSet[] {md.getCatalogs(), md.getTypeInfo(), md.getTableTypes(),
          md.getPrimaryKeys(null, "defender", "alerts"), md.getImportedKeys(null, "defender", "alerts"),
          md.getFunctions(null, null, "%")}) {
        try (ResultSet r = rs) {
          while (r.next()) {
            r.getObject(1);
          }
        }
      }

    }
  }

  @Test void keyedTablesAndLookupJoinsWorkOverAvaticaWithParameters() throws SQLException {
    final Entity alerts = DefenderModel.ALERTS;
    final String account = emulator.data().rows(alerts)
        .map(r -> (String) r[alerts.indexOf(alerts.column("related_user_user_name").orElseThrow())])
        .filter(v -> v != null).findFirst().orElseThrow();
    final Set<String> want = emulator.data().lookup(DefenderModel.USER_ALERTS, account)
        .map(r -> (String) r[DefenderModel.USER_ALERTS.indexOf(DefenderModel.USER_ALERTS.column("id").orElseThrow())])
        .collect(Collectors.toSet());
    final Set<String> got = new HashSet<>();
    try (Connection c = connect(); java.sql.PreparedStatement ps = c.prepareStatement(
        "select a.id from user_machines m join alerts a on a.machine_id = m.id"
            + " where m.user_name = ? and a.id in (select id from user_alerts where user_name = ?)")) {
      ps.setString(1, account);
      ps.setString(2, account);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          got.add(rs.getString(1));
        }
      }
    }
    assertFalse(want.isEmpty());
    assertTrue(want.containsAll(got), "only the user's alerts");
    assertFalse(got.isEmpty(), "the user's alerts on the machines they logged on to");
  }

  @Test void pushdownCanBeTurnedOffPerConnection() throws SQLException {
    final String sql = "select id from alerts where severity = 'High' and status <> 'Resolved'";
    final Set<String> on = ids(DriverManager.getConnection(server.jdbcUrl()), sql);
    assertTrue(emulator.requestLog().stream().anyMatch(r -> r.query().contains("$filter=severity eq 'High'")));
    final Properties p = new Properties();
    p.setProperty("pushdown", "false");
    emulator.clearRequestLog();
    final Set<String> off = ids(DriverManager.getConnection(server.jdbcUrl(), p), sql);
    assertEquals(on, off);
    assertFalse(on.isEmpty());
    assertTrue(emulator.requestLog().stream().filter(r -> r.path().equals("/api/alerts"))
        .noneMatch(r -> r.query().contains("$filter")), "no filter is sent with pushdown off");
  }

  private static Set<String> ids(Connection c, String sql) throws SQLException {
    emulator.clearRequestLog();
    final Set<String> out = new HashSet<>();
    try (Connection conn = c; Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  @Test void connectionsShareOneTokenAndClient() throws SQLException {
    emulator.clearRequestLog();
    for (int i = 0; i < 3; i++) {
      try (Connection c = connect(); Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("select count(*) from machines")) {
        assertTrue(rs.next());
      }
    }
    final long tokens = emulator.requestLog().stream().filter(r -> r.path().endsWith("/oauth2/v2.0/token")).count();
    assertTrue(tokens <= 1, tokens + " token requests for 3 connections");
    assertEquals(3L * ((MACHINES + PAGE - 1) / PAGE),
        emulator.requestLog().stream().filter(r -> r.path().equals("/api/machines")).count());
  }

  @Test void jsonSerializationWorksOnTheSameUrl() throws SQLException {
    final String url = server.jdbcUrl().replace("serialization=protobuf", "serialization=json");
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select count(*) from alerts")) {
      assertTrue(rs.next());
      assertEquals(ALERTS, rs.getLong(1));
    }
  }

  @Test void clientSuppliedModelIsRefused() {
    final Properties p = new Properties();
    p.setProperty("model", "inline:{\"version\":\"1.0\",\"schemas\":[]}");
    // Avatica's driver reports a refused connection as an unchecked exception from getConnection.
    final Exception e = assertThrows(Exception.class, () -> {
      try (Connection c = DriverManager.getConnection(server.jdbcUrl(), p); Statement s = c.createStatement()) {
        s.executeQuery("select 1").close();
      }
    });
    assertTrue(String.valueOf(e.getMessage()).contains("does not accept the connection property [model]"),
        e.getMessage());
  }

  @Test void serverIsReadOnly() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      for (String sql : List.of("insert into machines select * from machines", "delete from alerts",
          "update alerts set title = 'x'")) {
        final SQLException e = assertThrows(SQLException.class, () -> s.executeUpdate(sql));
        assertTrue(e.getMessage().contains("defender-sql is read-only"), e.getMessage());
      }
    }
  }
}
