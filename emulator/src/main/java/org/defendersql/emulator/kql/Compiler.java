package org.defendersql.emulator.kql;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.defendersql.emulator.kql.Ast.Expr;
import org.defendersql.model.hunting.KqlType;

/**
 * Type-checks scalar expressions against an input schema and compiles them for evaluation, with Kusto's null
 * rules: {@code ==} of a null and a value is false and {@code !=} true, of two nulls null; ordering comparisons,
 * arithmetic and {@code between} with a null are null; {@code and}/{@code or} are three-valued; strings are never
 * null. Names resolve case-sensitively, as in KQL.
 */
final class Compiler {
  private final List<KqlColumn> schema;
  private final String operator;
  private final Instant now;
  private final Functions functions;

  /**
   * @param operator the operator the expressions belong to, named in error messages ({@code where}, ...)
   * @param now      the value of {@code now()}, the same for the whole query
   */
  Compiler(List<KqlColumn> schema, String operator, Instant now) {
    this.schema = schema;
    this.operator = operator;
    this.now = now;
    this.functions = new Functions(this);
  }

  Instant now() {
    return now;
  }

  /** The column of this exact name, or -1. */
  int indexOf(String name) {
    for (int i = 0; i < schema.size(); i++) {
      if (schema.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  List<KqlColumn> schema() {
    return schema;
  }

  Compiled compile(Expr e) {
    if (e instanceof Ast.Literal l) {
      return Compiled.of(l.type(), l.value());
    }
    if (e instanceof Ast.ColumnRef c) {
      final int at = indexOf(c.name());
      if (at < 0) {
        throw error("Failed to resolve scalar expression named '" + c.name() + "'");
      }
      final KqlType t = schema.get(at).type();
      return new Compiled(t, row -> row[at], false);
    }
    if (e instanceof Ast.Binary b) {
      return binary(b).folded();
    }
    if (e instanceof Ast.Unary u) {
      return unary(u).folded();
    }
    if (e instanceof Ast.Call c) {
      return functions.call(c).folded();
    }
    if (e instanceof Ast.In in) {
      return in(in).folded();
    }
    if (e instanceof Ast.Between b) {
      return between(b).folded();
    }
    throw error("'*' can only be an argument of arg_max() or arg_min()");
  }

  /** A compiled boolean expression: fails when the expression has another type. */
  Compiled predicate(Expr e) {
    final Compiled c = compile(e);
    if (c.type() != KqlType.BOOL) {
      throw error("the predicate must be a bool, not " + c.type().kqlName());
    }
    return c;
  }

  KqlException error(String message) {
    return KqlException.semantic("'" + operator + "' operator: " + message);
  }

  private Compiled binary(Ast.Binary b) {
    final String op = b.op();
    final Compiled l = compile(b.left());
    final Compiled r = compile(b.right());
    final Compiled.Eval le = l.eval();
    final Compiled.Eval re = r.eval();
    final boolean constant = l.constant() && r.constant();
    switch (op) {
      case "and", "or" -> {
        if (l.type() != KqlType.BOOL || r.type() != KqlType.BOOL) {
          throw error("'" + op + "' expects bool operands, not " + l.type().kqlName() + " and " + r.type().kqlName());
        }
        final boolean and = op.equals("and");
        return new Compiled(KqlType.BOOL, row -> logic(and, (Boolean) le.eval(row), (Boolean) re.eval(row)),
            constant);
      }
      case "==", "!=" -> {
        requireComparable(op, l, r, false);
        final boolean eq = op.equals("==");
        return new Compiled(KqlType.BOOL, row -> {
          final Object x = le.eval(row);
          final Object y = re.eval(row);
          if (x == null && y == null) {
            return null;
          }
          if (x == null || y == null) {
            return !eq;
          }
          return Values.equal(x, y) == eq;
        }, constant);
      }
      case "<", "<=", ">", ">=" -> {
        requireComparable(op, l, r, true);
        return new Compiled(KqlType.BOOL, row -> {
          final Object x = le.eval(row);
          final Object y = re.eval(row);
          if (x == null || y == null) {
            return null;
          }
          final int c = Values.compare(x, y);
          return switch (op) {
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            default -> c >= 0;
          };
        }, constant);
      }
      case "matches regex" -> {
        requireStrings(op, l, r);
        if (!r.constant()) {
          throw KqlException.unsupported("'matches regex' with a pattern that is not a constant");
        }
        final Pattern p;
        try {
          p = Pattern.compile((String) r.value());
        } catch (PatternSyntaxException ex) {
          throw error("the regular expression is invalid: " + ex.getDescription());
        }
        return new Compiled(KqlType.BOOL, row -> p.matcher((String) le.eval(row)).find(), l.constant());
      }
      case "+", "-", "*", "/", "%" -> {
        return Arithmetic.compile(this, op, l, r);
      }
      default -> {
        requireStrings(op, l, r);
        final StringPredicate sp = stringPredicate(op);
        return new Compiled(KqlType.BOOL, row -> sp.test((String) le.eval(row), (String) re.eval(row)), constant);
      }
    }
  }

  /** A string operator as a test of its operands. */
  private interface StringPredicate {
    boolean test(String s, String t);
  }

  private StringPredicate stringPredicate(String op) {
    final boolean negated = op.startsWith("!");
    final String base = negated ? op.substring(1) : op;
    final boolean cs = base.endsWith("_cs");
    final String name = cs ? base.substring(0, base.length() - 3) : base;
    final StringPredicate p = switch (name) {
      case "=~" -> (s, t) -> s.equalsIgnoreCase(t);
      case "~" -> (s, t) -> s.equalsIgnoreCase(t);
      case "contains" -> (s, t) -> StringOps.contains(s, t, cs);
      case "startswith" -> (s, t) -> StringOps.startsWith(s, t, cs);
      case "endswith" -> (s, t) -> StringOps.endsWith(s, t, cs);
      case "has" -> (s, t) -> StringOps.has(s, t, cs, true, true);
      case "hasprefix" -> (s, t) -> StringOps.has(s, t, cs, true, false);
      case "hassuffix" -> (s, t) -> StringOps.has(s, t, cs, false, true);
      default -> throw error("unknown operator '" + op + "'");
    };
    // "!~" is the negation of "=~"; every "!x" negates "x".
    return negated ? (s, t) -> !p.test(s, t) : p;
  }

  private Compiled unary(Ast.Unary u) {
    final Compiled c = compile(u.operand());
    if (u.op().equals("+")) {
      if (!Values.isNumeric(c.type()) && c.type() != KqlType.TIMESPAN) {
        throw error("unary '+' expects a number or a timespan, not " + c.type().kqlName());
      }
      return c;
    }
    final Compiled.Eval e = c.eval();
    return switch (c.type()) {
      case INT -> new Compiled(KqlType.INT, row -> e.eval(row) == null ? null : -(Integer) e.eval(row), c.constant());
      case LONG -> new Compiled(KqlType.LONG, row -> e.eval(row) == null ? null : -(Long) e.eval(row), c.constant());
      case DOUBLE -> new Compiled(KqlType.DOUBLE, row -> e.eval(row) == null ? null : -(Double) e.eval(row),
          c.constant());
      case TIMESPAN -> new Compiled(KqlType.TIMESPAN, row -> e.eval(row) == null ? null
          : ((Duration) e.eval(row)).negated(), c.constant());
      default -> throw error("unary '-' expects a number or a timespan, not " + c.type().kqlName());
    };
  }

  private Compiled in(Ast.In in) {
    final Compiled v = compile(in.value());
    final List<Compiled> list = new ArrayList<>();
    final String op = (in.negated() ? "!" : "") + "in" + (in.ignoreCase() ? "~" : "");
    for (Expr x : in.list()) {
      final Compiled c = compile(x);
      if (in.ignoreCase()) {
        requireStrings(op, v, c);
      } else {
        requireComparable(op, v, c, false);
      }
      list.add(c);
    }
    final Compiled.Eval ve = v.eval();
    final boolean negated = in.negated();
    final boolean ignoreCase = in.ignoreCase();
    final boolean constant = v.constant() && list.stream().allMatch(Compiled::constant);
    return new Compiled(KqlType.BOOL, row -> {
      final Object x = ve.eval(row);
      if (x == null) {
        // A null is in no list: "in" is false and "!in" true, as == and != treat a null and a value.
        return negated;
      }
      for (Compiled c : list) {
        final Object y = c.eval().eval(row);
        if (y != null && (ignoreCase ? ((String) x).equalsIgnoreCase((String) y) : Values.equal(x, y))) {
          return !negated;
        }
      }
      return negated;
    }, constant);
  }

  private Compiled between(Ast.Between b) {
    final Compiled v = compile(b.value());
    final Compiled lo = compile(b.low());
    Compiled hi = compile(b.high());
    final String op = b.negated() ? "!between" : "between";
    if (v.type() == KqlType.DATETIME && lo.type() == KqlType.DATETIME && hi.type() == KqlType.TIMESPAN) {
      // datetime between (start .. span): the range is start to start + span.
      final Compiled.Eval le = lo.eval();
      final Compiled.Eval se = hi.eval();
      hi = new Compiled(KqlType.DATETIME, row -> le.eval(row) == null || se.eval(row) == null ? null
          : ((Instant) le.eval(row)).plus((Duration) se.eval(row)), lo.constant() && hi.constant());
    }
    if (v.type() == KqlType.STRING || !Values.orderable(v.type(), lo.type())
        || !Values.orderable(v.type(), hi.type())) {
      throw error("'" + op + "' expects a number, datetime or timespan range of the value's type, not "
          + v.type().kqlName() + " between (" + lo.type().kqlName() + " .. " + hi.type().kqlName() + ")");
    }
    final Compiled.Eval ve = v.eval();
    final Compiled.Eval le = lo.eval();
    final Compiled.Eval he = hi.eval();
    final boolean negated = b.negated();
    return new Compiled(KqlType.BOOL, row -> {
      final Object x = ve.eval(row);
      final Object l = le.eval(row);
      final Object h = he.eval(row);
      if (x == null || l == null || h == null) {
        return null;
      }
      final boolean inside = Values.compare(x, l) >= 0 && Values.compare(x, h) <= 0;
      return inside != negated;
    }, v.constant() && lo.constant() && hi.constant());
  }

  private void requireComparable(String op, Compiled l, Compiled r, boolean ordered) {
    final boolean ok = ordered ? Values.orderable(l.type(), r.type()) : Values.comparable(l.type(), r.type());
    if (!ok || l.type() == KqlType.DYNAMIC) {
      throw error("Cannot compare values of types " + l.type().kqlName() + " and " + r.type().kqlName()
          + " with '" + op + "'. Try adding explicit casts");
    }
  }

  void requireStrings(String op, Compiled l, Compiled r) {
    if (l.type() != KqlType.STRING || r.type() != KqlType.STRING) {
      throw error("'" + op + "' expects string operands, not " + l.type().kqlName() + " and "
          + r.type().kqlName());
    }
  }

  private static Boolean logic(boolean and, Boolean x, Boolean y) {
    if (and) {
      if (Boolean.FALSE.equals(x) || Boolean.FALSE.equals(y)) {
        return false;
      }
      return x == null || y == null ? null : true;
    }
    if (Boolean.TRUE.equals(x) || Boolean.TRUE.equals(y)) {
      return true;
    }
    return x == null || y == null ? null : false;
  }
}
