package org.defendersql.adapter.client;

import java.util.Arrays;

/**
 * The calls one call budget still counts, as wall-clock instants in epoch milliseconds (oldest first), and the
 * end of a pause the API asked for with {@code Retry-After} (0: none): what outlives a restart of the process.
 */
record CallHistory(long[] calls, long pausedUntil) {
  /** This history without the calls made before {@code since}, which no window counts any longer. */
  CallHistory since(long since) {
    int from = 0;
    while (from < calls.length && calls[from] < since) {
      from++;
    }
    return new CallHistory(Arrays.copyOfRange(calls, from, calls.length), pausedUntil);
  }

  /** Whether it holds nothing worth keeping at {@code now}. */
  boolean isEmpty(long now) {
    return calls.length == 0 && pausedUntil <= now;
  }
}
