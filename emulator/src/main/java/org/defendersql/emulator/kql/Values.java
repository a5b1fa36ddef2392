package org.defendersql.emulator.kql;

import java.time.Duration;
import java.time.Instant;
import org.defendersql.model.hunting.KqlType;

/**
 * Comparison of non-null KQL values of one type family: numbers across int, long and real; strings ordinally
 * (UTF-16 code units, as .NET's ordinal comparison); datetimes, timespans, bools and guids by value.
 */
final class Values {
  private Values() {
  }

  static boolean isNumeric(KqlType t) {
    return t == KqlType.INT || t == KqlType.LONG || t == KqlType.DOUBLE;
  }

  /** Whether values of the two types can be compared for equality. */
  static boolean comparable(KqlType a, KqlType b) {
    return a == b || (isNumeric(a) && isNumeric(b));
  }

  /** Whether values of the two types have an order for {@code <}, sorting, {@code between}. */
  static boolean orderable(KqlType a, KqlType b) {
    return comparable(a, b) && a != KqlType.DYNAMIC && a != KqlType.BOOL;
  }

  /** The type of arithmetic on two numbers: real if either is, else long if either is, else int. */
  static KqlType numericResult(KqlType a, KqlType b) {
    if (a == KqlType.DOUBLE || b == KqlType.DOUBLE) {
      return KqlType.DOUBLE;
    }
    return a == KqlType.LONG || b == KqlType.LONG ? KqlType.LONG : KqlType.INT;
  }

  /** Orders two non-null values of comparable types. */
  static int compare(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      if (x instanceof Double || y instanceof Double) {
        return Double.compare(x.doubleValue(), y.doubleValue());
      }
      return Long.compare(x.longValue(), y.longValue());
    }
    if (a instanceof String x && b instanceof String y) {
      return x.compareTo(y);
    }
    if (a instanceof Instant x && b instanceof Instant y) {
      return x.compareTo(y);
    }
    if (a instanceof Duration x && b instanceof Duration y) {
      return x.compareTo(y);
    }
    if (a instanceof Boolean x && b instanceof Boolean y) {
      return Boolean.compare(x, y);
    }
    throw new IllegalStateException("incomparable values " + a + " and " + b);
  }

  static boolean equal(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      if (x instanceof Double || y instanceof Double) {
        return x.doubleValue() == y.doubleValue();
      }
      return x.longValue() == y.longValue();
    }
    return a.equals(b);
  }

  /** A value of a type in its canonical Java class: ints as {@code Integer}, longs as {@code Long}, reals as Double. */
  static Object coerce(KqlType type, Object v) {
    if (v == null) {
      return null;
    }
    return switch (type) {
      case INT -> ((Number) v).intValue();
      case LONG -> ((Number) v).longValue();
      case DOUBLE -> ((Number) v).doubleValue();
      default -> v;
    };
  }
}
