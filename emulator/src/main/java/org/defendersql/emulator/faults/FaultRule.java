package org.defendersql.emulator.faults;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The faults of one path prefix, by the ordinal of the matching request (1 = the next one). A fault can span
 * consecutive requests ({@link #nth(int, Fault, int)}), so that retries meet it again.
 */
public final class FaultRule {
  private final String prefix;
  private final Map<Integer, Fault> byOrdinal = new ConcurrentHashMap<>();
  private volatile Fault always;
  private int seen;

  FaultRule(String prefix) {
    this.prefix = prefix;
  }

  /** The k-th matching request from now (1-based) meets the fault. */
  public FaultRule nth(int k, Fault fault) {
    return nth(k, fault, 1);
  }

  /** The k-th matching request and the {@code times - 1} after it meet the fault. */
  public FaultRule nth(int k, Fault fault, int times) {
    if (k < 1 || times < 1) {
      throw new IllegalArgumentException("k and times must be positive");
    }
    for (int i = 0; i < times; i++) {
      byOrdinal.put(k + i, fault);
    }
    return this;
  }

  /** Every matching request meets the fault (e.g. a permission removed for good). */
  public FaultRule always(Fault fault) {
    this.always = fault;
    return this;
  }

  /** Counts a request; the fault it meets, or null. */
  synchronized Fault count(String path) {
    if (!path.regionMatches(true, 0, prefix, 0, prefix.length())) {
      return null;
    }
    seen++;
    final Fault f = byOrdinal.remove(seen);
    return f != null ? f : always;
  }
}
