package org.defendersql.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;
import org.defendersql.model.Relation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server's {@code defender_catalog} schema, read with SQL through Avatica's stock driver: each table has
 * exactly the columns of the {@code DatabaseMetaData} call it answers for the defender-sql driver, and holds the
 * model's keys (every entity, every relation), the index on each primary key, and the functions.
 */
class CatalogSchemaTest {
  private static final String SCHEMA = "defender";
  private static DefenderEmulator emulator;
  private static DefenderServer server;

  @BeforeAll static void start() throws Exception {
    emulator = DefenderEmulator.builder().alerts(5).machines(2).seed(5)
        .now(Instant.parse("2026-11-20T12:00:00Z")).build().start();
    server = DefenderServer.start(TenantSource.emulated(emulator), "127.0.0.1", 0);
  }

  @AfterAll static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static List<Map<String, Object>> query(String table, Map<String, Integer> shape, List<String> order)
      throws SQLException {
    try (Connection c = DriverManager.getConnection(server.jdbcUrl()); Statement s = c.createStatement()) {
      return JdbcResultShapes.read(s.executeQuery("select * from defender_catalog." + table + " order by "
          + String.join(", ", order)), shape, order);
    }
  }

  @Test void primaryKeysAreEveryEntitysKeyInKeyOrder() throws SQLException {
    final List<Map<String, Object>> rows = query("primary_keys", JdbcResultShapes.PRIMARY_KEYS,
        List.of("TABLE_NAME", "KEY_SEQ"));
    for (Entity e : DefenderModel.entities()) {
      final List<Map<String, Object>> key = rows.stream().filter(r -> e.tableName().equals(r.get("TABLE_NAME")))
          .toList();
      assertEquals(e.primaryKey(), key.stream().map(r -> r.get("COLUMN_NAME")).toList(), e.tableName());
      for (int i = 0; i < key.size(); i++) {
        assertEquals((short) (i + 1), key.get(i).get("KEY_SEQ"), e.tableName());
        assertEquals(SCHEMA, key.get(i).get("TABLE_SCHEM"));
        assertEquals(null, key.get(i).get("TABLE_CAT"));
        assertEquals(e.tableName() + "_pk", key.get(i).get("PK_NAME"));
      }
    }
    assertEquals(DefenderModel.entities().stream().mapToInt(e -> e.primaryKey().size()).sum(), rows.size());
    assertTrue(DefenderModel.USERS.primaryKey().size() > 1, "a composite key is among them");
  }

  @Test void foreignKeysAreEveryRelationOfTheModel() throws SQLException {
    final List<Map<String, Object>> rows = query("foreign_keys", JdbcResultShapes.KEYS,
        List.of("FKTABLE_NAME", "FK_NAME"));
    assertEquals(DefenderModel.relations().stream().map(Relation::toString).collect(Collectors.toSet()),
        rows.stream().map(CatalogSchemaTest::relation).collect(Collectors.toSet()));
    assertEquals(DefenderModel.relations().size(), rows.size());
    for (Map<String, Object> r : rows) {
      assertEquals((short) 1, r.get("KEY_SEQ"));
      assertEquals((short) DatabaseMetaData.importedKeyNoAction, r.get("UPDATE_RULE"));
      assertEquals((short) DatabaseMetaData.importedKeyNoAction, r.get("DELETE_RULE"));
      assertEquals((short) DatabaseMetaData.importedKeyNotDeferrable, r.get("DEFERRABILITY"));
      assertEquals(r.get("PKTABLE_NAME") + "_pk", r.get("PK_NAME"));
      assertEquals(r.get("FKTABLE_NAME") + "_" + r.get("FKCOLUMN_NAME") + "_fk", r.get("FK_NAME"));
    }
  }

  static String relation(Map<String, Object> row) {
    assertEquals(SCHEMA, row.get("FKTABLE_SCHEM"));
    assertEquals(SCHEMA, row.get("PKTABLE_SCHEM"));
    return row.get("FKTABLE_NAME") + "." + row.get("FKCOLUMN_NAME") + " -> " + row.get("PKTABLE_NAME") + "."
        + row.get("PKCOLUMN_NAME");
  }

  @Test void indexInfoIsAUniqueIndexOnEachPrimaryKey() throws SQLException {
    final List<Map<String, Object>> rows = query("index_info", JdbcResultShapes.INDEX_INFO,
        List.of("TABLE_NAME", "ORDINAL_POSITION"));
    for (Entity e : DefenderModel.entities()) {
      final List<Map<String, Object>> index = rows.stream()
          .filter(r -> e.tableName().equals(r.get("TABLE_NAME"))).toList();
      assertEquals(e.primaryKey(), index.stream().map(r -> r.get("COLUMN_NAME")).toList(), e.tableName());
      for (int i = 0; i < index.size(); i++) {
        final Map<String, Object> r = index.get(i);
        assertEquals(false, r.get("NON_UNIQUE"));
        assertEquals(e.tableName() + "_pk", r.get("INDEX_NAME"));
        assertEquals((short) DatabaseMetaData.tableIndexHashed, r.get("TYPE"));
        assertEquals((short) (i + 1), r.get("ORDINAL_POSITION"));
      }
    }
  }

  @Test void functionsAreTheServersWithRemarks() throws SQLException {
    final Map<String, Map<String, Object>> byName = new HashMap<>();
    for (Map<String, Object> r : query("functions", JdbcResultShapes.FUNCTIONS, JdbcResultShapes.FUNCTIONS_ORDER)) {
      byName.put((String) r.get("FUNCTION_NAME"), r);
    }
    for (String f : List.of("JSON_VALUE", "CARDINALITY", "TIMESTAMPADD", "COUNT", "FLOOR")) {
      assertNotNull(byName.get(f), f + " in " + byName.keySet());
      assertEquals("metadata", byName.get(f).get("FUNCTION_SCHEM"), f);
      assertEquals(f, byName.get(f).get("SPECIFIC_NAME"), f);
      assertFalse(String.valueOf(byName.get(f).get("REMARKS")).isEmpty(), f);
    }
    assertTrue(byName.get("JSON_VALUE").get("REMARKS").toString().contains("evidence"));
    assertEquals((short) DatabaseMetaData.functionNoTable, byName.get("COUNT").get("FUNCTION_TYPE"));
  }

  @Test void theSchemaIsListedWithRemarksAndIsReadOnly() throws SQLException {
    try (Connection c = DriverManager.getConnection(server.jdbcUrl())) {
      final Map<String, String> remarks = new HashMap<>();
      try (ResultSet rs = c.getMetaData().getTables(null, "defender_catalog", "%", null)) {
        while (rs.next()) {
          remarks.put(rs.getString("TABLE_NAME"), rs.getString("REMARKS"));
        }
      }
      assertEquals(Set.of("primary_keys", "foreign_keys", "index_info", "functions"), remarks.keySet());
      assertTrue(remarks.get("foreign_keys").contains("getImportedKeys"), remarks.get("foreign_keys"));
      remarks.values().forEach(r -> assertTrue(r.endsWith("."), r));
      try (Statement s = c.createStatement()) {
        final SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
            () -> s.executeUpdate("delete from defender_catalog.primary_keys"));
        assertNotNull(e.getSQLState());
      }
      // An analyst can ask for a table's keys in SQL, unquoted.
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
          "select pktable_name from defender_catalog.foreign_keys where fktable_name = 'alerts'"
              + " and fkcolumn_name = 'machine_id'")) {
        assertTrue(rs.next());
        assertEquals("machines", rs.getString(1));
      }
    }
  }
}
