package org.defendersql.server;

import java.math.BigDecimal;
import java.sql.JDBCType;
import java.sql.ParameterMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.ColumnMetaData.Rep;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * Converts the parameter values a client sends to the types of the statement's parameters, as SQL converts a
 * literal. Calcite runs a parameter with the value's own Java class, so a {@code Long} bound to {@code LIMIT ?}
 * (jOOQ binds every limit with {@code setLong}) failed with a {@code ClassCastException} deep in execution, and
 * so did text bound to a TIMESTAMP. Here: whole numbers of any Java type or as text into integer parameters
 * (range checked), numbers into decimal and floating ones, ISO-8601 text into TIMESTAMP (without an offset it
 * is UTC, the server's zone), and anything that cannot be converted refused with SQLState 22xxx naming the
 * parameter.
 */
final class ParameterCoercion {
  private static final Pattern SQL_TIMESTAMP = Pattern.compile("\\d{4}-\\d\\d-\\d\\d \\d.*");
  private static final long MILLIS_PER_DAY = 86_400_000L;

  private ParameterCoercion() {
  }

  /** The values converted to the parameters' types; values of other types pass as they are. */
  static List<TypedValue> coerce(List<TypedValue> values, ParameterMetaData parameters) throws SQLException {
    final List<TypedValue> out = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      final int type = i < parameters.getParameterCount() ? parameters.getParameterType(i + 1) : Types.OTHER;
      out.add(coerce(i + 1, values.get(i), type));
    }
    return out;
  }

  static TypedValue coerce(int index, TypedValue v, int sqlType) {
    if (v == null || v.value == null) {
      return v;
    }
    return switch (sqlType) {
      case Types.TINYINT ->
          TypedValue.ofLocal(Rep.BYTE, (byte) whole(index, v, sqlType, Byte.MIN_VALUE, Byte.MAX_VALUE));
      case Types.SMALLINT -> TypedValue.ofLocal(Rep.SHORT,
          (short) whole(index, v, sqlType, Short.MIN_VALUE, Short.MAX_VALUE));
      case Types.INTEGER -> TypedValue.ofLocal(Rep.INTEGER,
          (int) whole(index, v, sqlType, Integer.MIN_VALUE, Integer.MAX_VALUE));
      case Types.BIGINT -> TypedValue.ofLocal(Rep.LONG, whole(index, v, sqlType, Long.MIN_VALUE, Long.MAX_VALUE));
      case Types.DECIMAL, Types.NUMERIC -> TypedValue.ofLocal(Rep.NUMBER, decimal(index, v, sqlType));
      case Types.DOUBLE, Types.FLOAT -> TypedValue.ofLocal(Rep.DOUBLE, decimal(index, v, sqlType).doubleValue());
      case Types.REAL -> TypedValue.ofLocal(Rep.FLOAT, decimal(index, v, sqlType).floatValue());
      case Types.VARCHAR, Types.CHAR, Types.LONGVARCHAR, Types.NVARCHAR, Types.NCHAR -> text(index, v, sqlType);
      case Types.BOOLEAN, Types.BIT -> TypedValue.ofLocal(Rep.BOOLEAN, bool(index, v, sqlType));
      case Types.TIMESTAMP -> timestamp(index, v);
      default -> v;
    };
  }

  private static long whole(int index, TypedValue v, int sqlType, long min, long max) {
    final BigDecimal d = decimal(index, v, sqlType);
    final BigDecimal integral;
    try {
      integral = new BigDecimal(d.toBigIntegerExact());
    } catch (ArithmeticException e) {
      throw refused(index, v, sqlType, "not a whole number", SqlStates.INVALID_CHARACTER_VALUE_FOR_CAST);
    }
    if (integral.compareTo(BigDecimal.valueOf(min)) < 0 || integral.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw refused(index, v, sqlType, "out of range (" + min + " to " + max + ")",
          SqlStates.NUMERIC_VALUE_OUT_OF_RANGE);
    }
    return integral.longValueExact();
  }

  private static BigDecimal decimal(int index, TypedValue v, int sqlType) {
    final Object o = v.toLocal();
    try {
      if (o instanceof BigDecimal d) {
        return d;
      }
      if (o instanceof Double || o instanceof Float) {
        return new BigDecimal(o.toString());
      }
      if (o instanceof Number n) {
        return BigDecimal.valueOf(n.longValue());
      }
      if (o instanceof String s) {
        return new BigDecimal(s.trim());
      }
    } catch (NumberFormatException e) {
      // Refused below, naming the value.
    }
    throw refused(index, v, sqlType, "not a number", SqlStates.INVALID_CHARACTER_VALUE_FOR_CAST);
  }

  private static TypedValue text(int index, TypedValue v, int sqlType) {
    final Object o = v.toLocal();
    if (o instanceof String) {
      return v;
    }
    if (o instanceof Number || o instanceof Boolean || o instanceof Character) {
      return TypedValue.ofLocal(Rep.STRING, o.toString());
    }
    throw refused(index, v, sqlType, "not text", SqlStates.INVALID_CHARACTER_VALUE_FOR_CAST);
  }

  private static boolean bool(int index, TypedValue v, int sqlType) {
    final Object o = v.toLocal();
    if (o instanceof Boolean b) {
      return b;
    }
    if (o instanceof String s && (s.trim().equalsIgnoreCase("true") || s.trim().equalsIgnoreCase("false"))) {
      return Boolean.parseBoolean(s.trim());
    }
    throw refused(index, v, sqlType, "not true or false", SqlStates.INVALID_CHARACTER_VALUE_FOR_CAST);
  }

  /** A TIMESTAMP's wire form is the UTC wall clock in milliseconds, as the server's calendar reads it. */
  private static TypedValue timestamp(int index, TypedValue v) {
    switch (v.type) {
    case JAVA_SQL_TIMESTAMP, JAVA_UTIL_DATE:
      return v;
    case JAVA_SQL_DATE:
      return TypedValue.ofSerial(Rep.JAVA_SQL_TIMESTAMP, ((Number) v.value).longValue() * MILLIS_PER_DAY);
    default:
      break;
    }
    if (!(v.toLocal() instanceof String s)) {
      throw refused(index, v, Types.TIMESTAMP, "not a timestamp; bind a java.sql.Timestamp or ISO-8601 text such"
          + " as 2026-10-01T00:00:00Z", SqlStates.INVALID_DATETIME_FORMAT);
    }
    final LocalDateTime utc = parse(s.trim());
    if (utc == null) {
      throw refused(index, v, Types.TIMESTAMP, "not an ISO-8601 timestamp such as 2026-10-01T00:00:00Z,"
          + " 2026-10-01T02:00:00+02:00 or 2026-10-01 00:00:00 (UTC)", SqlStates.INVALID_DATETIME_FORMAT);
    }
    return TypedValue.ofSerial(Rep.JAVA_SQL_TIMESTAMP, utc.toInstant(ZoneOffset.UTC).toEpochMilli());
  }

  /** The UTC wall clock of ISO-8601 text (an offset converts to UTC, none means UTC), or null. */
  private static LocalDateTime parse(String s) {
    final String iso = SQL_TIMESTAMP.matcher(s).matches() ? s.replaceFirst(" ", "T") : s;
    try {
      return OffsetDateTime.parse(iso).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
    } catch (DateTimeParseException e) {
      // Not with an offset; try with a zone (ZonedDateTime's text), then without.
    }
    try {
      return ZonedDateTime.parse(iso).withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime();
    } catch (DateTimeParseException e) {
      // Not with a zone either.
    }
    try {
      return LocalDateTime.parse(iso);
    } catch (DateTimeParseException e) {
      // Not a date-time; try a date.
    }
    try {
      return LocalDate.parse(iso).atStartOfDay();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static ClientError refused(int index, TypedValue v, int sqlType, String why, String sqlState) {
    final String value = String.valueOf(v.toLocal());
    final String shown = value.length() > 100 ? value.substring(0, 100) + "..." : value;
    return new ClientError("Cannot use " + (v.toLocal() instanceof String ? "'" + shown + "'" : shown) + " ("
        + v.type + ") for parameter " + index + " of type " + name(sqlType) + ": " + why + ".", sqlState);
  }

  private static String name(int sqlType) {
    try {
      return JDBCType.valueOf(sqlType).getName();
    } catch (IllegalArgumentException e) {
      return "type " + sqlType;
    }
  }
}
