package org.defendersql.emulator.data;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Alert ids in the real format, {@code da<.NET ticks of creation>_<signed int>}, where the int is a seeded
 * bijection of the alert's index, so that {@code GET /api/alerts/{id}} finds the alert without an index map.
 */
final class AlertIds {
  /** .NET ticks (100 ns since 0001-01-01) at the Unix epoch. */
  static final long TICKS_AT_EPOCH = 621_355_968_000_000_000L;
  private static final Pattern ID = Pattern.compile("da(\\d{18})_(-?\\d{1,10})");
  private static final int MULTIPLIER = 0x2C1B3C6D | 1;
  private static final int INVERSE = inverse(MULTIPLIER);

  private final int key;

  AlertIds(long seed) {
    this.key = (int) Rng.mix(seed ^ 0x5DEECE66DL);
  }

  /** The id of alert {@code index} created at {@code epochTicks} (100 ns since the Unix epoch). */
  String id(long index, long epochTicks) {
    return "da" + (epochTicks + TICKS_AT_EPOCH) + "_" + (((int) index * MULTIPLIER) ^ key);
  }

  /** The index an id would belong to, or -1 if it is not shaped like one of ours. */
  long index(String id) {
    final Matcher m = ID.matcher(id);
    if (!m.matches()) {
      return -1;
    }
    final long suffix = Long.parseLong(m.group(2));
    if (suffix < Integer.MIN_VALUE || suffix > Integer.MAX_VALUE) {
      return -1;
    }
    return Integer.toUnsignedLong(((int) suffix ^ key) * INVERSE);
  }

  /** The multiplicative inverse of an odd int modulo 2^32, by Newton's iteration. */
  private static int inverse(int a) {
    int x = a;
    for (int i = 0; i < 5; i++) {
      x *= 2 - a * x;
    }
    return x;
  }
}
