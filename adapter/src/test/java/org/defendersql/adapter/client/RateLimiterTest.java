package org.defendersql.adapter.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import org.defendersql.adapter.config.RateLimit;
import org.junit.jupiter.api.Test;

/**
 * The call budget keeps every window, proved on a virtual clock: a wait advances virtual time instead of
 * sleeping, so the bound is exact whatever the machine's load, and an hour of traffic takes milliseconds.
 */
class RateLimiterTest {

  /** A clock that only moves when a caller waits or the test advances it. */
  static class VirtualClock implements NanoClock {
    long now = 1_000_000_000L;
    long waited;

    @Override public long nanoTime() {
      return now;
    }

    @Override public void await(Condition condition, long nanos) {
      now += nanos;
      waited += nanos;
    }
  }

  @Test void noWindowEverHoldsMoreThanItsBudgetUnderRandomTraffic() {
    final Random random = new Random(42);
    for (String spec : List.of("100/1m,1500/1h", "4/200ms,7/1s", "45/1m,1500/1h", "1/10s")) {
      final List<RateLimit> limits = RateLimit.parseList(spec);
      final VirtualClock clock = new VirtualClock();
      final RateLimiter limiter = new RateLimiter(limits, clock);
      final List<Long> granted = new ArrayList<>();
      for (int i = 0; i < 3_000; i++) {
        // Bursts and lulls: most callers arrive at once, some after a pause of up to a minute.
        if (random.nextInt(10) == 0) {
          clock.now += TimeUnit.MILLISECONDS.toNanos(random.nextInt(60_000));
        }
        limiter.acquire(Cancel.NONE, "test");
        granted.add(clock.now);
      }
      for (RateLimit l : limits) {
        for (int i = 0; i + l.calls() < granted.size(); i++) {
          final long gap = granted.get(i + l.calls()) - granted.get(i);
          assertTrue(gap >= l.window().toNanos(), spec + ": calls " + i + " and " + (i + l.calls())
              + " are only " + gap / 1e6 + " ms apart, inside " + l);
        }
      }
      assertEquals(3_000, limiter.calls());
    }
  }

  @Test void eachWindowKeepsAMarginForNetworkDelays() {
    final VirtualClock clock = new VirtualClock();
    final RateLimiter limiter = new RateLimiter(RateLimit.parseList("2/10s"), clock);
    final long start = clock.now;
    for (int i = 0; i < 3; i++) {
      limiter.acquire(Cancel.NONE, "test");
    }
    // The third call waits out the window plus 1/20 of it (0.5 s), so calls that travel at different speeds
    // still arrive at most two in any 10 s.
    assertEquals(TimeUnit.MILLISECONDS.toNanos(10_500), clock.now - start);
  }

  @Test void theBudgetIsOnlyAsLongAsItMustBe() {
    final VirtualClock clock = new VirtualClock();
    final RateLimiter limiter = new RateLimiter(RateLimit.parseList("100/1m"), clock);
    for (int i = 0; i < 100; i++) {
      limiter.acquire(Cancel.NONE, "test");
    }
    assertEquals(0, clock.waited, "a full budget is spent without waiting");
    limiter.acquire(Cancel.NONE, "test");
    assertEquals(TimeUnit.SECONDS.toNanos(61), clock.waited, "then one window and its margin (1 s at most)");
  }

  @Test void aCancelledQueryStopsWaiting() {
    final AtomicBoolean flag = new AtomicBoolean();
    final VirtualClock clock = new VirtualClock() {
      @Override public void await(Condition condition, long nanos) {
        super.await(condition, nanos);
        if (waited >= TimeUnit.SECONDS.toNanos(1)) {
          flag.set(true); // cancelled from another thread a second into the wait
        }
      }
    };
    final RateLimiter limiter = new RateLimiter(RateLimit.parseList("1/1h"), clock);
    limiter.acquire(Cancel.NONE, "test");
    final DefenderException e = assertThrows(DefenderException.class,
        () -> limiter.acquire(Cancel.of(flag), "alerts"));
    assertTrue(e.getMessage().startsWith("The query was cancelled"), e.getMessage());
    assertTrue(clock.waited < TimeUnit.SECONDS.toNanos(2), "stopped within a slice of the cancel: " + clock.waited);
    assertEquals(1, limiter.calls(), "the cancelled call was not counted");
  }

  @Test void retryAfterHoldsBackEveryCall() {
    final VirtualClock clock = new VirtualClock();
    final RateLimiter limiter = new RateLimiter(RateLimit.parseList("off"), clock);
    limiter.pause(TimeUnit.MILLISECONDS.toNanos(300));
    limiter.acquire(Cancel.NONE, "test");
    assertEquals(TimeUnit.MILLISECONDS.toNanos(300), clock.waited);
    limiter.pause(TimeUnit.MILLISECONDS.toNanos(100));
    limiter.pause(TimeUnit.MILLISECONDS.toNanos(50)); // a shorter pause never shortens a longer one
    limiter.acquire(Cancel.NONE, "test");
    assertEquals(TimeUnit.MILLISECONDS.toNanos(400), clock.waited);
  }

  @Test void theSystemClockReallyWaits() throws Exception {
    final RateLimiter limiter = new RateLimiter(RateLimit.parseList("1/200ms"));
    final long start = System.nanoTime();
    limiter.acquire(Cancel.NONE, "test");
    limiter.acquire(Cancel.NONE, "test");
    // A lower bound only: a busy machine can make it slower, never faster.
    assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(200));
  }
}
