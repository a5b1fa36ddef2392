package org.defendersql.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.defendersql.emulator.RecordedRequest;
import org.defendersql.model.DefenderModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * NULLs sort where the driver's metadata says they do (Avatica's client answers {@code nullsAreSorted*} from its
 * own jar), for every direction and NULLS clause, with and without a LIMIT that may become {@code $orderby}; the
 * push happens exactly when the API's order (nulls lowest) is the requested one.
 */
class NullOrderTest {
  private static final int LIMIT = 40;
  private static ServedTenant tenant;
  private static NullSorting metadata;

  /** The four {@code DatabaseMetaData.nullsAreSorted*} answers, exactly one of which must be true. */
  enum NullSorting {
    HIGH, LOW, AT_START, AT_END;

    boolean nullsFirst(boolean descending) {
      return switch (this) {
        case HIGH -> descending;
        case LOW -> !descending;
        case AT_START -> true;
        case AT_END -> false;
      };
    }
  }

  @BeforeAll static void start() throws SQLException {
    tenant = ServedTenant.start(600, 40);
    try (Connection c = tenant.connect()) {
      final DatabaseMetaData md = c.getMetaData();
      final List<NullSorting> answers = new ArrayList<>();
      if (md.nullsAreSortedHigh()) {
        answers.add(NullSorting.HIGH);
      }
      if (md.nullsAreSortedLow()) {
        answers.add(NullSorting.LOW);
      }
      if (md.nullsAreSortedAtStart()) {
        answers.add(NullSorting.AT_START);
      }
      if (md.nullsAreSortedAtEnd()) {
        answers.add(NullSorting.AT_END);
      }
      assertEquals(1, answers.size(), "exactly one nullsAreSorted* answer is true: " + answers);
      metadata = answers.get(0);
    }
  }

  @AfterAll static void stop() {
    tenant.close();
  }

  static Stream<Arguments> orders() {
    final List<Arguments> out = new ArrayList<>();
    for (String column : List.of("investigation_id", "resolved_time")) {
      for (String direction : List.of("asc", "desc")) {
        for (String nulls : List.of("", " nulls first", " nulls last")) {
          out.add(Arguments.of(column, direction, nulls));
        }
      }
    }
    return out.stream();
  }

  @Test void theTestDataHasNullsAndValues() {
    for (String column : List.of("investigation_id", "resolved_time")) {
      final List<Object> values = tenant.column(DefenderModel.ALERTS, column);
      assertTrue(values.stream().anyMatch(Objects::isNull), column);
      assertTrue(values.stream().filter(Objects::nonNull).count() > LIMIT, column);
    }
  }

  @ParameterizedTest(name = "order by {0} {1}{2}") @MethodSource("orders")
  void nullsSortAsTheMetadataSays(String column, String direction, String nulls) throws SQLException {
    final boolean descending = direction.equals("desc");
    final boolean nullsFirst = nulls.isEmpty() ? metadata.nullsFirst(descending) : nulls.contains("first");
    final List<String> expected = expected(column, descending, nullsFirst);
    final String order = " order by " + column + " " + direction + nulls;
    try (Connection c = tenant.connect(); Statement s = c.createStatement()) {
      assertEquals(expected, values(s, "select " + column + " from alerts" + order), "all rows" + order);
      tenant.emulator.clearRequestLog();
      assertEquals(expected.subList(0, LIMIT), values(s, "select id, " + column + " from alerts" + order
          + " limit " + LIMIT), "limit" + order);
    }
    // The API sorts nulls lowest: first ascending, last descending; only then may the order be pushed.
    final boolean apiOrder = nullsFirst != descending;
    final boolean pushed = tenant.emulator.requestLog().stream().map(RecordedRequest::query)
        .anyMatch(q -> q.contains("$orderby=") && q.contains("$top=" + LIMIT));
    if (!apiOrder) {
      assertFalse(pushed, "not the API's order, not pushed: " + tenant.emulator.requestLog());
    } else if (column.equals("investigation_id")) {
      assertTrue(pushed, "the API's order on an orderable column is pushed: " + tenant.emulator.requestLog());
    }
  }

  /** The emulator's values of the column in the requested order. */
  private static List<String> expected(String column, boolean descending, boolean nullsFirst) {
    final List<Object> values = new ArrayList<>(tenant.column(DefenderModel.ALERTS, column));
    final Comparator<Object> byValue = (a, b) -> comparable(a).compareTo(comparable(b));
    final Comparator<Object> direction = descending ? byValue.reversed() : byValue;
    values.sort(nullsFirst ? Comparator.nullsFirst(direction) : Comparator.nullsLast(direction));
    return values.stream().map(NullOrderTest::comparable).map(v -> v == null ? null : v.toString()).toList();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Comparable comparable(Object v) {
    if (v instanceof java.time.Instant i) {
      return EmulatorRows.utcWallClock(i);
    }
    return (Comparable) v;
  }

  private static List<String> values(Statement s, String sql) throws SQLException {
    final List<String> out = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      final int col = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        final Object v = rs.getObject(col);
        out.add(v == null ? null : v instanceof java.sql.Timestamp t ? t.toLocalDateTime().toString()
            : v.toString());
      }
    }
    return out;
  }
}
