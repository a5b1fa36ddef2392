package org.defendersql.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.calcite.runtime.Hook;
import org.defendersql.model.DefenderModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A plain statement's query text sent again on a connection runs the plan made the first time: not parsed again,
 * the same rows, each run with its own maximum rows, two statements of one text at once each with all their rows.
 */
class ReusedPlansTest {
  private static ServedTenant tenant;
  private static List<Object> ids;

  @BeforeAll static void start() throws SQLException {
    tenant = ServedTenant.start(300, 10);
    ids = tenant.column(DefenderModel.ALERTS, "id");
  }

  @AfterAll static void stop() {
    tenant.close();
  }

  /** How many times Calcite parses SQL containing {@code marker} while {@code work} runs. */
  private static int parses(String marker, SqlWork work) throws SQLException {
    final AtomicInteger parses = new AtomicInteger();
    try (Hook.Closeable ignored = Hook.PARSE_TREE.add((Consumer<Object[]>) args -> {
      if (String.valueOf(args[0]).contains(marker)) {
        parses.incrementAndGet();
      }
    })) {
      work.run();
    }
    return parses.get();
  }

  /** Something run over the server. */
  private interface SqlWork {
    void run() throws SQLException;
  }

  @Test void aRepeatedTextIsPlannedOnceAndAnswersTheSame() throws SQLException {
    final String sql = "select id as reuse_marker_1 from alerts";
    try (Connection c = tenant.connect()) {
      final List<List<Object>> results = new ArrayList<>();
      final int parsed = parses("reuse_marker_1", () -> {
        for (int i = 0; i < 5; i++) {
          try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            results.add(read(rs));
          }
        }
      });
      assertEquals(1, parsed, "parses of a text run 5 times on one connection");
      for (List<Object> r : results) {
        assertEquals(ids, r);
      }
    }
  }

  @Test void eachRunHasItsOwnMaximumRows() throws SQLException {
    final String sql = "select id as reuse_marker_2 from alerts";
    try (Connection c = tenant.connect(); Statement s = c.createStatement()) {
      s.setMaxRows(3);
      try (ResultSet rs = s.executeQuery(sql)) {
        assertEquals(ids.subList(0, 3), read(rs));
      }
      try (Statement other = c.createStatement(); ResultSet rs = other.executeQuery(sql)) {
        assertEquals(ids, read(rs), "the limit of the first statement stayed with the plan");
      }
    }
  }

  @Test void twoStatementsOfOneTextAtOnceEachReadEveryRow() throws SQLException {
    final String sql = "select id as reuse_marker_3 from alerts";
    try (Connection c = tenant.connect(); Statement a = c.createStatement(); Statement b = c.createStatement()) {
      a.setFetchSize(10);
      b.setFetchSize(10);
      try (ResultSet warm = a.executeQuery(sql)) {
        read(warm);
      }
      try (ResultSet first = a.executeQuery(sql)) {
        final List<Object> got = new ArrayList<>();
        for (int i = 0; i < 25 && first.next(); i++) {
          got.add(first.getString(1));
        }
        try (ResultSet second = b.executeQuery(sql)) {
          assertEquals(ids, read(second));
        }
        got.addAll(read(first));
        assertEquals(ids, got);
      }
    }
  }

  @Test void errorsAndNonQueriesRunAsBefore() throws SQLException {
    try (Connection c = tenant.connect(); Statement s = c.createStatement()) {
      for (int i = 0; i < 2; i++) {
        final SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
            () -> s.executeQuery("select no_such_column from alerts"));
        assertTrue(e.getMessage().contains("no_such_column") || e.getMessage().contains("NO_SUCH_COLUMN"),
            e.getMessage());
      }
      try (ResultSet rs = s.executeQuery("explain plan for select id from alerts where severity = 'High'")) {
        assertTrue(rs.next());
        assertFalse(rs.getString(1).isEmpty());
      }
    }
  }

  @Test void closingTheConnectionFreesItsPlans() throws SQLException {
    final int before = tenant.server.reusedPlans();
    try (Connection c = tenant.connect(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("select id as reuse_marker_4 from alerts")) {
        read(rs);
      }
      assertEquals(before + 1, tenant.server.reusedPlans());
    }
    assertEquals(before, tenant.server.reusedPlans());
  }

  private static List<Object> read(ResultSet rs) throws SQLException {
    final List<Object> out = new ArrayList<>();
    while (rs.next()) {
      out.add(rs.getString(1));
    }
    return out;
  }
}
