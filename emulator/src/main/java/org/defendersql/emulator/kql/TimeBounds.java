package org.defendersql.emulator.kql;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.defendersql.model.hunting.KqlType;

/**
 * The range of the time column a query's leading {@code where} operators admit ({@code Timestamp > ago(1d)},
 * {@code Timestamp between (a .. b)}, conjunctions of these): a superset the source may restrict its reading to.
 * The predicates themselves are still evaluated, so this only saves generating rows no answer needs.
 *
 * @param from the least time admitted (inclusive), or null
 * @param to   the time all admitted rows are before (exclusive), or null
 */
record TimeBounds(Instant from, Instant to) {
  private static final Duration TICK = Duration.ofNanos(100);

  /**
   * The bounds of a query's leading {@code where} operators on a time column.
   *
   * @param timeColumn the time column of every table the query reads, or null (no bounds)
   */
  static TimeBounds of(Ast.Query q, String timeColumn, List<KqlColumn> schema, Instant now) {
    TimeBounds b = new TimeBounds(null, null);
    if (timeColumn == null) {
      return b;
    }
    for (Ast.Op op : q.operators()) {
      if (!(op instanceof Ast.Where w)) {
        break;
      }
      b = b.and(w.predicate(), timeColumn, new Compiler(schema, "where", now));
    }
    return b;
  }

  private TimeBounds and(Ast.Expr e, String column, Compiler c) {
    if (e instanceof Ast.Binary b && b.op().equals("and")) {
      return and(b.left(), column, c).and(b.right(), column, c);
    }
    if (e instanceof Ast.Between bt && !bt.negated() && isColumn(bt.value(), column)) {
      final Instant lo = constant(bt.low(), c);
      Instant hi = constant(bt.high(), c);
      if (hi == null && lo != null && constantSpan(bt.high(), c) != null) {
        hi = lo.plus(constantSpan(bt.high(), c));
      }
      return new TimeBounds(later(from, lo), earlier(to, hi == null ? null : hi.plus(TICK)));
    }
    if (e instanceof Ast.Binary b) {
      String op = b.op();
      Ast.Expr other;
      if (isColumn(b.left(), column)) {
        other = b.right();
      } else if (isColumn(b.right(), column)) {
        other = b.left();
        op = switch (op) {
          case "<" -> ">";
          case "<=" -> ">=";
          case ">" -> "<";
          case ">=" -> "<=";
          default -> op;
        };
      } else {
        return this;
      }
      final Instant v = constant(other, c);
      if (v == null) {
        return this;
      }
      return switch (op) {
        case ">", ">=" -> new TimeBounds(later(from, v), to);
        case "<" -> new TimeBounds(from, earlier(to, v));
        case "<=" -> new TimeBounds(from, earlier(to, v.plus(TICK)));
        case "==" -> new TimeBounds(later(from, v), earlier(to, v.plus(TICK)));
        default -> this;
      };
    }
    return this;
  }

  private static boolean isColumn(Ast.Expr e, String column) {
    return e instanceof Ast.ColumnRef r && r.name().equals(column);
  }

  /** The value of a constant datetime expression, or null when it is not one. */
  private static Instant constant(Ast.Expr e, Compiler c) {
    try {
      final Compiled v = c.compile(e);
      return v.constant() && v.type() == KqlType.DATETIME ? (Instant) v.value() : null;
    } catch (KqlException ex) {
      // The stage compiler reports it; here it only means no bound.
      return null;
    }
  }

  private static Duration constantSpan(Ast.Expr e, Compiler c) {
    try {
      final Compiled v = c.compile(e);
      return v.constant() && v.type() == KqlType.TIMESPAN ? (Duration) v.value() : null;
    } catch (KqlException ex) {
      return null;
    }
  }

  static Instant later(Instant a, Instant b) {
    return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
  }

  static Instant earlier(Instant a, Instant b) {
    return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
  }
}
