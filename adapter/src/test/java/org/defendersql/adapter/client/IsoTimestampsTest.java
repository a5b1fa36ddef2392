package org.defendersql.adapter.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast DateTimeOffset reader answers exactly what {@code OffsetDateTime.parse} answers, value or error, for
 * the shapes the API sends and for random near misses of them.
 */
class IsoTimestampsTest {
  private static final String[] OFFSETS = {"Z", "z", "+00:00", "-00:00", "+05:30", "-08:00", "+18:00", "-18:00",
      "+18:01", "+19:00", "+05:60", "+0530", "+05", "", "+05:30:15", "Z ", " Z"};

  @Test void knownShapes() {
    for (String s : new String[] {"2020-07-20T10:53:50Z", "2020-07-20T10:53:50.1Z", "2020-07-20T10:53:50.1999999Z",
        "2020-07-20T10:53:50.123456789Z", "2020-07-20T10:53:50.Z", "1969-12-31T23:59:59.999Z", "1900-01-01T00:00:00.0005+01:00",
        "2024-02-29T23:59:59.999-05:00", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.9999999Z"}) {
      assertEquals(OffsetDateTime.parse(s).toInstant().toEpochMilli(), IsoTimestamps.epochMillis(s), s);
    }
  }

  @Test void invalidTextIsTheParsersError() {
    for (String s : new String[] {"2023-02-29T10:00:00Z", "2020-13-01T00:00:00Z", "2020-07-20T24:00:00Z",
        "2020-07-20T10:60:00Z", "2020-07-20T10:53:60Z", "2020-07-20 10:53:50Z", "2020-07-20T10:53:50",
        "2020-07-20T10:53:50.1234567890Z", "20-07-20T10:53:50Z", "", "yesterday"}) {
      assertThrows(DateTimeParseException.class, () -> IsoTimestamps.epochMillis(s), s);
    }
  }

  /** Random dates, times, fractions and offsets, valid or just out of range, and random single-character edits. */
  @Test void agreesWithOffsetDateTimeOnRandomText() {
    final long seed = System.nanoTime();
    final Random r = new Random(seed);
    int valid = 0;
    for (int i = 0; i < 50_000; i++) {
      String s = String.format(java.util.Locale.ROOT, "%04d-%02d-%02dT%02d:%02d:%02d%s%s", r.nextInt(10_000),
          r.nextInt(14), r.nextInt(33), r.nextInt(26), r.nextInt(62), r.nextInt(62), fraction(r),
          OFFSETS[r.nextInt(OFFSETS.length)]);
      if (r.nextInt(4) == 0) {
        final char[] c = s.toCharArray();
        c[r.nextInt(c.length)] = "0123456789-:T.Z+ xé".charAt(r.nextInt(19));
        s = new String(c);
      }
      Long expected;
      try {
        expected = OffsetDateTime.parse(s).toInstant().toEpochMilli();
        valid++;
      } catch (DateTimeException e) {
        expected = null;
      }
      Long actual;
      try {
        actual = IsoTimestamps.epochMillis(s);
      } catch (DateTimeParseException e) {
        actual = null;
      }
      assertEquals(expected, actual, "'" + s + "' (seed " + seed + ")");
    }
    assertTrue(valid > 2_500, "too few valid texts to mean anything: " + valid + " (seed " + seed + ")");
  }

  private static String fraction(Random r) {
    final int digits = r.nextInt(12) - 1;
    if (digits < 0) {
      return "";
    }
    final StringBuilder b = new StringBuilder(".");
    for (int i = 0; i < digits; i++) {
      b.append((char) ('0' + r.nextInt(10)));
    }
    return b.toString();
  }
}
