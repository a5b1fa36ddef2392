package org.defendersql.emulator.http;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.defendersql.emulator.kql.DateTimes;
import org.defendersql.model.hunting.HuntingModel;

/**
 * Graph's {@code Timespan}: an ISO 8601 interval {@code start/end}, {@code duration/end}, {@code start/duration},
 * a duration ending now, or a start alone (ending now); absent, the last 30 days. The window is {@code [from, to)}.
 * Durations are {@code PnW}, {@code PnD}, {@code PTnHnMnS} and their combinations, months and years counted on
 * the calendar from the other end.
 */
final class HuntingTimespan {
  private HuntingTimespan() {
  }

  /** A time window, start inclusive, end exclusive. */
  record Window(Instant from, Instant to) {
  }

  /** A Timespan the service cannot read. */
  static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;

    Invalid(String message) {
      super(message);
    }
  }

  static Window parse(String timespan, Instant now) throws Invalid {
    if (timespan == null) {
      return new Window(now.minus(HuntingModel.DATA_WINDOW), now);
    }
    final String t = timespan.trim();
    final int slash = t.indexOf('/');
    final Window w;
    if (slash < 0) {
      if (isDuration(t)) {
        w = new Window(minus(now, t, timespan), now);
      } else {
        w = new Window(instant(t, timespan), now);
      }
    } else {
      final String a = t.substring(0, slash).trim();
      final String b = t.substring(slash + 1).trim();
      if (isDuration(a) && isDuration(b)) {
        throw invalid(timespan);
      }
      if (isDuration(a)) {
        final Instant end = instant(b, timespan);
        w = new Window(minus(end, a, timespan), end);
      } else if (isDuration(b)) {
        final Instant start = instant(a, timespan);
        w = new Window(start, plus(start, b, timespan));
      } else {
        w = new Window(instant(a, timespan), instant(b, timespan));
      }
    }
    if (!w.from().isBefore(w.to())) {
      throw new Invalid("The Timespan '" + timespan + "' is empty: its start is not before its end.");
    }
    return w;
  }

  private static boolean isDuration(String s) {
    return s.startsWith("P") || s.startsWith("p");
  }

  private static Instant instant(String s, String whole) throws Invalid {
    final Instant i = DateTimes.parseIso(s);
    if (i == null) {
      throw invalid(whole);
    }
    return i;
  }

  private static Instant minus(Instant t, String d, String whole) throws Invalid {
    final Object amount = duration(d, whole);
    return amount instanceof Duration dd ? t.minus(dd)
        : t.atOffset(ZoneOffset.UTC).minus((Period) amount).toInstant();
  }

  private static Instant plus(Instant t, String d, String whole) throws Invalid {
    final Object amount = duration(d, whole);
    return amount instanceof Duration dd ? t.plus(dd)
        : t.atOffset(ZoneOffset.UTC).plus((Period) amount).toInstant();
  }

  /** A {@code Duration} for day and time forms, a {@code Period} when it has years or months. */
  private static Object duration(String d, String whole) throws Invalid {
    final String u = d.toUpperCase(Locale.ROOT);
    try {
      final int t = u.indexOf('T');
      final String datePart = t < 0 ? u : u.substring(0, t);
      if (datePart.matches("P(\\d+W)?") && (datePart.length() > 1 || t >= 0)) {
        final long weeks = datePart.length() > 1 ? Long.parseLong(datePart.substring(1, datePart.length() - 1)) : 0;
        final Duration rest = t < 0 ? Duration.ZERO : Duration.parse("P" + u.substring(t));
        return Duration.ofDays(7 * weeks).plus(rest);
      }
      if (datePart.contains("Y") || datePart.contains("M")) {
        if (t >= 0) {
          throw invalid(whole);
        }
        return Period.parse(u);
      }
      final Duration parsed = Duration.parse(u);
      if (parsed.isNegative() || parsed.isZero()) {
        throw invalid(whole);
      }
      return parsed;
    } catch (DateTimeParseException | NumberFormatException e) {
      throw invalid(whole);
    }
  }

  private static Invalid invalid(String whole) {
    return new Invalid("The Timespan '" + whole + "' is not a valid ISO 8601 time interval: use start/end, "
        + "duration/end, start/duration, a duration (such as P30D) or a start date-time.");
  }
}
