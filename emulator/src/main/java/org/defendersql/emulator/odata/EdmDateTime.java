package org.defendersql.emulator.odata;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * {@code Edm.DateTimeOffset} as the Defender API writes and reads it: UTC with {@code Z} and a 0–7 digit fraction
 * (.NET's round-trip format with trailing zeros trimmed), and the unquoted literal forms of {@code $filter}.
 */
public final class EdmDateTime {
  private EdmDateTime() {
  }

  /** Full date-time literal: seconds optional, 1–7 fraction digits (.NET ticks), {@code Z} or an offset. */
  static final Pattern LITERAL = Pattern.compile(
      "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,7})?)?(?:Z|[+-]\\d{2}:\\d{2})");
  /** The date-only form {@code 2018-08-01Z} that the Defender docs show for {@code lastSeen}. */
  static final Pattern DATE_ONLY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}Z");

  /**
   * Writes an instant as the service does. Written by hand rather than with a {@code DateTimeFormatter}
   * because a page of alerts holds tens of thousands of date-times.
   */
  public static String format(Instant t) {
    final long seconds = t.getEpochSecond();
    final long day = Math.floorDiv(seconds, 86_400L);
    final int secOfDay = (int) Math.floorMod(seconds, 86_400L);
    final LocalDate date = LocalDate.ofEpochDay(day);
    final char[] b = new char[28];
    int n = 0;
    n = digits(b, n, date.getYear(), 4);
    b[n++] = '-';
    n = digits(b, n, date.getMonthValue(), 2);
    b[n++] = '-';
    n = digits(b, n, date.getDayOfMonth(), 2);
    b[n++] = 'T';
    n = digits(b, n, secOfDay / 3600, 2);
    b[n++] = ':';
    n = digits(b, n, secOfDay / 60 % 60, 2);
    b[n++] = ':';
    n = digits(b, n, secOfDay % 60, 2);
    int ticks = t.getNano() / 100;
    if (ticks != 0) {
      int width = 7;
      while (ticks % 10 == 0) {
        ticks /= 10;
        width--;
      }
      b[n++] = '.';
      n = digits(b, n, ticks, width);
    }
    b[n++] = 'Z';
    return new String(b, 0, n);
  }

  private static int digits(char[] b, int at, int value, int width) {
    for (int i = width - 1; i >= 0; i--) {
      b[at + i] = (char) ('0' + value % 10);
      value /= 10;
    }
    return at + width;
  }

  /** Whether the text is one of the accepted unquoted date-time literal forms. */
  static boolean isLiteral(String text) {
    return LITERAL.matcher(text).matches() || DATE_ONLY.matcher(text).matches();
  }

  /**
   * Parses an unquoted {@code $filter} date-time literal.
   *
   * @throws ODataException if the text is not a valid date-time (e.g. month 13)
   */
  public static Instant parseLiteral(String text) {
    try {
      if (DATE_ONLY.matcher(text).matches()) {
        return LocalDate.parse(text.substring(0, 10)).atStartOfDay().toInstant(ZoneOffset.UTC);
      }
      if (LITERAL.matcher(text).matches()) {
        return OffsetDateTime.parse(text).toInstant();
      }
    } catch (DateTimeParseException e) {
      // fall through: a well-shaped literal with an impossible value
    }
    throw ODataException.badQuery("The DateTimeOffset text '" + text + "' should be in format "
        + "'yyyy-mm-ddThh:mm:ss('.'s+)?(zzzzzz)?' and each field value is within valid range.");
  }
}
