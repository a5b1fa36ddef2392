package org.defendersql.emulator.kql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.defendersql.emulator.kql.Ast.Named;

/**
 * {@code summarize aggregates by keys}: the group-by columns first, then each aggregate's columns; groups in the
 * order they were first seen; null keys form a group. Without {@code by} an empty input still gives one row
 * ({@code count_} 0), with {@code by} it gives none.
 */
final class Summarize {
  private Summarize() {
  }

  static Stage compile(Compiler c, Ast.Summarize s) {
    final List<KqlColumn> columns = new ArrayList<>();
    final List<Boolean> explicit = new ArrayList<>();
    final List<Compiled> keys = new ArrayList<>();
    final Set<String> byNames = new HashSet<>();
    int generated = 0;
    for (Named n : s.by()) {
      final Compiled k = c.compile(n.expr());
      final String name = n.name() != null ? n.name() : keyName(n.expr(), ++generated);
      columns.add(new KqlColumn(name, k.type()));
      explicit.add(true);
      keys.add(k);
      byNames.add(name);
    }
    final List<Aggregates.Spec> aggregates = new ArrayList<>();
    for (Named n : s.aggregates()) {
      final Aggregates.Spec spec = Aggregates.compile(c, n, byNames);
      aggregates.add(spec);
      for (KqlColumn col : spec.columns()) {
        columns.add(col);
        explicit.add(spec.named());
      }
    }
    final List<KqlColumn> out = Aggregates.uniqueNames(c, columns, explicit);
    final boolean grouped = !keys.isEmpty();
    final int width = out.size();
    return new Stage("summarize", List.copyOf(out), in -> {
      final Map<List<Object>, Aggregates.Acc[]> groups = new LinkedHashMap<>();
      in.forEach(row -> {
        final Object[] key = new Object[keys.size()];
        for (int i = 0; i < key.length; i++) {
          key[i] = keys.get(i).eval().eval(row);
        }
        final Aggregates.Acc[] accs = groups.computeIfAbsent(Arrays.asList(key), k -> newAccs(aggregates));
        for (Aggregates.Acc a : accs) {
          a.add(row);
        }
      });
      if (!grouped && groups.isEmpty()) {
        groups.put(List.of(), newAccs(aggregates));
      }
      return groups.entrySet().stream().map(e -> {
        final Object[] r = new Object[width];
        int at = 0;
        for (Object k : e.getKey()) {
          r[at++] = k;
        }
        final Aggregates.Acc[] accs = e.getValue();
        for (int i = 0; i < accs.length; i++) {
          accs[i].result(r, at);
          at += aggregates.get(i).columns().size();
        }
        return r;
      });
    });
  }

  private static Aggregates.Acc[] newAccs(List<Aggregates.Spec> specs) {
    final Aggregates.Acc[] accs = new Aggregates.Acc[specs.size()];
    for (int i = 0; i < accs.length; i++) {
      accs[i] = specs.get(i).factory().get();
    }
    return accs;
  }

  /** The name Kusto gives an unnamed group key: the column's, also through {@code bin(c, ...)}. */
  private static String keyName(Ast.Expr e, int n) {
    if (e instanceof Ast.ColumnRef r) {
      return r.name();
    }
    if (e instanceof Ast.Call call && (call.name().equals("bin") || call.name().equals("floor"))
        && !call.args().isEmpty() && call.args().get(0) instanceof Ast.ColumnRef r) {
      return r.name();
    }
    return "Column" + n;
  }

}
