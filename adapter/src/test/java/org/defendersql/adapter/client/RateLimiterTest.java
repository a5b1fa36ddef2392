package org.defendersql.adapter.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.defendersql.adapter.config.RateLimit;
import org.junit.jupiter.api.Test;

/** The call budget keeps both windows exactly, across threads, and waits can be cancelled. */
class RateLimiterTest {

  @Test void noWindowEverHoldsMoreThanItsBudget() throws Exception {
    final List<RateLimit> limits = RateLimit.parseList("4/200ms,7/1s");
    final RateLimiter limiter = new RateLimiter(limits);
    final List<Long> times = Collections.synchronizedList(new ArrayList<>());
    final ExecutorService pool = Executors.newFixedThreadPool(6);
    final List<Future<?>> calls = new ArrayList<>();
    final long start = System.nanoTime();
    for (int i = 0; i < 12; i++) {
      calls.add(pool.submit(() -> {
        limiter.acquire(Cancel.NONE, "test");
        times.add(System.nanoTime());
      }));
    }
    for (Future<?> f : calls) {
      f.get(10, TimeUnit.SECONDS);
    }
    pool.shutdown();
    final List<Long> sorted = new ArrayList<>(times);
    Collections.sort(sorted);
    for (RateLimit l : limits) {
      for (int i = 0; i + l.calls() < sorted.size(); i++) {
        final long gap = sorted.get(i + l.calls()) - sorted.get(i);
        assertTrue(gap >= l.window().toNanos(), l + ": calls " + i + " and " + (i + l.calls()) + " are only "
            + gap / 1e6 + " ms apart");
      }
    }
    // 12 calls at 7 a second need more than a second, the 4-in-200 ms window alone would allow 0.6 s.
    assertTrue(System.nanoTime() - start >= 1_000_000_000L);
    assertEquals(12, limiter.calls());
  }

  @Test void aCancelledQueryStopsWaiting() {
    final RateLimiter limiter = new RateLimiter(RateLimit.parseList("1/1h"));
    limiter.acquire(Cancel.NONE, "test");
    final AtomicBoolean flag = new AtomicBoolean();
    final long start = System.nanoTime();
    Executors.newSingleThreadScheduledExecutor().schedule(() -> flag.set(true), 200, TimeUnit.MILLISECONDS);
    final DefenderException e = assertThrows(DefenderException.class,
        () -> limiter.acquire(Cancel.of(flag), "alerts"));
    assertTrue(e.getMessage().startsWith("The query was cancelled"), e.getMessage());
    assertTrue(System.nanoTime() - start < 2_000_000_000L, "stopped promptly");
  }

  @Test void retryAfterHoldsBackEveryCall() {
    final RateLimiter limiter = new RateLimiter(RateLimit.parseList("off"));
    limiter.pause(TimeUnit.MILLISECONDS.toNanos(300));
    final long start = System.nanoTime();
    limiter.acquire(Cancel.NONE, "test");
    assertTrue(System.nanoTime() - start >= 290_000_000L);
  }
}
