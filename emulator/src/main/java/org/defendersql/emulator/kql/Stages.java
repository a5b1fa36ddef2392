package org.defendersql.emulator.kql;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.defendersql.emulator.kql.Ast.Named;
import org.defendersql.model.hunting.KqlType;

/** Compiles each tabular operator against its input schema into a {@link Stage}. */
final class Stages {
  private final Instant now;

  Stages(Instant now) {
    this.now = now;
  }

  /**
   * The stage of an operator.
   *
   * @param bound for a {@code sort}: keep only this many first rows (the rest cannot reach the answer), or -1
   */
  Stage compile(Ast.Op op, List<KqlColumn> in, long bound) {
    if (op instanceof Ast.Where w) {
      final Compiled p = new Compiler(in, "where", now).predicate(w.predicate());
      return new Stage("where", in, s -> s.filter(row -> Boolean.TRUE.equals(p.eval().eval(row))));
    }
    if (op instanceof Ast.Project p) {
      return project(p.columns(), in);
    }
    if (op instanceof Ast.Extend e) {
      return extend(e.columns(), in);
    }
    if (op instanceof Ast.Summarize s) {
      return Summarize.compile(new Compiler(in, "summarize", now), s);
    }
    if (op instanceof Ast.Take t) {
      final long n = count(new Compiler(in, "take", now), t.count());
      return new Stage("take", in, s -> s.limit(n));
    }
    if (op instanceof Ast.Top t) {
      final Compiler c = new Compiler(in, "top", now);
      final long n = count(c, t.count());
      final Sorting sorting = new Sorting(c, List.of(t.key()));
      return new Stage("top", in, s -> sorting.first(s, n));
    }
    if (op instanceof Ast.Sort so) {
      final Sorting sorting = new Sorting(new Compiler(in, "sort", now), so.keys());
      return new Stage("sort", in, s -> bound >= 0 ? sorting.first(s, bound) : sorting.all(s));
    }
    if (op instanceof Ast.Distinct d) {
      return distinct(d, in);
    }
    return new Stage("count", List.of(new KqlColumn("Count", KqlType.LONG)),
        s -> Stream.<Object[]>of(new Object[] {s.count()}));
  }

  private Stage project(List<Named> named, List<KqlColumn> in) {
    final Compiler c = new Compiler(in, "project", now);
    final List<KqlColumn> out = new ArrayList<>();
    final List<Compiled> values = new ArrayList<>();
    final Set<String> names = new HashSet<>();
    int generated = 0;
    for (Named n : named) {
      final Compiled v = c.compile(n.expr());
      final String name = n.name() != null ? n.name()
          : n.expr() instanceof Ast.ColumnRef r ? r.name() : "Column" + (++generated);
      if (!names.add(name)) {
        throw c.error("the column '" + name + "' is projected twice");
      }
      out.add(new KqlColumn(name, v.type()));
      values.add(v);
    }
    return new Stage("project", List.copyOf(out), s -> s.map(row -> {
      final Object[] r = new Object[values.size()];
      for (int i = 0; i < r.length; i++) {
        r[i] = values.get(i).eval().eval(row);
      }
      return r;
    }));
  }

  /** {@code extend}: new columns at the end; a column it names again is removed from its place and appended. */
  private Stage extend(List<Named> named, List<KqlColumn> in) {
    final Compiler c = new Compiler(in, "extend", now);
    final Map<String, Compiled> added = new LinkedHashMap<>();
    int generated = 0;
    for (Named n : named) {
      final Compiled v = c.compile(n.expr());
      final String name = n.name() != null ? n.name()
          : n.expr() instanceof Ast.ColumnRef r ? r.name() : "Column" + (++generated);
      if (added.put(name, v) != null) {
        throw c.error("the column '" + name + "' is extended twice");
      }
    }
    final List<KqlColumn> out = new ArrayList<>();
    final List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < in.size(); i++) {
      if (!added.containsKey(in.get(i).name())) {
        out.add(in.get(i));
        kept.add(i);
      }
    }
    added.forEach((name, v) -> out.add(new KqlColumn(name, v.type())));
    final int[] keep = kept.stream().mapToInt(Integer::intValue).toArray();
    final Compiled[] values = added.values().toArray(new Compiled[0]);
    return new Stage("extend", List.copyOf(out), s -> s.map(row -> {
      final Object[] r = new Object[keep.length + values.length];
      for (int i = 0; i < keep.length; i++) {
        r[i] = row[keep[i]];
      }
      for (int i = 0; i < values.length; i++) {
        r[keep.length + i] = values[i].eval().eval(row);
      }
      return r;
    }));
  }

  private Stage distinct(Ast.Distinct d, List<KqlColumn> in) {
    if (d.columns().isEmpty()) {
      return new Stage("distinct", in, s -> {
        final Set<List<Object>> seen = new LinkedHashSet<>();
        s.forEach(row -> seen.add(Arrays.asList(row)));
        return seen.stream().map(List::toArray);
      });
    }
    final Stage p = project(d.columns(), in);
    return new Stage("distinct", p.columns(), s -> {
      final Set<List<Object>> seen = new LinkedHashSet<>();
      p.apply().apply(s).forEach(row -> seen.add(Arrays.asList(row)));
      return seen.stream().map(List::toArray);
    });
  }

  /** The constant row count of {@code take}/{@code top}. */
  private static long count(Compiler c, Ast.Expr e) {
    final Compiled n = c.compile(e);
    if (!n.constant() || (n.type() != KqlType.LONG && n.type() != KqlType.INT)) {
      throw c.error("the number of rows must be a constant int or long");
    }
    final Object v = n.value();
    if (v == null || ((Number) v).longValue() < 0) {
      throw c.error("the number of rows must not be negative or null");
    }
    return ((Number) v).longValue();
  }
}
