package org.defendersql.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Frames after the first are read straight from Calcite ({@link DirectFrames}); the first frame (100 rows for a
 * statement of Avatica's driver) is Avatica's own. Every value of every column arrives the same both ways: a table
 * read in one order and in the reverse one has its first rows in a later frame once and in the first frame once.
 */
class DirectFramesTest {
  private static ServedTenant tenant;

  @BeforeAll static void start() throws SQLException {
    tenant = ServedTenant.start(150, 130);
  }

  @AfterAll static void stop() {
    tenant.close();
  }

  @ParameterizedTest(name = "{0}") @ValueSource(strings = {"alerts", "machines", "graph_alerts"})
  void laterFramesCarryTheValuesTheFirstFrameDoes(String table) throws SQLException {
    final List<List<Object>> ascending = read("select * from " + table + " order by 1", 1);
    final List<List<Object>> descending = read("select * from " + table + " order by 1 desc", 1);
    assertTrue(ascending.size() > 100, table + " has rows beyond the first frame: " + ascending.size());
    java.util.Collections.reverse(descending);
    assertEquals(ascending.size(), descending.size(), "rows");
    for (int i = 0; i < ascending.size(); i++) {
      assertEquals(ascending.get(i), descending.get(i), table + " row " + i);
    }
  }

  /**
   * Avatica's JSON serialization writes the same later frames (read straight from Calcite, written by
   * {@link LeanFrame} for protobuf only) as protobuf does: every value of every alert, 7 rows a frame.
   */
  @org.junit.jupiter.api.Test void jsonClientsReadTheSameLaterFrames() throws SQLException {
    final String sql = "select * from alerts order by 1";
    final List<List<Object>> protobuf = read(tenant.connect(), sql, 7);
    final List<List<Object>> json = read(tenant.connectJson(), sql, 7);
    assertTrue(protobuf.size() > 100, "rows beyond the first frame: " + protobuf.size());
    assertEquals(protobuf, json);
  }

  private static List<List<Object>> read(String sql, int fetchSize) throws SQLException {
    return read(tenant.connect(), sql, fetchSize);
  }

  private static List<List<Object>> read(Connection connection, String sql, int fetchSize) throws SQLException {
    final List<List<Object>> rows = new ArrayList<>();
    try (Connection c = connection; Statement s = c.createStatement()) {
      s.setFetchSize(fetchSize);
      try (ResultSet rs = s.executeQuery(sql)) {
        final int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          final List<Object> row = new ArrayList<>();
          for (int i = 1; i <= n; i++) {
            final Object v = rs.getObject(i);
            row.add(v instanceof Array a ? Arrays.asList((Object[]) a.getArray()) : v);
          }
          rows.add(row);
        }
      }
    }
    return rows;
  }
}
