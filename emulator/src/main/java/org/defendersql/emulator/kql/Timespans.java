package org.defendersql.emulator.kql;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * KQL timespans: {@code 1d}, {@code 1.5h}, {@code 100ms} literals, the {@code timespan(...)} forms
 * ({@code timespan(null)}, {@code timespan(1.02:03:04.5)}) and .NET's constant format that answers carry
 * ({@code [-][d.]hh:mm:ss[.fffffff]}), all at Kusto's 100 ns precision.
 */
public final class Timespans {
  private Timespans() {
  }

  private static final Pattern CLOCK = Pattern.compile(
      "(-)?(?:(\\d+)\\.)?(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,7}))?)?");
  private static final Pattern UNITS = Pattern.compile("(\\d+(?:\\.\\d+)?)([a-z]+)");

  /** A number of units ({@code "1.5"} of 3,600 s), truncated to 100 ns. */
  static Duration ofUnits(String number, long nanosPerUnit) {
    final long nanos = new BigDecimal(number).multiply(BigDecimal.valueOf(nanosPerUnit)).longValue();
    return Duration.ofNanos(nanos - nanos % 100);
  }

  /** The value of {@code timespan(text)}: null for {@code null}; a unit literal or the clock form otherwise. */
  static Duration parse(String text, String query, int offset) {
    final String t = text.trim();
    if (t.equals("null")) {
      return null;
    }
    final Matcher u = UNITS.matcher(t);
    if (u.matches()) {
      final Duration d = KqlLexer.tokens(t).get(0).value() instanceof Duration dd ? dd : null;
      if (d != null) {
        return d;
      }
    }
    final Matcher m = CLOCK.matcher(t);
    if (m.matches()) {
      final long days = m.group(2) == null ? 0 : Long.parseLong(m.group(2));
      final int hours = Integer.parseInt(m.group(3));
      final int minutes = Integer.parseInt(m.group(4));
      final int seconds = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
      if (hours < 24 && minutes < 60 && seconds < 60) {
        long ticks = m.group(6) == null ? 0 : Long.parseLong((m.group(6) + "000000").substring(0, 7));
        Duration d = Duration.ofDays(days).plusHours(hours).plusMinutes(minutes).plusSeconds(seconds)
            .plusNanos(ticks * 100);
        return m.group(1) != null ? d.negated() : d;
      }
    }
    throw KqlException.syntax(query, offset, "timespan(" + text + ")", "not a valid timespan literal");
  }

  /** .NET's constant ("c") format of a timespan, as hunting answers carry it: {@code 1.02:03:04.5000000}. */
  public static String format(Duration d) {
    final StringBuilder b = new StringBuilder();
    Duration x = d;
    if (x.isNegative()) {
      b.append('-');
      x = x.negated();
    }
    final long days = x.toDays();
    if (days > 0) {
      b.append(days).append('.');
    }
    b.append(String.format(Locale.ROOT, "%02d:%02d:%02d", x.toHoursPart(), x.toMinutesPart(), x.toSecondsPart()));
    final int ticks = x.toNanosPart() / 100;
    if (ticks != 0) {
      b.append(String.format(Locale.ROOT, ".%07d", ticks));
    }
    return b.toString();
  }
}
