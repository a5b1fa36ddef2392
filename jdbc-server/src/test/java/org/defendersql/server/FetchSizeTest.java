package org.defendersql.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    try (Connection c = tenant.connect(); PreparedStatement ps = everyAlert(c, fetchSize)) {
      try (ResultSet rs = ps.executeQuery()) {
        assertSameIds(read(rs));
      }
      // A second execution of the same statement too.
      try (ResultSet rs = ps.executeQuery()) {
        assertSameIds(read(rs));
      }
    }
  }

  /**
   * The server reads a statement's next frame while the client reads the current one: a statement run again, or
   * closed, after reading only part of its rows gets none of them back in its next result, in any order.
   */
  @ParameterizedTest(name = "fetch size {0}") @ValueSource(ints = {1, 100})
  void partlyReadResultsDoNotLeakIntoTheNext(int fetchSize) throws SQLException {
    try (Connection c = tenant.connect(); PreparedStatement ps = everyAlert(c, fetchSize)) {
      try (ResultSet rs = ps.executeQuery()) {
        for (int i = 0; i < 150; i++) {
          rs.next();
        }
        assertEquals(ids.get(149), rs.getString(1));
      }
      ps.setString(1, "Informational");
      final List<Object> severities = tenant.column(DefenderModel.ALERTS, "severity");
      final List<Object> notInformational = new ArrayList<>();
      for (int i = 0; i < ids.size(); i++) {
        if (!"Informational".equals(severities.get(i))) {
          notInformational.add(ids.get(i));
        }
      }
      assertTrue(notInformational.size() < ids.size() && notInformational.size() > 150, "a selective filter");
      try (ResultSet rs = ps.executeQuery()) {
        assertEquals(notInformational, read(rs));
      }
      try (Statement s = c.createStatement()) {
        s.setFetchSize(fetchSize);
        try (ResultSet rs = s.executeQuery("select id from alerts")) {
          rs.next();
          rs.next();
        }
        // The same statement, new SQL, before its first result was read to its end.
        try (ResultSet rs = s.executeQuery("select id from alerts order by id desc")) {
          final List<Object> descending = new ArrayList<>(ids);
          descending.sort(java.util.Comparator.comparing(Object::toString).reversed());
          assertEquals(descending, read(rs));
        }
      }
    }
  }

  /** A prepared statement of every alert's id (its parameter set to no severity), reading at the fetch size. */
  private static PreparedStatement everyAlert(Connection c, int fetchSize) throws SQLException {
    final PreparedStatement ps = c.prepareStatement("select id from alerts where severity <> ?");
    ps.setFetchSize(fetchSize);
    ps.setString(1, "no such severity");
    return ps;
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
