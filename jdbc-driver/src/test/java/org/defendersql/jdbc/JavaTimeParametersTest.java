package org.defendersql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.TimeZone;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.remote.TypedValue;
import org.junit.jupiter.api.Test;

/**
 * java.time parameter values become what Avatica sends with the UTC calendar: the instant's UTC wall clock in
 * milliseconds, or the UTC day; never shifted by the JVM's zone (the suite runs in America/New_York).
 */
class JavaTimeParametersTest {
  private static final Instant CUTOFF = Instant.parse("2026-10-01T03:30:15.250Z");

  /** The number Avatica puts on the wire for a timestamp bound with the UTC calendar. */
  private static long wire(Instant instant) {
    final TypedValue v = TypedValue.ofJdbc(ColumnMetaData.Rep.JAVA_SQL_TIMESTAMP,
        JavaTimeParameters.timestamp(instant), JavaTimeParameters.utcCalendar());
    return ((Number) v.value).longValue();
  }

  @Test void theZoneOfTheJvmIsNotUtc() {
    assertTrue(TimeZone.getDefault().getRawOffset() != 0, TimeZone.getDefault().getID());
  }

  @Test void dateTimesAreTheirUtcInstant() {
    final long expected = CUTOFF.toEpochMilli();
    assertEquals(expected, wire(JavaTimeParameters.instant(CUTOFF)));
    assertEquals(expected, wire(JavaTimeParameters.instant(OffsetDateTime.ofInstant(CUTOFF, ZoneOffset.ofHours(2)))));
    assertEquals(expected, wire(JavaTimeParameters.instant(ZonedDateTime.ofInstant(CUTOFF,
        ZoneId.of("America/New_York")))));
    assertEquals(expected, wire(JavaTimeParameters.instant(LocalDateTime.ofInstant(CUTOFF, ZoneOffset.UTC))));
  }

  @Test void aDayIsItsOwnDayAndADateTimesDayIsUtcs() {
    final LocalDate day = LocalDate.of(2026, 10, 1);
    final TypedValue v = TypedValue.ofJdbc(ColumnMetaData.Rep.JAVA_SQL_DATE, JavaTimeParameters.date(day),
        JavaTimeParameters.utcCalendar());
    assertEquals(day.toEpochDay(), ((Number) v.value).longValue());
    // 23:30 in New York on 30 September is already 1 October in UTC.
    assertEquals(day, JavaTimeParameters.utcDay(ZonedDateTime.of(2026, 9, 30, 23, 30, 0, 0,
        ZoneId.of("America/New_York"))));
  }

  @Test void textIsIsoUtc() {
    assertEquals("2026-10-01T03:30:15.250Z",
        JavaTimeParameters.isoText(OffsetDateTime.ofInstant(CUTOFF, ZoneOffset.ofHours(-7))));
    assertTrue(JavaTimeParameters.isText(Types.VARCHAR));
    assertFalse(JavaTimeParameters.isJavaTime(new java.util.Date()));
  }
}
