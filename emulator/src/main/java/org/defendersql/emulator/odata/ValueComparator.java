package org.defendersql.emulator.odata;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.defendersql.model.EdmType;

/**
 * Orders two non-null values of one property as the service does: strings ordinally (UTF-16 code units, like
 * .NET's ordinal comparison), enum members by declaration order, numbers numerically, GUIDs ignoring case.
 */
public final class ValueComparator {
  private ValueComparator() {
  }

  /** Compares two non-null values of the given type. */
  public static int compare(EdmType type, List<String> enumValues, Object a, Object b) {
    return switch (type) {
      case STRING -> ((String) a).compareTo((String) b);
      case ENUM -> Integer.compare(member(enumValues, (String) a), member(enumValues, (String) b));
      case GUID -> ((String) a).compareToIgnoreCase((String) b);
      case INT32, INT64 -> compareNumbers((Number) a, (Number) b);
      case DOUBLE -> Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
      case BOOLEAN -> Boolean.compare((Boolean) a, (Boolean) b);
      case DATE_TIME_OFFSET -> ((Instant) a).compareTo((Instant) b);
      case STRING_COLLECTION, COMPLEX_COLLECTION ->
          throw new IllegalArgumentException("collections are not ordered: " + type);
    };
  }

  /** Whether two non-null values of the type are equal; enum members ignore case. */
  public static boolean equal(EdmType type, List<String> enumValues, Object a, Object b) {
    return switch (type) {
      case STRING -> a.equals(b);
      case ENUM, GUID -> ((String) a).equalsIgnoreCase((String) b);
      default -> compare(type, enumValues, a, b) == 0;
    };
  }

  private static int compareNumbers(Number a, Number b) {
    if (!(a instanceof BigDecimal) && !(b instanceof BigDecimal)) {
      return Long.compare(a.longValue(), b.longValue());
    }
    return big(a).compareTo(big(b));
  }

  private static BigDecimal big(Number n) {
    return n instanceof BigDecimal d ? d : BigDecimal.valueOf(n.longValue());
  }

  /** The declaration index of an enum member, ignoring case; members not declared sort last. */
  private static int member(List<String> members, String value) {
    for (int i = 0; i < members.size(); i++) {
      if (members.get(i).equalsIgnoreCase(value)) {
        return i;
      }
    }
    return members.size();
  }
}
