package org.defendersql.emulator.kql;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * KQL datetimes: the ISO 8601 forms {@code datetime(...)} accepts (date only, date and time with {@code T} or a
 * space, minutes or seconds, 1 to 7 fraction digits, {@code Z} or an offset; always UTC), {@code datetime(null)},
 * and the form answers carry: UTC with exactly seven fraction digits ({@code 2026-11-30T10:00:00.1234567Z}).
 */
public final class DateTimes {
  private DateTimes() {
  }

  private static final Pattern ISO = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})(?:[T ](\\d{2}):(\\d{2})"
      + "(?::(\\d{2})(?:\\.(\\d{1,7}))?)?)?(Z|[+-]\\d{2}:\\d{2})?");

  /** The value of {@code datetime(text)}: null for {@code null}. */
  static Instant parse(String text, String query, int offset) {
    final String t = text.trim();
    if (t.equals("null")) {
      return null;
    }
    final Instant i = parseIso(t);
    if (i == null) {
      throw KqlException.syntax(query, offset, "datetime(" + text + ")", "not a valid datetime literal");
    }
    return i;
  }

  /** An ISO 8601 date-time in the forms above, or null when the text is not one. */
  public static Instant parseIso(String t) {
    final Matcher m = ISO.matcher(t);
    if (!m.matches()) {
      return null;
    }
    try {
      final LocalDate date = LocalDate.parse(m.group(1));
      LocalDateTime ldt = date.atStartOfDay();
      if (m.group(2) != null) {
        final int ticks = m.group(5) == null ? 0 : Integer.parseInt((m.group(5) + "000000").substring(0, 7));
        ldt = LocalDateTime.of(date, java.time.LocalTime.of(Integer.parseInt(m.group(2)),
            Integer.parseInt(m.group(3)), m.group(4) == null ? 0 : Integer.parseInt(m.group(4)), ticks * 100));
      }
      final ZoneOffset zone = m.group(6) == null || m.group(6).equals("Z") ? ZoneOffset.UTC
          : ZoneOffset.of(m.group(6));
      return OffsetDateTime.of(ldt, zone).toInstant();
    } catch (java.time.DateTimeException e) {
      return null;
    }
  }

  /** UTC with seven fraction digits, as hunting answers write datetimes. */
  public static String format(Instant t) {
    final String s = Instant.ofEpochSecond(t.getEpochSecond()).toString();
    final int ticks = t.getNano() / 100;
    return s.substring(0, s.length() - 1) + "." + String.format(java.util.Locale.ROOT, "%07d", ticks) + "Z";
  }

  /** The instant truncated to Kusto's 100 ns ticks. */
  static Instant ticks(Instant t) {
    return t.getNano() % 100 == 0 ? t : t.minusNanos(t.getNano() % 100);
  }
}
