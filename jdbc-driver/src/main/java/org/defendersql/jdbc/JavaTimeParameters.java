package org.defendersql.jdbc;

import java.sql.Date;
import java.sql.JDBCType;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Calendar;
import java.util.Locale;
import java.util.TimeZone;

/**
 * Turns java.time parameter values into what Avatica's client can send, before its serializer sees them (it
 * fails on them with a ClassCastException). The server's timestamps are UTC wall clocks, so an
 * {@code OffsetDateTime}, {@code ZonedDateTime} or {@code Instant} is sent as its UTC instant, and a
 * {@code LocalDateTime} (no zone) is read as UTC; a {@code LocalDate} is that day. They are bound with a UTC
 * calendar so the JVM's default zone never shifts them.
 */
final class JavaTimeParameters {
  /** A calendar of UTC: Avatica adds this calendar's offset (none) to the value it sends. */
  private static final TimeZone UTC = TimeZone.getTimeZone("UTC");
  private static final long MILLIS_PER_DAY = 86_400_000L;

  private JavaTimeParameters() {
  }

  static Calendar utcCalendar() {
    return Calendar.getInstance(UTC, Locale.ROOT);
  }

  static boolean isJavaTime(Object x) {
    return x instanceof Instant || x instanceof OffsetDateTime || x instanceof ZonedDateTime
        || x instanceof LocalDateTime || x instanceof LocalDate || x instanceof LocalTime;
  }

  /** The UTC instant of a date-time value ({@code LocalDateTime} read as UTC), or null if it is not one. */
  static Instant instant(Object x) {
    if (x instanceof Instant i) {
      return i;
    }
    if (x instanceof OffsetDateTime o) {
      return o.toInstant();
    }
    if (x instanceof ZonedDateTime z) {
      return z.toInstant();
    }
    if (x instanceof LocalDateTime l) {
      return l.toInstant(ZoneOffset.UTC);
    }
    if (x instanceof LocalDate d) {
      return d.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
    return null;
  }

  /** A timestamp whose milliseconds are the UTC instant's (bind it with {@link #utcCalendar()}). */
  static Timestamp timestamp(Instant instant) {
    final Timestamp t = new Timestamp(instant.toEpochMilli());
    t.setNanos(instant.getNano());
    return t;
  }

  /** The day as a date at UTC midnight (bind it with {@link #utcCalendar()}). */
  static Date date(LocalDate day) {
    return new Date(day.toEpochDay() * MILLIS_PER_DAY);
  }

  /** The UTC day of a date-time value. */
  static LocalDate utcDay(Object x) {
    return x instanceof LocalDate d ? d : LocalDate.ofInstant(instant(x), ZoneOffset.UTC);
  }

  static Time time(LocalTime t) {
    return new Time(t.toNanoOfDay() / 1_000_000L);
  }

  /** ISO-8601 text of the UTC instant, e.g. 2026-10-01T00:00:00Z (the server parses it as UTC). */
  static String isoText(Object x) {
    if (x instanceof LocalTime t) {
      return t.toString();
    }
    if (x instanceof LocalDate d) {
      return d.toString();
    }
    return DateTimeFormatter.ISO_INSTANT.format(instant(x));
  }

  /** Whether a java.time value can be bound as the SQL type, or the type is one it cannot take. */
  static SQLException unsupported(int index, Object x, int sqlType) {
    return new SQLException("Parameter " + index + ": a " + x.getClass().getSimpleName() + " cannot be sent as "
        + name(sqlType) + "; send it as TIMESTAMP, TIMESTAMP_WITH_TIMEZONE, DATE or VARCHAR.", "22018");
  }

  private static String name(int sqlType) {
    try {
      return JDBCType.valueOf(sqlType).getName();
    } catch (IllegalArgumentException e) {
      return "SQL type " + sqlType;
    }
  }

  static boolean isText(int sqlType) {
    return sqlType == Types.VARCHAR || sqlType == Types.CHAR || sqlType == Types.LONGVARCHAR
        || sqlType == Types.NVARCHAR || sqlType == Types.NCHAR || sqlType == Types.LONGNVARCHAR;
  }
}
