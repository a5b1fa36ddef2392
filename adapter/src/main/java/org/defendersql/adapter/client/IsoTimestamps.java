package org.defendersql.adapter.client;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * Turns the API's DateTimeOffset text into epoch milliseconds without the generic {@code java.time} parser, which
 * was a tenth of the adapter's time in a full scan. Only the shapes the services send are read here
 * ({@code yyyy-MM-ddTHH:mm:ss}, 0 to 9 fraction digits, {@code Z} or {@code ±hh:mm}); any other text, and any
 * field out of range, goes to {@link OffsetDateTime#parse}, so the answer (or the error) is always the one
 * {@code OffsetDateTime.parse(text).toInstant().toEpochMilli()} gives.
 */
final class IsoTimestamps {
  private static final long MILLIS_PER_DAY = 86_400_000L;

  private IsoTimestamps() {
  }

  /**
   * Epoch milliseconds of the text, sub-millisecond digits dropped (toward the past).
   *
   * @throws java.time.format.DateTimeParseException if the text is not an ISO-8601 date-time with offset
   */
  static long epochMillis(String text) {
    final long fast = fast(text);
    return fast != Long.MIN_VALUE ? fast : OffsetDateTime.parse(text).toInstant().toEpochMilli();
  }

  /** The epoch milliseconds, or {@link Long#MIN_VALUE} when the text is not a shape read here or out of range. */
  private static long fast(String s) {
    final int n = s.length();
    if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
        || s.charAt(16) != ':') {
      return Long.MIN_VALUE;
    }
    final int year = digits(s, 0, 4);
    final int month = digits(s, 5, 2);
    final int day = digits(s, 8, 2);
    final int hour = digits(s, 11, 2);
    final int minute = digits(s, 14, 2);
    final int second = digits(s, 17, 2);
    if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) {
      return Long.MIN_VALUE;
    }
    int i = 19;
    int millis = 0;
    if (s.charAt(i) == '.') {
      final int start = ++i;
      while (i < n && isDigit(s.charAt(i))) {
        if (i - start < 3) {
          millis = millis * 10 + (s.charAt(i) - '0');
        }
        i++;
      }
      final int count = i - start;
      if (count == 0 || count > 9) {
        return Long.MIN_VALUE;
      }
      for (int k = count; k < 3; k++) {
        millis *= 10;
      }
    }
    final int offsetSeconds = offsetSeconds(s, i);
    if (offsetSeconds == Integer.MIN_VALUE) {
      return Long.MIN_VALUE;
    }
    final long epochDay;
    try {
      epochDay = LocalDate.of(year, month, day).toEpochDay();
    } catch (DateTimeException e) {
      return Long.MIN_VALUE;
    }
    final long secondOfDay = hour * 3600L + minute * 60L + second;
    return epochDay * MILLIS_PER_DAY + (secondOfDay - offsetSeconds) * 1000L + millis;
  }

  /** The offset at {@code i} to the end of the text ({@code Z} or {@code ±hh:mm}), or MIN_VALUE. */
  private static int offsetSeconds(String s, int i) {
    final int n = s.length();
    if (i == n - 1 && s.charAt(i) == 'Z') {
      return 0;
    }
    if (i != n - 6 || s.charAt(i + 3) != ':') {
      return Integer.MIN_VALUE;
    }
    final char sign = s.charAt(i);
    final int hours = digits(s, i + 1, 2);
    final int minutes = digits(s, i + 4, 2);
    if ((sign != '+' && sign != '-') || hours < 0 || minutes < 0 || minutes > 59 || hours > 18
        || (hours == 18 && minutes > 0)) {
      return Integer.MIN_VALUE;
    }
    final int seconds = hours * 3600 + minutes * 60;
    return sign == '+' ? seconds : -seconds;
  }

  /** The non-negative number written by {@code count} ASCII digits at {@code from}, or -1. */
  private static int digits(String s, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      final char c = s.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
