package org.defendersql.adapter.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.defendersql.adapter.EmulatedTenant;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.model.Column;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;
import org.defendersql.model.SqlType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every row and column of the Graph tables read through the adapter equals the emulator's own Graph data: enum
 * members as Graph writes them, Graph's 7-digit timestamps cut to SQL's milliseconds, string arrays, JSON columns
 * (comments, evidence, an incident's expanded alerts) and the evidence items' nested objects flattened into
 * columns, across pages.
 */
class GraphRowsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static DefenderEmulator emulator;
  private static Connection connection;

  @BeforeAll static void start() throws SQLException {
    emulator = DefenderEmulator.builder().alerts(90).machines(20).pageSize(35).seed(31).now(Instant.now()).build()
        .start();
    connection = EmulatedTenant.connect(emulator);
  }

  @AfterAll static void stop() throws SQLException {
    connection.close();
    emulator.close();
  }

  @Test void alertsAreTheEmulatorsGraphAlerts() throws SQLException {
    assertTableEquals(DefenderModel.GRAPH_ALERTS);
  }

  @Test void incidentsWithTheirAlertsAreTheEmulatorsIncidents() throws SQLException {
    assertTableEquals(DefenderModel.GRAPH_INCIDENTS);
  }

  @Test void evidenceRowsAreTheEmulatorsEvidenceItems() throws SQLException {
    assertTableEquals(DefenderModel.GRAPH_ALERT_EVIDENCE);
    // The searches' columns are filled: a file's hash, a user's account name, a device's id.
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("select count(file_details_sha1),"
        + " count(user_account_account_name), count(mde_device_id) from graph_alert_evidence")) {
      assertTrue(rs.next());
      for (int i = 1; i <= 3; i++) {
        assertTrue(rs.getLong(i) > 0, "column " + i + " is never filled");
      }
    }
  }

  /** Compares {@code select *} of a table with the emulator's rows, in order; answers how many rows there were. */
  private static long assertTableEquals(Entity entity) throws SQLException {
    final List<Object[]> want = new ArrayList<>(emulator.graph().rows(entity).toList());
    if (entity.equals(DefenderModel.GRAPH_ALERT_EVIDENCE)) {
      absentCollectionsAreNull(want);
    }
    assertFalse(want.isEmpty(), entity.tableName());
    int n = 0;
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("select * from " + entity.tableName())) {
      while (rs.next()) {
        assertTrue(n < want.size(), entity.tableName() + " has more rows than the emulator's " + want.size());
        assertRowEquals(entity, want.get(n++), rs);
      }
    }
    assertEquals(want.size(), n, entity.tableName() + " rows");
    return n;
  }

  /**
   * An evidence item whose type lacks a collection property (a file's {@code ipInterfaces}) reads as NULL, as the
   * model says of every property a type lacks; the emulator's flattened rows give an empty list there, so the
   * expectation is taken from the items as Graph serves them, in the same order.
   */
  private static void absentCollectionsAreNull(List<Object[]> evidenceRows) {
    final Entity alerts = DefenderModel.GRAPH_ALERTS;
    final int evidence = alerts.indexOf(alerts.column("evidence").orElseThrow());
    final List<Map<?, ?>> items = new ArrayList<>();
    emulator.graph().rows(alerts).forEach(a -> ((List<?>) a[evidence]).forEach(o -> items.add((Map<?, ?>) o)));
    assertEquals(items.size(), evidenceRows.size(), "evidence items");
    final Entity e = DefenderModel.GRAPH_ALERT_EVIDENCE;
    for (int k = 0; k < items.size(); k++) {
      final Object[] row = evidenceRows.get(k).clone();
      for (Column c : e.columns()) {
        if (c.sqlType() == SqlType.VARCHAR_ARRAY && !items.get(k).containsKey(c.jsonName())) {
          row[e.indexOf(c)] = null;
        }
      }
      evidenceRows.set(k, row);
    }
  }

  private static void assertRowEquals(Entity entity, Object[] expected, ResultSet rs) throws SQLException {
    for (int i = 0; i < entity.columns().size(); i++) {
      final Column c = entity.columns().get(i);
      final String where = entity.tableName() + " row of " + expected[0] + ", column " + c.sqlName();
      final Object want = expected[i];
      switch (c.sqlType()) {
      case VARCHAR -> assertEquals(want, rs.getString(i + 1), where);
      case BIGINT, INTEGER -> assertEquals(want == null ? null : ((Number) want).longValue(),
          rs.getObject(i + 1) == null ? null : rs.getLong(i + 1), where);
      // the instant, cut to SQL's milliseconds (the suite runs in New York: no zone may shift it)
      case TIMESTAMP -> assertEquals(want == null ? null : ((Instant) want).truncatedTo(ChronoUnit.MILLIS),
          rs.getTimestamp(i + 1) == null ? null : rs.getTimestamp(i + 1).toInstant(), where);
      case VARCHAR_ARRAY -> {
        final Array a = rs.getArray(i + 1);
        assertEquals(want, a == null ? null : Arrays.asList((Object[]) a.getArray()), where);
      }
      case JSON -> {
        final String text = rs.getString(i + 1);
        if (want == null) {
          assertEquals(null, text, where);
        } else {
          assertNotNull(text, where);
          assertJsonEquals(want, readTree(text, where), where);
        }
      }
      default -> throw new AssertionError("unhandled " + c.sqlType() + " at " + where);
      }
    }
  }

  private static JsonNode readTree(String text, String where) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new AssertionError(where + ": not JSON: " + text, e);
    }
  }

  /** A value of the emulator's data (lists, maps, instants, numbers, strings) against the JSON the adapter read. */
  private static void assertJsonEquals(Object want, JsonNode got, String where) {
    if (want == null) {
      assertTrue(got == null || got.isNull(), where + ": " + got);
    } else if (want instanceof List<?> list) {
      assertTrue(got.isArray() && got.size() == list.size(), where + ": " + got);
      for (int k = 0; k < list.size(); k++) {
        assertJsonEquals(list.get(k), got.get(k), where + "[" + k + "]");
      }
    } else if (want instanceof Map<?, ?> map) {
      assertTrue(got.isObject(), where + ": " + got);
      for (Map.Entry<?, ?> e : map.entrySet()) {
        assertJsonEquals(e.getValue(), got.get(e.getKey().toString()), where + "." + e.getKey());
      }
    } else if (want instanceof Instant instant) {
      // Graph writes 7 fraction digits: the JSON text keeps every one of them
      assertEquals(instant, Instant.parse(got.asText()), where);
    } else if (want instanceof Number number) {
      assertEquals(number.longValue(), got.asLong(), where);
    } else if (want instanceof Boolean b) {
      assertEquals(b, got.asBoolean(), where);
    } else {
      assertEquals(want.toString(), got.asText(), where);
    }
  }
}
