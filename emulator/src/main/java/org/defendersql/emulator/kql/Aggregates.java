package org.defendersql.emulator.kql;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.defendersql.model.hunting.KqlType;

/**
 * The aggregate functions of {@code summarize}: {@code count()}, {@code countif()}, {@code sum}, {@code min},
 * {@code max}, {@code avg}, {@code dcount} (exact here, an estimate in the service), {@code make_set},
 * {@code take_anyif}, {@code arg_max}/{@code arg_min} with {@code *} or columns. Nulls are ignored; an aggregate of
 * no values is null, except counts (0) and {@code make_set} ({@code []}).
 */
final class Aggregates {
  private Aggregates() {
  }

  /**
   * A compiled aggregate: the columns it adds to the output (named when it was written as {@code name = ...};
   * otherwise the name Kusto gives: {@code count_}, {@code sum_X}, or for {@code arg_max} the columns returned)
   * and a factory of accumulators, one per group.
   */
  record Spec(List<KqlColumn> columns, boolean named, Supplier<Acc> factory) {
  }

  /** Accumulates one group's rows. */
  interface Acc {
    void add(Object[] row);

    /** Writes the aggregate's values at {@code out[at..]}. */
    void result(Object[] out, int at);
  }

  /**
   * Compiles an aggregate call.
   *
   * @param byNames the names of the group-by columns, which {@code arg_max(x, *)} does not repeat
   */
  static Spec compile(Compiler c, Ast.Named named, Set<String> byNames) {
    if (!(named.expr() instanceof Ast.Call call) || !Functions.AGGREGATES.contains(call.name())) {
      throw c.error("'summarize' expects aggregate functions such as count() or sum(x) before 'by', not an "
          + "expression of them");
    }
    final String fn = call.name();
    final List<Ast.Expr> args = call.args();
    switch (fn) {
      case "count": {
        arity(c, fn, args, 0, 0);
        return single(named, "count_", KqlType.LONG, () -> new Acc() {
          long n;

          @Override
          public void add(Object[] row) {
            n++;
          }

          @Override
          public void result(Object[] out, int at) {
            out[at] = n;
          }
        });
      }
      case "countif": {
        arity(c, fn, args, 1, 1);
        final Compiled p = c.predicate(args.get(0));
        return single(named, "countif_", KqlType.LONG, () -> new Acc() {
          long n;

          @Override
          public void add(Object[] row) {
            if (Boolean.TRUE.equals(p.eval().eval(row))) {
              n++;
            }
          }

          @Override
          public void result(Object[] out, int at) {
            out[at] = n;
          }
        });
      }
      case "sum", "avg": {
        arity(c, fn, args, 1, 1);
        final Compiled x = c.compile(args.get(0));
        final boolean avg = fn.equals("avg");
        final KqlType t = x.type();
        if (!Values.isNumeric(t) && !(t == KqlType.TIMESPAN && !avg)) {
          throw c.error("'" + fn + "()' expects a number" + (avg ? "" : " or a timespan") + ", not " + t.kqlName());
        }
        final KqlType result = avg || t == KqlType.DOUBLE ? KqlType.DOUBLE : t == KqlType.TIMESPAN ? t : KqlType.LONG;
        return single(named, fn + "_" + suffix(args.get(0)), result, () -> new Sum(x, result, avg));
      }
      case "min", "max": {
        arity(c, fn, args, 1, 1);
        final Compiled x = c.compile(args.get(0));
        if (x.type() == KqlType.DYNAMIC || x.type() == KqlType.BOOL) {
          throw c.error("'" + fn + "()' cannot order values of type " + x.type().kqlName());
        }
        final int sign = fn.equals("max") ? 1 : -1;
        return single(named, fn + "_" + suffix(args.get(0)), x.type(), () -> new Acc() {
          Object best;

          @Override
          public void add(Object[] row) {
            final Object v = x.eval().eval(row);
            if (v != null && (best == null || sign * Values.compare(v, best) > 0)) {
              best = v;
            }
          }

          @Override
          public void result(Object[] out, int at) {
            out[at] = best;
          }
        });
      }
      case "dcount", "make_set": {
        arity(c, fn, args, 1, 2);
        final Compiled x = c.compile(args.get(0));
        final boolean count = fn.equals("dcount");
        return single(named, fn + "_" + suffix(args.get(0)), count ? KqlType.LONG : KqlType.DYNAMIC, () -> new Acc() {
          final Set<Object> seen = new LinkedHashSet<>();

          @Override
          public void add(Object[] row) {
            final Object v = x.eval().eval(row);
            if (v != null) {
              seen.add(v);
            }
          }

          @Override
          public void result(Object[] out, int at) {
            out[at] = count ? (Object) (long) seen.size() : Json.array(seen);
          }
        });
      }
      case "take_anyif":
        return takeAnyIf(c, named, args);
      case "arg_max", "arg_min":
        return ArgExtreme.compile(c, named, call, byNames);
      default:
        throw KqlException.unsupported("the aggregate function '" + fn + "()'");
    }
  }

  /**
   * {@code take_anyif(x, p)}: the value of {@code x} in one row of the group where {@code p} is true, a non-empty
   * (non-null) one when there is one, as Kusto tries to return; null (empty for a string) when {@code p} holds in
   * no row. The service picks the row arbitrarily; here it is the first such row. Unnamed, the column is named
   * after {@code x}, which must then be a column.
   */
  private static Spec takeAnyIf(Compiler c, Ast.Named named, List<Ast.Expr> args) {
    arity(c, "take_anyif", args, 2, 2);
    final Compiled x = c.compile(args.get(0));
    final Compiled p = c.predicate(args.get(1));
    if (named.name() == null && !(args.get(0) instanceof Ast.ColumnRef)) {
      throw KqlException.unsupported("take_anyif() of an expression without '=' naming its column");
    }
    final KqlType type = x.type();
    final String name = named.name() != null ? named.name() : ((Ast.ColumnRef) args.get(0)).name();
    return single(named, name, type, () -> new Acc() {
      Object value;
      boolean found;

      @Override
      public void add(Object[] row) {
        if (!found && Boolean.TRUE.equals(p.eval().eval(row))) {
          final Object v = x.eval().eval(row);
          found = v != null && !"".equals(v);
          if (found || value == null) {
            value = v;
          }
        }
      }

      @Override
      public void result(Object[] out, int at) {
        out[at] = value == null && type == KqlType.STRING ? "" : value;
      }
    });
  }

  private static Spec single(Ast.Named named, String defaultName, KqlType type, Supplier<Acc> factory) {
    final String name = named.name() != null ? named.name() : defaultName;
    return new Spec(List.of(new KqlColumn(name, type)), named.name() != null, factory);
  }

  /** The column part of a default aggregate name: {@code X} in {@code sum_X}, empty for an expression. */
  private static String suffix(Ast.Expr e) {
    return e instanceof Ast.ColumnRef r ? r.name() : "";
  }

  static void arity(Compiler c, String fn, List<Ast.Expr> args, int min, int max) {
    if (args.size() < min || args.size() > max) {
      throw c.error("'" + fn + "()' takes " + (min == max ? min : min + " to " + max) + " arguments, not "
          + args.size());
    }
  }

  /** Sum or average of numbers or timespans, nulls ignored. */
  private static final class Sum implements Acc {
    private final Compiled x;
    private final KqlType result;
    private final boolean avg;
    private long n;
    private long longSum;
    private double doubleSum;
    private Duration spanSum = Duration.ZERO;

    Sum(Compiled x, KqlType result, boolean avg) {
      this.x = x;
      this.result = result;
      this.avg = avg;
    }

    @Override
    public void add(Object[] row) {
      final Object v = x.eval().eval(row);
      if (v == null) {
        return;
      }
      n++;
      if (v instanceof Duration d) {
        spanSum = spanSum.plus(d);
      } else if (v instanceof Double d) {
        doubleSum += d;
      } else {
        longSum += ((Number) v).longValue();
        doubleSum += ((Number) v).doubleValue();
      }
    }

    @Override
    public void result(Object[] out, int at) {
      if (n == 0) {
        out[at] = null;
      } else if (avg) {
        out[at] = doubleSum / n;
      } else {
        out[at] = switch (result) {
          case TIMESPAN -> spanSum;
          case DOUBLE -> doubleSum;
          default -> longSum;
        };
      }
    }
  }

  /** Makes generated names unique ({@code count_}, {@code count_1}); fails on a repeated explicit name. */
  static List<KqlColumn> uniqueNames(Compiler c, List<KqlColumn> columns, List<Boolean> explicit) {
    final Set<String> used = new HashSet<>();
    final List<KqlColumn> out = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      final KqlColumn col = columns.get(i);
      String name = col.name();
      if (!used.add(name)) {
        if (explicit.get(i)) {
          throw c.error("the column '" + name + "' is defined twice");
        }
        int k = 1;
        while (!used.add(name + k)) {
          k++;
        }
        name = name + k;
      }
      out.add(new KqlColumn(name, col.type()));
    }
    return out;
  }
}
