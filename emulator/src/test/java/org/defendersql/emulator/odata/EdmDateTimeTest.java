package org.defendersql.emulator.odata;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The service's date-time format: UTC, {@code Z}, 0–7 fraction digits with trailing zeros trimmed. */
class EdmDateTimeTest {

  @ParameterizedTest
  @CsvSource({
      "2021-01-26T20:33:57.7220239Z, 2021-01-26T20:33:57.7220239Z",
      "2021-01-25T07:27:36.052313Z, 2021-01-25T07:27:36.052313Z",
      "2020-07-20T10:53:50.190Z, 2020-07-20T10:53:50.19Z",
      "2021-01-26T20:33:59.2000000Z, 2021-01-26T20:33:59.2Z",
      "2019-12-18T08:02:54.000Z, 2019-12-18T08:02:54Z",
      "2019-12-18T08:02:54.0000001Z, 2019-12-18T08:02:54.0000001Z",
      "2019-12-18T08:02:54.000001Z, 2019-12-18T08:02:54.000001Z",
      "2019-12-18T08:02:54.00001Z, 2019-12-18T08:02:54.00001Z",
      "2019-12-18T08:02:54.0001Z, 2019-12-18T08:02:54.0001Z",
      "2019-12-18T08:02:54.001Z, 2019-12-18T08:02:54.001Z",
      "2019-12-18T08:02:54.01Z, 2019-12-18T08:02:54.01Z",
      "1970-01-01T00:00:00Z, 1970-01-01T00:00:00Z",
      "1969-12-31T23:59:59.9999999Z, 1969-12-31T23:59:59.9999999Z",
      "2024-02-29T23:59:59.5Z, 2024-02-29T23:59:59.5Z"})
  void formatsWithTrimmedFraction(String instant, String expected) {
    assertEquals(expected, EdmDateTime.format(Instant.parse(instant)));
  }

  @Test void formatDropsSubTickNanos() {
    assertEquals("2021-01-26T20:33:57.1234567Z", EdmDateTime.format(Instant.parse("2021-01-26T20:33:57.123456789Z")));
  }

  @Test void formatRoundTripsThroughIsoParsing() {
    final Random r = new Random(3);
    for (int i = 0; i < 10_000; i++) {
      final Instant t = Instant.ofEpochSecond(1_500_000_000L + r.nextInt(400_000_000), r.nextInt(10_000_000) * 100L);
      final String s = EdmDateTime.format(t);
      assertEquals(t, OffsetDateTime.parse(s).toInstant(), s);
      assertEquals(t, EdmDateTime.parseLiteral(s), s);
    }
  }
}
