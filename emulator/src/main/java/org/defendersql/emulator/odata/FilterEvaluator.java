package org.defendersql.emulator.odata;

import java.util.List;
import org.defendersql.emulator.odata.FilterExpr.And;
import org.defendersql.emulator.odata.FilterExpr.Any;
import org.defendersql.emulator.odata.FilterExpr.BoolCompare;
import org.defendersql.emulator.odata.FilterExpr.Compare;
import org.defendersql.emulator.odata.FilterExpr.Constant;
import org.defendersql.emulator.odata.FilterExpr.Not;
import org.defendersql.emulator.odata.FilterExpr.Operand;
import org.defendersql.emulator.odata.FilterExpr.Or;
import org.defendersql.emulator.odata.FilterExpr.StartsWith;

/**
 * Evaluates a {@link FilterExpr} on a row with .NET's lifted-null semantics: {@code eq null} matches nulls,
 * {@code ne 'x'} matches nulls, any ordering comparison involving null is false.
 */
public final class FilterEvaluator {
  private FilterEvaluator() {
  }

  /** Whether the row (values in model column order) satisfies the expression. */
  public static boolean test(FilterExpr expr, Object[] row) {
    return test(expr, row, null);
  }

  private static boolean test(FilterExpr expr, Object[] row, String rangeValue) {
    if (expr instanceof Compare c) {
      return compare(c, value(c.operand(), row, rangeValue));
    } else if (expr instanceof And a) {
      return test(a.left(), row, rangeValue) && test(a.right(), row, rangeValue);
    } else if (expr instanceof Or o) {
      return test(o.left(), row, rangeValue) || test(o.right(), row, rangeValue);
    } else if (expr instanceof Not n) {
      return !test(n.operand(), row, rangeValue);
    } else if (expr instanceof Constant k) {
      return k.value();
    } else if (expr instanceof BoolCompare b) {
      return (test(b.expr(), row, rangeValue) == b.value()) == b.equal();
    } else if (expr instanceof StartsWith s) {
      final Object v = value(s.operand(), row, rangeValue);
      return v != null && ((String) v).startsWith(s.prefix());
    } else if (expr instanceof Any any) {
      final List<?> items = (List<?>) row[any.collection().index()];
      if (items == null) {
        return false;
      }
      if (any.body() == null) {
        return !items.isEmpty();
      }
      for (Object item : items) {
        if (test(any.body(), row, (String) item)) {
          return true;
        }
      }
      return false;
    }
    throw new IllegalStateException("unknown filter node " + expr);
  }

  private static Object value(Operand operand, Object[] row, String rangeValue) {
    return operand instanceof Operand.Property p ? row[p.index()] : rangeValue;
  }

  private static boolean compare(Compare c, Object actual) {
    final Object expected = c.value();
    if (actual == null || expected == null) {
      final boolean bothNull = actual == null && expected == null;
      return switch (c.op()) {
        case EQ -> bothNull;
        case NE -> !bothNull;
        default -> false;
      };
    }
    final Operand o = c.operand();
    return switch (c.op()) {
      case EQ -> ValueComparator.equal(o.type(), o.enumValues(), actual, expected);
      case NE -> !ValueComparator.equal(o.type(), o.enumValues(), actual, expected);
      default -> c.op().accepts(ValueComparator.compare(o.type(), o.enumValues(), actual, expected));
    };
  }
}
