package org.defendersql.emulator.kql;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.stream.Stream;

/**
 * Orders rows by sort keys with Kusto's defaults (descending; nulls first when ascending, last when descending),
 * stably: rows with equal keys keep their input order. {@link #first} keeps a bounded heap, so {@code top 10} of
 * a million rows holds ten.
 */
final class Sorting {
  private final List<Compiled> keys = new ArrayList<>();
  private final List<Ast.SortKey> specs;

  Sorting(Compiler c, List<Ast.SortKey> specs) {
    this.specs = specs;
    for (Ast.SortKey k : specs) {
      final Compiled v = c.compile(k.expr());
      if (v.type() == org.defendersql.model.hunting.KqlType.DYNAMIC) {
        throw c.error("cannot sort by a dynamic value");
      }
      keys.add(v);
    }
  }

  /** A row with its sort keys evaluated once and its input position. */
  private record Keyed(Object[] keys, long seq, Object[] row) {
  }

  private Keyed key(Object[] row, long seq) {
    final Object[] k = new Object[keys.size()];
    for (int i = 0; i < k.length; i++) {
      k[i] = keys.get(i).eval().eval(row);
    }
    return new Keyed(k, seq, row);
  }

  private final Comparator<Keyed> order = this::compare;

  private int compare(Keyed a, Keyed b) {
    for (int i = 0; i < specs.size(); i++) {
      final Object x = a.keys()[i];
      final Object y = b.keys()[i];
      final Ast.SortKey s = specs.get(i);
      int c;
      if (x == null || y == null) {
        c = x == null && y == null ? 0 : (x == null) == s.nullsFirstOrDefault() ? -1 : 1;
      } else {
        c = Values.compare(x, y);
        if (!s.ascending()) {
          c = -c;
        }
      }
      if (c != 0) {
        return c;
      }
    }
    return Long.compare(a.seq(), b.seq());
  }

  Stream<Object[]> all(Stream<Object[]> in) {
    final List<Keyed> rows = new ArrayList<>();
    final long[] seq = {0};
    in.forEach(r -> rows.add(key(r, seq[0]++)));
    rows.sort(order);
    return rows.stream().map(Keyed::row);
  }

  /** The first {@code n} rows in this order, holding at most {@code n} at a time. */
  Stream<Object[]> first(Stream<Object[]> in, long n) {
    if (n == 0) {
      in.close();
      return Stream.empty();
    }
    final PriorityQueue<Keyed> heap = new PriorityQueue<>(order.reversed());
    final long[] seq = {0};
    in.forEach(r -> {
      final Keyed k = key(r, seq[0]++);
      if (heap.size() < n) {
        heap.add(k);
      } else if (order.compare(k, heap.peek()) < 0) {
        heap.poll();
        heap.add(k);
      }
    });
    final List<Keyed> rows = new ArrayList<>(heap);
    rows.sort(order);
    return rows.stream().map(Keyed::row);
  }
}
