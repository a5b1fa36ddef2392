package org.defendersql.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.defendersql.model.Column;
import org.defendersql.model.Entity;

/** Compares a JDBC row with the row the emulator holds, column by column, as an analyst would read it. */
final class EmulatorRows {
  private static final ObjectMapper JSON = new ObjectMapper();

  private EmulatorRows() {
  }

  /** Asserts that the current row of {@code rs} (selected with {@code select *}) equals {@code expected}. */
  static void assertRowEquals(Entity entity, Object[] expected, ResultSet rs) throws SQLException {
    final String id = String.valueOf(expected[entity.indexOf(entity.key())]);
    for (int i = 0; i < entity.columns().size(); i++) {
      final Column c = entity.columns().get(i);
      final String where = entity.tableName() + " " + id + " column " + c.sqlName();
      final Object want = expected[i];
      switch (c.sqlType()) {
      case VARCHAR -> assertEquals(want, rs.getString(i + 1), where);
      case INTEGER, BIGINT -> assertEquals(want == null ? null : ((Number) want).longValue(),
          rs.getObject(i + 1) == null ? null : rs.getLong(i + 1), where);
      case DOUBLE -> assertEquals(want, rs.getObject(i + 1) == null ? null : rs.getDouble(i + 1), where);
      case BOOLEAN -> assertEquals(want, rs.getObject(i + 1) == null ? null : rs.getBoolean(i + 1), where);
      case TIMESTAMP -> {
        // A TIMESTAMP holds the UTC wall clock: whatever the JVM's zone, it reads as the API's UTC time.
        final LocalDateTime got = rs.getTimestamp(i + 1) == null ? null : rs.getTimestamp(i + 1).toLocalDateTime();
        assertEquals(want == null ? null : utcWallClock((Instant) want), got, where);
      }
      case VARCHAR_ARRAY -> {
        final Array a = rs.getArray(i + 1);
        assertNotNull(a, where);
        assertEquals(want, Arrays.asList((Object[]) a.getArray()), where);
      }
      case JSON -> assertJsonEquals(want, rs.getString(i + 1), where);
      default -> throw new AssertionError("unhandled " + c.sqlType());
      }
    }
  }

  static LocalDateTime utcWallClock(Instant instant) {
    return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
  }

  @SuppressWarnings("unchecked")
  private static void assertJsonEquals(Object want, String got, String where) {
    final JsonNode node;
    try {
      node = JSON.readTree(got);
    } catch (Exception e) {
      throw new AssertionError(where + ": not JSON: " + got, e);
    }
    final List<Map<String, Object>> items = (List<Map<String, Object>>) want;
    assertEquals(items.size(), node.size(), where + " element count");
    for (int k = 0; k < items.size(); k++) {
      for (Map.Entry<String, Object> e : items.get(k).entrySet()) {
        final JsonNode v = node.get(k).get(e.getKey());
        final String at = where + "[" + k + "]." + e.getKey();
        assertNotNull(v, at + " missing");
        final Object w = e.getValue();
        if (w == null) {
          assertNull(v.isNull() ? null : v.asText(), at);
        } else if (w instanceof Instant instant) {
          assertEquals(instant, Instant.parse(v.asText()), at);
        } else if (w instanceof Number n) {
          assertEquals(n.longValue(), v.asLong(), at);
        } else if (w instanceof Boolean b) {
          assertEquals(b, v.asBoolean(), at);
        } else {
          assertEquals(w.toString(), v.asText(), at);
        }
      }
    }
  }
}
