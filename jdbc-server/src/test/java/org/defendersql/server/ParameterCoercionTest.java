package org.defendersql.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.defendersql.model.DefenderModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parameters are coerced to the parameter's SQL type as a literal would be: integers of any Java type (jOOQ binds
 * every LIMIT with {@code setLong}) into LIMIT/OFFSET and INTEGER, java.time values and ISO-8601 text into
 * TIMESTAMP (read as UTC, the server's zone); a value that cannot be converted is refused with SQLState 22xxx.
 */
class ParameterCoercionTest {
  private static final String CUTOFF = "2026-10-01T00:00:00Z";
  private static ServedTenant tenant;
  private static long newerThanCutoff;

  @BeforeAll static void start() throws SQLException {
    tenant = ServedTenant.start(b -> b.alerts(300).machines(30).now(Instant.parse("2026-11-20T12:00:00Z")),
        ServerLimits.DEFAULT);
    final Instant cutoff = Instant.parse(CUTOFF);
    newerThanCutoff = tenant.column(DefenderModel.ALERTS, "alert_creation_time").stream()
        // TIMESTAMP has millisecond precision: an alert 0.4 ms after the cutoff is not after it in SQL.
        .filter(v -> v != null && ((Instant) v).truncatedTo(java.time.temporal.ChronoUnit.MILLIS).isAfter(cutoff))
        .count();
    assertTrue(newerThanCutoff > 0 && newerThanCutoff < 300, "the cutoff splits the alerts: " + newerThanCutoff);
  }

  @AfterAll static void stop() {
    tenant.close();
  }

  @Test void limitAndOffsetTakeAnyIntegerType() throws SQLException {
    final List<Object> ids = tenant.column(DefenderModel.ALERTS, "id");
    try (Connection c = tenant.connect();
         PreparedStatement ps = c.prepareStatement("select id from alerts limit ? offset ?")) {
      ps.setLong(1, 7L);
      ps.setLong(2, 3L);
      assertEquals(ids.subList(3, 10), ids(ps));
      ps.setBigDecimal(1, new BigDecimal("5"));
      ps.setObject(2, (short) 1);
      assertEquals(ids.subList(1, 6), ids(ps));
      ps.setObject(1, 4L);
      ps.setInt(2, 0);
      assertEquals(ids.subList(0, 4), ids(ps));
      ps.setString(1, "2");
      assertEquals(ids.subList(0, 2), ids(ps));
    }
  }

  @Test void integersOutOfRangeOrNotIntegersAreRefusedAs22xxx() throws SQLException {
    try (Connection c = tenant.connect();
         PreparedStatement ps = c.prepareStatement("select id from alerts limit ?")) {
      for (Object bad : new Object[] {Long.MAX_VALUE, new BigDecimal("2.5"), "ten"}) {
        ps.setObject(1, bad);
        final SQLException e = assertThrows(SQLException.class, () -> ids(ps), String.valueOf(bad));
        assertTrue(String.valueOf(e.getSQLState()).startsWith("22"), bad + ": " + e.getSQLState() + " " + e);
        assertTrue(e.getMessage().contains("parameter 1"), e.getMessage());
      }
    }
  }

  @Test void bigintParametersTakeAnyIntegerType() throws SQLException {
    final long incident = (Long) tenant.column(DefenderModel.ALERTS, "incident_id").get(0);
    try (Connection c = tenant.connect();
         PreparedStatement ps = c.prepareStatement("select count(*) from alerts where incident_id = ?")) {
      final long want = tenant.column(DefenderModel.ALERTS, "incident_id").stream()
          .filter(v -> v != null && (Long) v == incident).count();
      for (Object v : new Object[] {incident, (int) incident, BigDecimal.valueOf(incident), Long.toString(incident)}) {
        ps.setObject(1, v);
        assertEquals(want, count(ps), v.getClass().getSimpleName());
      }
    }
  }

  /**
   * java.time values reach the server as their ISO-8601 text ({@code setObject(i, value.toString())}): Avatica's
   * client driver cannot send the objects themselves (see {@link #javaTimeObjectsNeverLeaveTheClientDriver}).
   */
  @ParameterizedTest(name = "{0}") @ValueSource(strings = {"OffsetDateTime", "Instant", "LocalDateTime (UTC)",
      "ZonedDateTime", "Timestamp with a UTC calendar", "SQL text", "date-time without offset"})
  void timestampParametersTakeIsoTextAndTimestamps(String kind) throws SQLException {
    final Instant cutoff = Instant.parse(CUTOFF);
    final Object value = switch (kind) {
      case "OffsetDateTime" -> OffsetDateTime.ofInstant(cutoff, ZoneOffset.ofHours(2)).toString();
      case "Instant" -> cutoff.toString();
      case "LocalDateTime (UTC)" -> LocalDateTime.ofInstant(cutoff, ZoneOffset.UTC).toString();
      case "ZonedDateTime" -> ZonedDateTime.ofInstant(cutoff, java.time.ZoneId.of("America/New_York")).toString();
      case "Timestamp with a UTC calendar" -> Timestamp.from(cutoff);
      case "SQL text" -> "2026-10-01 00:00:00";
      case "date-time without offset" -> "2026-10-01T00:00";
      default -> throw new AssertionError(kind);
    };
    try (Connection c = tenant.connect();
         PreparedStatement ps = c.prepareStatement("select count(*) from alerts where alert_creation_time > ?")) {
      if (value instanceof Timestamp t) {
        ps.setTimestamp(1, t, java.util.Calendar.getInstance(java.util.TimeZone.getTimeZone("UTC")));
      } else {
        ps.setObject(1, value);
      }
      assertEquals(newerThanCutoff, count(ps), kind + " " + value);
    }
  }

  /**
   * Avatica 1.28's client driver fails to serialize java.time objects (protobuf: "Unhandled value: OBJECT";
   * JSON: Jackson without its java.time module) before any request leaves it, so no server can accept them.
   * When this starts passing values through, the server converts them like their text.
   */
  @Test void javaTimeObjectsNeverLeaveTheClientDriver() throws SQLException {
    try (Connection c = tenant.connect();
         PreparedStatement ps = c.prepareStatement("select count(*) from alerts where alert_creation_time > ?")) {
      ps.setObject(1, Instant.parse(CUTOFF));
      final SQLException e = assertThrows(SQLException.class, () -> count(ps));
      assertTrue(e.getMessage().contains("Unhandled value"), e.getMessage());
    }
  }

  @Test void textThatIsNoTimestampIsRefusedAs22xxx() throws SQLException {
    try (Connection c = tenant.connect();
         PreparedStatement ps = c.prepareStatement("select count(*) from alerts where alert_creation_time > ?")) {
      ps.setString(1, "yesterday");
      final SQLException e = assertThrows(SQLException.class, () -> count(ps));
      assertTrue(String.valueOf(e.getSQLState()).startsWith("22"), e.getSQLState() + " " + e);
      assertTrue(e.getMessage().contains("yesterday"), e.getMessage());
      assertFalse(e.getMessage().contains("ClassCastException"), e.getMessage());
    }
  }

  private static List<Object> ids(PreparedStatement ps) throws SQLException {
    final List<Object> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static long count(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }
}
