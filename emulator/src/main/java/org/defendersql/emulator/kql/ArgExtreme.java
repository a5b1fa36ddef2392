package org.defendersql.emulator.kql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.defendersql.model.hunting.KqlType;

/**
 * {@code arg_max(e, *)}, {@code arg_max(e, c1, c2)} and their {@code arg_min} forms: the columns of the row with the
 * greatest (least) {@code e} in the group, a non-null {@code e} beating a null one and the first row winning ties;
 * the output columns are {@code e} (named after its column) then the returned columns, without the group-by
 * columns.
 */
final class ArgExtreme {
  private ArgExtreme() {
  }

  static Aggregates.Spec compile(Compiler c, Ast.Named named, Ast.Call call, Set<String> byNames) {
    final String fn = call.name();
    if (call.args().size() < 2) {
      throw c.error("'" + fn + "()' takes an expression to maximize and the columns to return (or *)");
    }
    if (named.name() != null) {
      throw KqlException.unsupported("naming the result of " + fn + "() with '='");
    }
    final Compiled key = c.compile(call.args().get(0));
    if (key.type() == KqlType.DYNAMIC || key.type() == KqlType.BOOL) {
      throw c.error("'" + fn + "()' cannot order values of type " + key.type().kqlName());
    }
    final String keyName = call.args().get(0) instanceof Ast.ColumnRef r ? r.name()
        : (fn.equals("arg_max") ? "max_" : "min_");
    final List<KqlColumn> columns = new ArrayList<>();
    final List<Compiled> returned = new ArrayList<>();
    columns.add(new KqlColumn(keyName, key.type()));
    for (Ast.Expr e : call.args().subList(1, call.args().size())) {
      if (e instanceof Ast.Star) {
        for (KqlColumn col : c.schema()) {
          if (!byNames.contains(col.name()) && !col.name().equals(keyName)) {
            final int at = c.indexOf(col.name());
            columns.add(col);
            returned.add(new Compiled(col.type(), row -> row[at], false));
          }
        }
      } else if (e instanceof Ast.ColumnRef r) {
        final Compiled v = c.compile(r);
        columns.add(new KqlColumn(r.name(), v.type()));
        returned.add(v);
      } else {
        throw KqlException.unsupported("expressions other than columns among the values " + fn + "() returns");
      }
    }
    final int sign = fn.equals("arg_max") ? 1 : -1;
    return new Aggregates.Spec(List.copyOf(columns), false, () -> new Aggregates.Acc() {
      Object best;
      Object[] values;

      @Override
      public void add(Object[] row) {
        final Object k = key.eval().eval(row);
        final boolean better = values == null || (k != null && (best == null || sign * Values.compare(k, best) > 0));
        if (better) {
          best = k;
          values = new Object[returned.size()];
          for (int i = 0; i < values.length; i++) {
            values[i] = returned.get(i).eval().eval(row);
          }
        }
      }

      @Override
      public void result(Object[] out, int at) {
        out[at] = best;
        for (int i = 0; i < returned.size(); i++) {
          out[at + 1 + i] = values == null ? (columns.get(i + 1).type() == KqlType.STRING ? "" : null) : values[i];
        }
      }
    });
  }
}
