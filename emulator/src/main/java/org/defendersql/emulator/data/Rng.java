package org.defendersql.emulator.data;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A deterministic random source for one generated thing, derived from (seed, stream, index) so that any alert can
 * be regenerated alone, in any order, and always comes out the same.
 */
public final class Rng {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final SplittableRandom random;

  private Rng(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** The source for item {@code index} of {@code stream} (e.g. machines, alert evidence) under a seed. */
  public static Rng of(long seed, long stream, long index) {
    return new Rng(mix(mix(seed ^ 0x9E3779B97F4A7C15L * (stream + 1)) + index));
  }

  /** SplitMix64's finaliser: neighbouring inputs give unrelated outputs. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  public int nextInt(int bound) {
    return random.nextInt(bound);
  }

  /** A uniform int in {@code [from, to]}. */
  public int between(int from, int to) {
    return from + random.nextInt(to - from + 1);
  }

  public long nextLong(long bound) {
    return random.nextLong(bound);
  }

  public double nextDouble() {
    return random.nextDouble();
  }

  /** True with probability {@code p}. */
  public boolean chance(double p) {
    return random.nextDouble() < p;
  }

  public <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  @SafeVarargs
  public final <T> T pick(T... items) {
    return items[random.nextInt(items.length)];
  }

  /** An item chosen with the given relative weights (same length as items). */
  public <T> T weighted(List<T> items, double[] weights) {
    return weighted(items, weights, total(weights));
  }

  /** An item chosen with the given relative weights, whose {@link #total} the caller computed once. */
  <T> T weighted(List<T> items, double[] weights, double total) {
    double r = random.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) {
        return items.get(i);
      }
    }
    return items.get(items.size() - 1);
  }

  /** The sum of weights, added in order (so that a choice is the same whoever sums them). */
  static double total(double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    return total;
  }

  /** {@code n} lower-case hex digits. */
  public String hex(int n) {
    final char[] c = new char[n];
    for (int i = 0; i < n; i++) {
      c[i] = HEX[random.nextInt(16)];
    }
    return new String(c);
  }

  /** A random (version 4 shaped) GUID in lower case. */
  public String guid() {
    return hex(8) + "-" + hex(4) + "-4" + hex(3) + "-" + HEX[8 + random.nextInt(4)] + hex(3) + "-" + hex(12);
  }

  /**
   * An instant with a realistic fraction: mostly the full 100 ns precision (7 digits), some with fewer digits,
   * as the service's timestamps come from different stores.
   */
  public Instant instant(long epochSecond) {
    final double r = random.nextDouble();
    final long ticks;
    if (r < 0.6) {
      ticks = random.nextLong(10_000_000L);
    } else if (r < 0.8) {
      ticks = random.nextLong(1_000_000L) * 10;
    } else if (r < 0.9) {
      ticks = random.nextLong(1_000L) * 10_000;
    } else {
      ticks = 0;
    }
    return Instant.ofEpochSecond(epochSecond, ticks * 100);
  }

  /** An instant at SQL {@code datetime} precision (1/300 s), as the service's {@code lastUpdateTime} has. */
  public Instant sqlDateTime(long epochSecond) {
    final long ticks = Math.round(random.nextInt(300) * (10_000_000.0 / 300));
    return Instant.ofEpochSecond(epochSecond, ticks * 100);
  }
}
