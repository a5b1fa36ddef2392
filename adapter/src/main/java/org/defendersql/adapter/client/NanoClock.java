package org.defendersql.adapter.client;

import java.util.concurrent.locks.Condition;

/**
 * The time source of the {@link RateLimiter}: the system's monotonic clock in production, a virtual clock in
 * tests, so that the limiter's windows are proved exactly, independent of how busy the machine is.
 */
interface NanoClock {
  /** The system clock: {@link System#nanoTime()}, waiting on the condition. */
  NanoClock SYSTEM = new NanoClock() {
    @Override public long nanoTime() {
      return System.nanoTime();
    }

    @Override public void await(Condition condition, long nanos) throws InterruptedException {
      condition.awaitNanos(nanos);
    }
  };

  /** The current time in nanoseconds, comparable only with other readings of the same clock. */
  long nanoTime();

  /** Waits up to {@code nanos} on the condition, whose lock the caller holds. */
  void await(Condition condition, long nanos) throws InterruptedException;
}
