package org.defendersql.adapter.odata;

import java.math.BigDecimal;
import java.time.Instant;
import org.defendersql.model.EdmType;

/**
 * The one way SQL values become OData literals in a {@code $filter}. Strings and enum members are quoted with
 * {@code '} and an embedded {@code '} doubled; numbers are bare; date-times are unquoted ISO-8601 in UTC with
 * {@code Z}; GUIDs are unquoted. URL encoding is not done here: the HTTP client encodes the whole option value.
 */
public final class ODataLiterals {
  private ODataLiterals() {
  }

  /** The literal of a value for a property of the given type; null becomes {@code null}. */
  public static String literal(Object value, EdmType type) {
    if (value == null) {
      return "null";
    }
    return switch (type) {
      case STRING, ENUM, STRING_COLLECTION -> string(value.toString());
      case GUID -> guid(value.toString());
      case INT32, INT64 -> integer(value);
      case DOUBLE -> decimal(value);
      case BOOLEAN -> ((Boolean) value) ? "true" : "false";
      case DATE_TIME_OFFSET -> dateTime(((Number) value).longValue());
      case COMPLEX_COLLECTION -> throw new IllegalArgumentException("no literal for a complex collection");
    };
  }

  /** A quoted string: {@code O'Brien} becomes {@code 'O''Brien'}. */
  public static String string(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  /** A date-time at the given epoch millisecond, e.g. {@code 2026-11-01T00:00:00.123Z}. */
  public static String dateTime(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).toString();
  }

  /** A GUID, unquoted; anything but a GUID is refused, since it would not be one literal. */
  public static String guid(String s) {
    if (!s.matches("[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}")) {
      throw new IllegalArgumentException("not a GUID: " + s);
    }
    return s;
  }

  private static String integer(Object value) {
    if (value instanceof BigDecimal d) {
      return d.toBigIntegerExact().toString();
    }
    return Long.toString(((Number) value).longValue());
  }

  private static String decimal(Object value) {
    final BigDecimal d = value instanceof BigDecimal b ? b : new BigDecimal(value.toString());
    return d.toPlainString();
  }
}
