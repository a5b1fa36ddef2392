package org.defendersql.emulator.kql;

import java.time.Duration;
import java.time.Instant;
import org.defendersql.model.hunting.KqlType;

/**
 * {@code + - * / %} on numbers, datetimes and timespans: int with int stays int, a long makes long, a real makes
 * real; integer division truncates and by zero is null; {@code datetime - datetime} is a timespan,
 * {@code datetime ± timespan} a datetime, a timespan scales by a number and divides into a real. A null operand
 * gives null.
 */
final class Arithmetic {
  private Arithmetic() {
  }

  static Compiled compile(Compiler c, String op, Compiled l, Compiled r) {
    final KqlType lt = l.type();
    final KqlType rt = r.type();
    final Compiled.Eval le = l.eval();
    final Compiled.Eval re = r.eval();
    final boolean constant = l.constant() && r.constant();
    if (Values.isNumeric(lt) && Values.isNumeric(rt)) {
      final KqlType t = Values.numericResult(lt, rt);
      return new Compiled(t, row -> numeric(op, t, (Number) le.eval(row), (Number) re.eval(row)), constant);
    }
    final Binary f = temporal(op, lt, rt);
    if (f == null) {
      throw c.error("the operator '" + op + "' is not defined for " + lt.kqlName() + " and " + rt.kqlName());
    }
    return new Compiled(resultType(op, lt, rt), row -> {
      final Object x = le.eval(row);
      final Object y = re.eval(row);
      return x == null || y == null ? null : f.apply(x, y);
    }, constant);
  }

  /** A binary operation on non-null values. */
  private interface Binary {
    Object apply(Object x, Object y);
  }

  private static Object numeric(String op, KqlType t, Number x, Number y) {
    if (x == null || y == null) {
      return null;
    }
    if (t == KqlType.DOUBLE) {
      final double a = x.doubleValue();
      final double b = y.doubleValue();
      return switch (op) {
        case "+" -> a + b;
        case "-" -> a - b;
        case "*" -> a * b;
        case "/" -> a / b;
        default -> a % b;
      };
    }
    final long a = x.longValue();
    final long b = y.longValue();
    final Long v = switch (op) {
      case "+" -> a + b;
      case "-" -> a - b;
      case "*" -> a * b;
      case "/" -> b == 0 ? null : a / b;
      default -> b == 0 ? null : a % b;
    };
    return v == null ? null : t == KqlType.INT ? (Object) v.intValue() : v;
  }

  private static KqlType resultType(String op, KqlType lt, KqlType rt) {
    if (lt == KqlType.DATETIME && rt == KqlType.DATETIME) {
      return KqlType.TIMESPAN;
    }
    if (lt == KqlType.DATETIME || rt == KqlType.DATETIME) {
      return KqlType.DATETIME;
    }
    if (op.equals("/") && lt == KqlType.TIMESPAN && rt == KqlType.TIMESPAN) {
      return KqlType.DOUBLE;
    }
    return KqlType.TIMESPAN;
  }

  private static Binary temporal(String op, KqlType lt, KqlType rt) {
    final boolean ld = lt == KqlType.DATETIME;
    final boolean rd = rt == KqlType.DATETIME;
    final boolean ls = lt == KqlType.TIMESPAN;
    final boolean rs = rt == KqlType.TIMESPAN;
    switch (op) {
      case "+":
        if (ld && rs) {
          return (x, y) -> ((Instant) x).plus((Duration) y);
        }
        if (ls && rd) {
          return (x, y) -> ((Instant) y).plus((Duration) x);
        }
        if (ls && rs) {
          return (x, y) -> ((Duration) x).plus((Duration) y);
        }
        return null;
      case "-":
        if (ld && rd) {
          return (x, y) -> Duration.between((Instant) y, (Instant) x);
        }
        if (ld && rs) {
          return (x, y) -> ((Instant) x).minus((Duration) y);
        }
        if (ls && rs) {
          return (x, y) -> ((Duration) x).minus((Duration) y);
        }
        return null;
      case "*":
        if (ls && Values.isNumeric(rt)) {
          return (x, y) -> scale((Duration) x, ((Number) y).doubleValue());
        }
        if (Values.isNumeric(lt) && rs) {
          return (x, y) -> scale((Duration) y, ((Number) x).doubleValue());
        }
        return null;
      case "/":
        if (ls && rs) {
          return (x, y) -> ((Duration) y).isZero() ? null
              : (double) ((Duration) x).toNanos() / ((Duration) y).toNanos();
        }
        if (ls && Values.isNumeric(rt)) {
          return (x, y) -> ((Number) y).doubleValue() == 0 ? null : scale((Duration) x, 1 / ((Number) y).doubleValue());
        }
        return null;
      default:
        return null;
    }
  }

  /** A timespan times a factor, at 100 ns precision. */
  private static Duration scale(Duration d, double factor) {
    final long ticks = (long) (d.toNanos() / 100 * factor);
    return Duration.ofNanos(ticks * 100);
  }
}
