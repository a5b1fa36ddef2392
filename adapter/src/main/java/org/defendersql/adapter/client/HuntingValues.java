package org.defendersql.adapter.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import org.defendersql.adapter.kql.KqlColumn;

/**
 * Reads one value of a hunting answer as the Java value Calcite expects for its column: String, Integer, Long,
 * Double, Boolean, epoch milliseconds (UTC, the ticks cut to the millisecond) for date-times, JSON text for
 * dynamic values. KQL strings are never null; an empty one is read as SQL NULL (see the hunting documentation).
 * Numbers and booleans are also accepted written as strings, which JSON writers of 64-bit integers do.
 */
final class HuntingValues {
  private HuntingValues() {
  }

  static Object read(JsonParser p, KqlColumn column, JsonFactory factory, Target target) throws IOException {
    final JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    try {
      return switch (column.type()) {
        case STRING, GUID, TIMESPAN, DYNAMIC -> text(p, t, factory);
        case LONG -> integer(p, t);
        case INT -> {
          final Long v = integer(p, t);
          yield v == null ? null : Math.toIntExact(v);
        }
        case DOUBLE -> t == JsonToken.VALUE_STRING ? blankOr(p.getText(), Double::parseDouble) : number(p, t)
            .doubleValue();
        case BOOL -> bool(p, t);
        case DATETIME -> t == JsonToken.VALUE_STRING ? blankOr(p.getText(), HuntingValues::epochMillis)
            : unexpected(t);
      };
    } catch (IllegalArgumentException | ArithmeticException | DateTimeParseException e) {
      throw new DefenderException(ErrorKind.BROKEN_ANSWER, "The hunting service sent " + describe(p, t)
          + " for " + column.name() + " of " + target.table() + ", which is not a " + column.type().kqlName()
          + " (" + target.requestLine() + ").", e);
    }
  }

  private static String describe(JsonParser p, JsonToken t) throws IOException {
    return t.isScalarValue() ? "'" + p.getText() + "'" : "a " + t;
  }

  private static Object unexpected(JsonToken t) {
    throw new IllegalArgumentException("unexpected " + t);
  }

  private static String text(JsonParser p, JsonToken t, JsonFactory factory) throws IOException {
    if (t.isScalarValue()) {
      final String s = p.getText();
      return s.isEmpty() ? null : s;
    }
    final StringWriter w = new StringWriter();
    try (JsonGenerator g = factory.createGenerator(w)) {
      g.copyCurrentStructure(p);
    }
    return w.toString();
  }

  private static Number number(JsonParser p, JsonToken t) throws IOException {
    if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
      throw new IllegalArgumentException("not a number");
    }
    return p.getNumberValue();
  }

  private static Long integer(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_STRING) {
      return blankOr(p.getText(), s -> Long.parseLong(s.trim()));
    }
    if (t == JsonToken.VALUE_NUMBER_INT) {
      return p.getLongValue();
    }
    final double d = number(p, t).doubleValue();
    if (d != Math.rint(d)) {
      throw new IllegalArgumentException("not a whole number");
    }
    return (long) d;
  }

  private static Boolean bool(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
      return t == JsonToken.VALUE_TRUE;
    }
    if (t == JsonToken.VALUE_NUMBER_INT) {
      return p.getLongValue() != 0;
    }
    if (t == JsonToken.VALUE_STRING) {
      return blankOr(p.getText(), s -> switch (s.trim().toLowerCase(Locale.ROOT)) {
        case "true", "1" -> true;
        case "false", "0" -> false;
        default -> throw new IllegalArgumentException("not a bool");
      });
    }
    throw new IllegalArgumentException("not a bool");
  }

  private static <T> T blankOr(String s, java.util.function.Function<String, T> parse) {
    return s.isBlank() ? null : parse.apply(s);
  }

  /**
   * A KQL date-time ({@code 2024-05-25T08:20:03.1234567Z}, up to 7 fraction digits; without an offset it is UTC)
   * as epoch milliseconds, rounded toward the past as SQL's {@code TIMESTAMP(3)} holds it.
   */
  static long epochMillis(String text) {
    final TemporalAccessor t = DateTimeFormatter.ISO_DATE_TIME.parse(text.trim());
    final Instant instant = t.isSupported(ChronoField.OFFSET_SECONDS) ? Instant.from(t)
        : LocalDateTime.from(t).toInstant(ZoneOffset.UTC);
    return instant.toEpochMilli();
  }
}
