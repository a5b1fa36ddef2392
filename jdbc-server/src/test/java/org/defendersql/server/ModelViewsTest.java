package org.defendersql.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.defendersql.adapter.DefenderModels;
import org.defendersql.adapter.DefenderSchemaFactory;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Views of a model file are read with the server's lexical rules (unquoted identifiers keep their case), may
 * have names in any language, and a broken one fails only its own queries, naming itself and the cause, while
 * getTables and getColumns still answer for everything else.
 */
class ModelViewsTest {
  private static final String HIGH = "select id, severity from defender.alerts where severity = 'High'";
  private static DefenderEmulator emulator;
  private static DefenderServer server;

  @BeforeAll static void start(@TempDir Path dir) throws Exception {
    emulator = DefenderEmulator.builder().alerts(200).machines(20).seed(3).build().start();
    final Map<String, Object> defender = new LinkedHashMap<>();
    defender.put("name", "defender");
    defender.put("type", "custom");
    defender.put("factory", DefenderSchemaFactory.class.getName());
    defender.put("operand", DefenderModels.operand(emulator.environment()));
    defender.put("tables", List.of(view("open_alerts", "select id from alerts where status <> 'Resolved'")));
    final Map<String, Object> triage = new LinkedHashMap<>();
    triage.put("name", "triage");
    triage.put("tables", List.of(view("high_alerts", HIGH), view("高危告警", HIGH),
        view("broken", "select id from defender.no_such_table"), view("bad_syntax", "selec id fro alerts")));
    final Map<String, Object> model = new LinkedHashMap<>();
    model.put("version", "1.0");
    model.put("defaultSchema", "defender");
    model.put("schemas", List.of(defender, triage));
    final Path file = dir.resolve("model-with-views.json");
    Files.writeString(file, new ObjectMapper().writeValueAsString(model), StandardCharsets.UTF_8);
    server = DefenderServer.start(TenantSource.modelFile(file), "127.0.0.1", 0);
  }

  @AfterAll static void stop() {
    if (server != null) {
      server.close();
    }
    emulator.close();
  }

  private static Map<String, Object> view(String name, String sql) {
    final Map<String, Object> v = new LinkedHashMap<>();
    v.put("name", name);
    v.put("type", "view");
    v.put("sql", sql);
    return v;
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl());
  }

  @Test void viewsWithUnquotedLowerCaseIdentifiersWork() throws SQLException {
    final Entity alerts = DefenderModel.ALERTS;
    final int severity = alerts.indexOf(alerts.column("severity").orElseThrow());
    final int status = alerts.indexOf(alerts.column("status").orElseThrow());
    final int id = alerts.indexOf(alerts.key());
    final Set<String> high = emulator.data().rows(alerts).filter(r -> "High".equals(r[severity]))
        .map(r -> (String) r[id]).collect(Collectors.toSet());
    final Set<String> open = emulator.data().rows(alerts).filter(r -> !"Resolved".equals(r[status]))
        .map(r -> (String) r[id]).collect(Collectors.toSet());
    assertFalse(high.isEmpty());
    try (Connection c = connect(); Statement s = c.createStatement()) {
      assertEquals(high, ids(s, "select id from triage.high_alerts"));
      assertEquals(high, ids(s, "select id from triage.\"高危告警\""));
      assertEquals(open, ids(s, "select id from open_alerts"));
      assertEquals(high, ids(s, "SELECT ID FROM TRIAGE.HIGH_ALERTS"));
    }
  }

  @Test void aBrokenViewFailsItsOwnQueriesNamingItselfAndTheCause() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      for (String[] v : new String[][] {{"broken", "no_such_table"}, {"bad_syntax", "selec"}}) {
        final SQLException e = assertThrows(SQLException.class, () -> ids(s, "select * from triage." + v[0]));
        assertTrue(String.valueOf(e.getSQLState()).startsWith("42"), e.getSQLState() + " " + e.getMessage());
        assertTrue(e.getMessage().contains("triage." + v[0]), e.getMessage());
        assertTrue(e.getMessage().contains(v[1]), e.getMessage());
      }
      // The connection and the other views still work.
      assertFalse(ids(s, "select id from triage.high_alerts").isEmpty());
    }
  }

  @Test void metadataListsEveryTableAndViewDespiteTheBrokenOne() throws SQLException {
    try (Connection c = connect()) {
      final DatabaseMetaData md = c.getMetaData();
      final Map<String, String> tables = new HashMap<>();
      try (ResultSet rs = md.getTables(null, null, "%", null)) {
        while (rs.next()) {
          tables.put(rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME"), rs.getString("TABLE_TYPE"));
        }
      }
      for (String v : List.of("triage.high_alerts", "triage.高危告警", "triage.broken", "triage.bad_syntax",
          "defender.open_alerts")) {
        assertEquals("VIEW", tables.get(v), v + " in " + tables.keySet());
      }
      for (Entity e : DefenderModel.entities()) {
        assertTrue(tables.containsKey("defender." + e.tableName()), e.tableName());
      }
      final Map<String, List<String>> columns = new HashMap<>();
      try (ResultSet rs = md.getColumns(null, null, "%", "%")) {
        while (rs.next()) {
          columns.computeIfAbsent(rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME"),
              k -> new ArrayList<>()).add(rs.getString("COLUMN_NAME"));
        }
      }
      assertEquals(List.of("id", "severity"), columns.get("triage.high_alerts"));
      assertEquals(List.of("id", "severity"), columns.get("triage.高危告警"));
      assertEquals(DefenderModel.ALERTS.columns().size(), columns.get("defender.alerts").size());
      assertFalse(columns.containsKey("triage.broken"), "a broken view has no columns to list");
    }
  }

  private static Set<String> ids(Statement s, String sql) throws SQLException {
    final Set<String> out = new HashSet<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
