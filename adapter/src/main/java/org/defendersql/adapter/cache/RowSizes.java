package org.defendersql.adapter.cache;

import java.util.Collection;
import java.util.Map;

/**
 * Estimates of the heap a cached row holds, for the cache's bound in bytes: object headers, references and
 * character data, the way a 64-bit JVM with compressed references lays them out; close enough to keep the bound
 * meaningful without walking the heap.
 */
final class RowSizes {
  private RowSizes() {
  }

  /** The estimated bytes of a row and everything it refers to. */
  static long of(Object[] row) {
    long n = 16 + 4L * row.length;
    for (Object v : row) {
      n += value(v);
    }
    return n;
  }

  private static long value(Object v) {
    if (v == null || v instanceof Boolean) {
      return 0;
    }
    if (v instanceof String s) {
      return 40 + s.length() * 2L;
    }
    if (v instanceof Number || v instanceof Character) {
      return 24;
    }
    if (v instanceof Object[] a) {
      return of(a);
    }
    if (v instanceof Collection<?> c) {
      long n = 40 + 4L * c.size();
      for (Object e : c) {
        n += value(e);
      }
      return n;
    }
    if (v instanceof Map<?, ?> m) {
      long n = 48 + 36L * m.size();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        n += value(e.getKey()) + value(e.getValue());
      }
      return n;
    }
    return 32;
  }
}
