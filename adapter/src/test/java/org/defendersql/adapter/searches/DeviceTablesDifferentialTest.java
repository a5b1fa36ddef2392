package org.defendersql.adapter.searches;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.defendersql.adapter.EmulatedTenant;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.model.Column;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.EdmType;
import org.defendersql.model.Entity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pushdown never changes a result on the device tables: for every filterable column of indicators, machine
 * actions, investigations and the antivirus health report, comparisons with values the tenant holds (equal, not
 * equal, and for times and numbers before and after) give the same rows with pushdown on (sent as {@code $filter})
 * as with pushdown off (read whole and filtered by Calcite); each sends one request, most with a {@code $filter}.
 */
class DeviceTablesDifferentialTest {
  private static DefenderEmulator emulator;
  private static Connection on;
  private static Connection off;

  @BeforeAll static void start() throws SQLException {
    emulator = DefenderEmulator.builder().alerts(600).machines(120).now(Instant.parse("2026-11-30T12:00:00Z"))
        .build().start();
    on = EmulatedTenant.connect(emulator);
    off = EmulatedTenant.connectReference(EmulatedTenant.model(emulator));
  }

  @AfterAll static void stop() throws SQLException {
    on.close();
    off.close();
    emulator.close();
  }

  private static List<String> rows(Connection c, String sql) throws SQLException {
    final List<String> rows = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      final ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        final StringBuilder b = new StringBuilder();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          final Object v = rs.getObject(i);
          b.append(v instanceof java.sql.Array a ? List.of((Object[]) a.getArray()) : v).append('|');
        }
        rows.add(b.toString());
      }
    }
    rows.sort(null);
    return rows;
  }

  /** A SQL literal of a value the emulator holds for a column, or null when the column takes none here. */
  private static String literal(Column c, Object v) {
    if (v == null) {
      return null;
    }
    return switch (c.edmType()) {
      case STRING, ENUM, GUID -> "'" + v.toString().replace("'", "''") + "'";
      case INT32, INT64, DOUBLE -> v.toString();
      case BOOLEAN -> v.toString();
      case DATE_TIME_OFFSET -> "timestamp '" + Instant.ofEpochMilli(((Instant) v).toEpochMilli()).toString()
          .replace('T', ' ').replace("Z", "") + "'";
      default -> null;
    };
  }

  @Test void everyFilterableColumnGivesTheRowsOfPushdownOff() throws SQLException {
    int queries = 0;
    int withRows = 0;
    int filtered = 0;
    for (Entity e : List.of(DefenderModel.INDICATORS, DefenderModel.MACHINE_ACTIONS, DefenderModel.INVESTIGATIONS,
        DefenderModel.DEVICE_AV_HEALTH)) {
      final List<Object[]> data = emulator.data().rows(e).toList();
      for (Column c : e.columns()) {
        if (c.filterOps().isEmpty() || c.edmType() == EdmType.STRING_COLLECTION) {
          continue;
        }
        final int at = e.indexOf(c);
        final Object sample = data.stream().map(r -> r[at]).filter(Objects::nonNull).skip(data.size() / 3)
            .findFirst().orElse(null);
        final String value = literal(c, sample);
        if (value == null) {
          continue;
        }
        final List<String> ops = new ArrayList<>(List.of("=", "<>"));
        if (c.edmType() == EdmType.DATE_TIME_OFFSET || c.edmType() == EdmType.INT64) {
          ops.addAll(List.of(">", "<="));
        }
        for (String op : ops) {
          final String sql = "select " + e.keyColumn() + ", " + c.sqlName() + " from " + e.tableName() + " where "
              + c.sqlName() + " " + op + " " + value;
          emulator.clearRequestLog();
          final List<String> pushed = rows(on, sql);
          final List<String> sent = emulator.requestLog().stream().filter(r -> r.path().startsWith("/api/"))
              .map(r -> r.path() + "?" + r.rawQuery()).toList();
          assertEquals(1, sent.size(), sql + ": " + sent);
          assertEquals(rows(off, sql), pushed, sql);
          queries++;
          // What the API compares exactly is pushed (a string's <> is not: the API ignores case).
          filtered += sent.get(0).contains("filter") ? 1 : 0;
          withRows += pushed.isEmpty() ? 0 : 1;
        }
      }
    }
    assertTrue(queries >= 40, "queries: " + queries);
    assertTrue(filtered >= queries / 2, "pushed as $filter: " + filtered + " of " + queries);
    assertTrue(withRows >= queries / 2, "most comparisons have rows: " + withRows + " of " + queries);
  }
}
