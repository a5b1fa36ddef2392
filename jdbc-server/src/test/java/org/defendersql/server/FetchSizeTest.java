package org.defendersql.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.defendersql.model.DefenderModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every row arrives whatever fetch size a client sets, on both kinds of statement: fetch size 0 (Spark's
 * default) means the server's default frame, not an empty last frame.
 */
class FetchSizeTest {
  private static final int ALERTS = 700;
  private static ServedTenant tenant;
  private static List<Object> ids;

  @BeforeAll static void start() throws SQLException {
    tenant = ServedTenant.start(ALERTS, 20);
    ids = tenant.column(DefenderModel.ALERTS, "id");
    assertEquals(ALERTS, ids.size());
  }

  @AfterAll static void stop() {
    tenant.close();
  }

  @ParameterizedTest(name = "fetch size {0}") @ValueSource(ints = {0, 1, 100, 10_000})
  void statementReturnsEveryRow(int fetchSize) throws SQLException {
    try (Connection c = tenant.connect(); Statement s = c.createStatement()) {
      s.setFetchSize(fetchSize);
      try (ResultSet rs = s.executeQuery("select id from alerts")) {
        assertSameIds(read(rs));
      }
    }
  }

  /** Whole alerts are wide: their frames are cut to the server's bound in bytes, and no row is lost or repeated. */
  @ParameterizedTest(name = "fetch size {0}") @ValueSource(ints = {0, 100, 10_000})
  void wideRowsReturnEveryRowOnce(int fetchSize) throws SQLException {
    try (Connection c = tenant.connect(); Statement s = c.createStatement()) {
      s.setFetchSize(fetchSize);
      try (ResultSet rs = s.executeQuery("select * from alerts")) {
        assertSameIds(read(rs));
      }
    }
  }

  @ParameterizedTest(name = "fetch size {0}") @ValueSource(ints = {0, 1, 100, 10_000})
  void preparedStatementReturnsEveryRow(int fetchSize) throws SQLException {
    try (Connection c = tenant.connect();
         PreparedStatement ps = c.prepareStatement("select id from alerts where severity <> ?")) {
      ps.setFetchSize(fetchSize);
      ps.setString(1, "no such severity");
      try (ResultSet rs = ps.executeQuery()) {
        assertSameIds(read(rs));
      }
      // A second execution of the same statement too.
      try (ResultSet rs = ps.executeQuery()) {
        assertSameIds(read(rs));
      }
    }
  }

  /** The emulator's alerts in its order: the count first, so a failure reads "expected 700 but was 0". */
  private static void assertSameIds(List<Object> got) {
    assertEquals(ids.size(), got.size(), "rows");
    assertEquals(ids, got);
  }

  private static List<Object> read(ResultSet rs) throws SQLException {
    final List<Object> out = new ArrayList<>();
    while (rs.next()) {
      out.add(rs.getString(1));
    }
    return out;
  }
}
