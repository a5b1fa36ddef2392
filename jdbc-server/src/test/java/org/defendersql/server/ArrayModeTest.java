package org.defendersql.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Array columns are SQL arrays by default; with the connection property {@code complexTypes=json} they are
 * VARCHAR holding JSON text, in the result set's metadata and in {@code getColumns} alike (Spark infers its
 * schema from one or the other and cannot read arrays), with the emulator's values.
 */
class ArrayModeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static ServedTenant tenant;

  @BeforeAll static void start() throws SQLException {
    tenant = ServedTenant.start(150, 40);
  }

  @AfterAll static void stop() {
    tenant.close();
  }

  private static Connection json() throws SQLException {
    final Properties p = new Properties();
    p.setProperty("complexTypes", "json");
    return tenant.connect(p);
  }

  @Test void byDefaultArraysAreSqlArrays() throws SQLException {
    final Map<String, Object> want = expected(DefenderModel.ALERTS, "mitre_techniques");
    try (Connection c = tenant.connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select id, mitre_techniques from alerts")) {
      assertEquals(Types.ARRAY, rs.getMetaData().getColumnType(2));
      int n = 0;
      while (rs.next()) {
        final Array a = rs.getArray(2);
        assertEquals(want.get(rs.getString(1)), a == null ? null : Arrays.asList((Object[]) a.getArray()));
        n++;
      }
      assertEquals(want.size(), n);
      assertEquals(Types.ARRAY, columnType(c.getMetaData(), "alerts", "mitre_techniques"));
    }
  }

  @Test void withComplexTypesJsonArraysAreJsonText() throws Exception {
    for (Entity entity : List.of(DefenderModel.ALERTS, DefenderModel.MACHINES)) {
      final String column = entity == DefenderModel.ALERTS ? "mitre_techniques" : "machine_tags";
      final Map<String, Object> want = expected(entity, column);
      try (Connection c = json(); Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("select id, " + column + " from " + entity.tableName())) {
        final ResultSetMetaData md = rs.getMetaData();
        assertEquals(Types.VARCHAR, md.getColumnType(2), column);
        assertEquals("VARCHAR", md.getColumnTypeName(2));
        assertEquals(String.class.getName(), md.getColumnClassName(2));
        int n = 0;
        while (rs.next()) {
          assertJson(want.get(rs.getString(1)), rs.getString(2), entity.tableName() + " " + rs.getString(1));
          assertTrue(rs.getObject(2) == null || rs.getObject(2) instanceof String);
          n++;
        }
        assertEquals(want.size(), n);
        final DatabaseMetaData dmd = c.getMetaData();
        assertEquals(Types.VARCHAR, columnType(dmd, entity.tableName(), column), "getColumns " + column);
        try (ResultSet cols = dmd.getColumns(null, "defender", entity.tableName(), column)) {
          assertTrue(cols.next());
          assertEquals("VARCHAR", cols.getString("TYPE_NAME"));
        }
      }
    }
  }

  @Test void schemaInferenceWithoutRowsSeesStrings() throws SQLException {
    // What Spark does: the metadata of a query that returns no row, and of a prepared statement.
    try (Connection c = json(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select * from alerts where 1 = 0");
         PreparedStatement ps = c.prepareStatement("select * from machines where id = ?")) {
      assertFalse(rs.next());
      final ResultSetMetaData md = rs.getMetaData();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        assertFalse(md.getColumnType(i) == Types.ARRAY, md.getColumnName(i));
      }
      final ResultSetMetaData pmd = ps.getMetaData();
      for (int i = 1; i <= pmd.getColumnCount(); i++) {
        assertFalse(pmd.getColumnType(i) == Types.ARRAY, pmd.getColumnName(i));
      }
    }
  }

  @Test void jsonSerializationToo() throws Exception {
    final Properties p = new Properties();
    p.setProperty("complexTypes", "json");
    final Map<String, Object> want = expected(DefenderModel.MACHINES, "machine_tags");
    try (Connection c = java.sql.DriverManager.getConnection(
        tenant.server.jdbcUrl().replace("serialization=protobuf", "serialization=json"), p);
         Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select id, machine_tags from machines")) {
      while (rs.next()) {
        assertJson(want.get(rs.getString(1)), rs.getString(2), rs.getString(1));
      }
    }
  }

  @Test void anUnknownModeIsRefused() {
    final Properties p = new Properties();
    p.setProperty("complexTypes", "xml");
    final AvaticaClientRuntimeException e = assertThrows(AvaticaClientRuntimeException.class,
        () -> tenant.connect(p).close());
    assertEquals("08004", e.getSqlState());
    assertTrue(e.getMessage().contains("complexTypes must be sql"), e.getMessage());
  }

  private static void assertJson(Object want, String got, String where) throws Exception {
    if (want == null) {
      assertNull(got, where);
    } else {
      assertEquals(JSON.valueToTree(want), JSON.readTree(got), where);
    }
  }

  private static Map<String, Object> expected(Entity entity, String column) {
    final int key = entity.indexOf(entity.key());
    final int i = entity.indexOf(entity.column(column).orElseThrow());
    final Map<String, Object> out = new HashMap<>();
    tenant.emulator.data().rows(entity).forEach(r -> out.put((String) r[key], r[i]));
    return out;
  }

  private static int columnType(DatabaseMetaData md, String table, String column) throws SQLException {
    try (ResultSet rs = md.getColumns(null, "defender", table, column)) {
      assertTrue(rs.next(), table + "." + column);
      return rs.getInt("DATA_TYPE");
    }
  }
}
