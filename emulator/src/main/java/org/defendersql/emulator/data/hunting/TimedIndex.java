package org.defendersql.emulator.data.hunting;

import java.time.Instant;
import org.defendersql.emulator.data.Rng;

/**
 * Event {@code i} of {@code n} spread evenly over a window, in time order: its time is
 * {@code start + (i + u * 0.98) * step} with {@code u} the first draw of the event's own random stream, so times
 * increase with {@code i} and the events of a time range are an index range computed, not searched.
 */
final class TimedIndex {
  private final long seed;
  private final long stream;
  private final long count;
  private final long startNanos;
  private final double stepNanos;

  TimedIndex(long seed, long stream, long count, Instant start, Instant end) {
    this.seed = seed;
    this.stream = stream;
    this.count = count;
    this.startNanos = nanos(start);
    this.stepNanos = count == 0 ? 0 : (double) (nanos(end) - startNanos) / count;
  }

  long count() {
    return count;
  }

  /** The random stream of event {@code i}, its time already drawn: see {@link #time(Rng, long)}. */
  Rng rng(long i) {
    return Rng.of(seed, stream, i);
  }

  /** The time of event {@code i}, drawing from its stream (call first, once). */
  Instant time(Rng r, long i) {
    final long n = startNanos + (long) ((i + r.nextDouble() * 0.98) * stepNanos);
    // 100 ns ticks, as the service keeps them.
    return instant(n - Math.floorMod(n, 100));
  }

  /** The first index whose event may be at or after {@code t} (0 when unbounded). */
  long from(Instant t) {
    if (t == null || count == 0) {
      return 0;
    }
    return clamp((long) Math.floor((nanos(t) - startNanos) / stepNanos) - 1);
  }

  /** The index after the last event that may be before {@code t} ({@code count} when unbounded). */
  long to(Instant t) {
    if (t == null || count == 0) {
      return count;
    }
    return clamp((long) Math.ceil((nanos(t) - startNanos) / stepNanos) + 1);
  }

  private long clamp(long i) {
    return Math.max(0, Math.min(count, i));
  }

  private static long nanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  private static Instant instant(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }
}
