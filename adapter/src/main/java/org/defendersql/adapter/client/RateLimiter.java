package org.defendersql.adapter.client;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.defendersql.adapter.config.RateLimit;
import org.defendersql.adapter.telemetry.ApiCalls;

/**
 * A client-side call budget over sliding windows, e.g. 100 calls in any minute and 1,500 in any hour: a call
 * waits until every window has room, so the API is never asked more often than it allows. It keeps the times of
 * the last calls (as many as the largest budget) and lets a call pass when, for each window, fewer than its
 * budget fall within it. Guava's RateLimiter, which Calcite brings, spreads calls at a steady rate and cannot
 * express two windows at once; this is exact for both.
 *
 * <p>Each window is lengthened by a small margin (1/20 of it, at most a second) because the service counts calls
 * when they arrive, and network delays can bring two calls closer together than they were sent.
 */
final class RateLimiter {
  private final List<RateLimit> limits;
  private final NanoClock clock;
  private final long[] windowNanos;
  private final long[] times;
  private final ReentrantLock lock = new ReentrantLock(true);
  private final Condition changed = lock.newCondition();
  private int start;
  private int count;
  private long pausedUntil = Long.MIN_VALUE;
  private long calls;

  RateLimiter(List<RateLimit> limits) {
    this(limits, NanoClock.SYSTEM);
  }

  /** A limiter on the given clock; tests pass a virtual one to prove the windows without waiting. */
  RateLimiter(List<RateLimit> limits, NanoClock clock) {
    this.limits = List.copyOf(limits);
    this.clock = clock;
    this.windowNanos = new long[limits.size()];
    int capacity = 1;
    for (int i = 0; i < limits.size(); i++) {
      final long w = limits.get(i).window().toNanos();
      windowNanos[i] = w + Math.min(TimeUnit.SECONDS.toNanos(1), w / 20);
      capacity = Math.max(capacity, limits.get(i).calls());
    }
    this.times = new long[capacity];
  }

  /** The budget this limiter keeps. */
  List<RateLimit> limits() {
    return limits;
  }

  /** How many calls have been let through. */
  synchronized long calls() {
    return calls;
  }

  /** Waits, interruptibly and as long as the query is not cancelled, until a call is allowed; counts it. */
  void acquire(Cancel cancel, String what) {
    boolean waited = false;
    long waitedSince = 0;
    try {
      lock.lockInterruptibly();
      try {
        while (true) {
          cancel.check(what);
          final long now = clock.nanoTime();
          final long wait = waitNanos(now);
          if (wait <= 0) {
            record(now);
            if (waited) {
              ApiCalls.throttled(now - waitedSince);
            }
            return;
          }
          if (!waited) {
            waited = true;
            waitedSince = now;
          }
          // Short slices, so that a cancelled query stops waiting promptly.
          clock.await(changed, Math.min(wait, TimeUnit.MILLISECONDS.toNanos(50)));
        }
      } finally {
        lock.unlock();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DefenderException(ErrorKind.CANCELLED,
          "Interrupted while waiting for the Defender API's call budget (" + what + ").",
          e);
    }
  }

  /** Holds back every call for a while: the API said so with {@code Retry-After}. */
  void pause(long nanos) {
    lock.lock();
    try {
      final long until = clock.nanoTime() + nanos;
      if (pausedUntil == Long.MIN_VALUE || until - pausedUntil > 0) {
        pausedUntil = until;
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * The calls this limiter still counts and the pause still running, in wall-clock time, so that a restarted
   * process goes on with the budget its predecessor spent instead of a fresh one the API would not grant.
   */
  CallHistory history(long epochMillisNow) {
    lock.lock();
    try {
      final long now = clock.nanoTime();
      final long[] calls = new long[count];
      for (int i = 0; i < count; i++) {
        calls[i] = epochMillisNow - TimeUnit.NANOSECONDS.toMillis(now - times[(start + i) % times.length]);
      }
      final long pause = pausedUntil == Long.MIN_VALUE || pausedUntil - now <= 0 ? 0
          : epochMillisNow + TimeUnit.NANOSECONDS.toMillis(pausedUntil - now);
      return new CallHistory(calls, pause);
    } finally {
      lock.unlock();
    }
  }

  /** Counts the calls of an earlier process (its {@link #history}) as if this limiter had let them through. */
  void recall(CallHistory history, long epochMillisNow) {
    lock.lock();
    try {
      final long now = clock.nanoTime();
      final long[] merged = new long[count + history.calls().length];
      for (int i = 0; i < count; i++) {
        merged[i] = times[(start + i) % times.length];
      }
      for (int i = 0; i < history.calls().length; i++) {
        // A call stamped in the future (the clock was set back) counts as just made.
        merged[count + i] = now - TimeUnit.MILLISECONDS.toNanos(Math.max(0, epochMillisNow - history.calls()[i]));
      }
      Arrays.sort(merged);
      final int keep = Math.min(merged.length, times.length);
      System.arraycopy(merged, merged.length - keep, times, 0, keep);
      start = 0;
      count = keep;
      if (history.pausedUntil() > epochMillisNow) {
        final long until = now + TimeUnit.MILLISECONDS.toNanos(history.pausedUntil() - epochMillisNow);
        if (pausedUntil == Long.MIN_VALUE || until - pausedUntil > 0) {
          pausedUntil = until;
        }
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private long waitNanos(long now) {
    long wait = pausedUntil == Long.MIN_VALUE ? 0 : pausedUntil - now;
    for (int i = 0; i < limits.size(); i++) {
      final int budget = limits.get(i).calls();
      if (count >= budget) {
        // The budget-th most recent call must have left the window.
        final long t = times[(start + count - budget) % times.length];
        wait = Math.max(wait, t + windowNanos[i] - now);
      }
    }
    return wait;
  }

  private void record(long now) {
    if (count == times.length) {
      start = (start + 1) % times.length;
      count--;
    }
    times[(start + count) % times.length] = now;
    count++;
    count();
  }

  private synchronized void count() {
    calls++;
  }
}
