package org.defendersql.emulator.http;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import org.defendersql.emulator.faults.Quota;
import org.defendersql.emulator.faults.QuotaEnforcer;

/**
 * The hunting quotas of the tenant, over sliding windows: calls (as the API quotas, refused calls not counted) and
 * CPU, which a query is charged after it ran, so the call that exhausts a budget still answers and the next ones
 * are refused until enough of it leaves the window. Thread-safe.
 */
final class HuntingQuotas {
  /** The quotas apply per tenant, not per application. */
  private static final String TENANT = "tenant";
  private final QuotaEnforcer calls;
  private final HuntingLimits limits;
  /** Charges as {time in ms, CPU in ns}, oldest first. */
  private final Deque<long[]> charges = new ArrayDeque<>();

  HuntingQuotas(HuntingLimits limits) {
    this.limits = limits;
    this.calls = new QuotaEnforcer(limits.callQuotas());
  }

  /** Why a call is refused, with the seconds after which it may pass. */
  record Refusal(boolean cpu, String message, long retryAfterSeconds) {
  }

  /** Admits and counts a call now, or says which quota refuses it; CPU is checked first. */
  synchronized Refusal admit(long nowMillis) {
    long longest = 0;
    for (HuntingLimits.CpuQuota q : limits.cpuQuotas()) {
      longest = Math.max(longest, q.window().toMillis());
    }
    while (!charges.isEmpty() && charges.peekFirst()[0] <= nowMillis - longest) {
      charges.pollFirst();
    }
    for (HuntingLimits.CpuQuota q : limits.cpuQuotas()) {
      final long from = nowMillis - q.window().toMillis();
      long used = 0;
      for (long[] c : charges) {
        if (c[0] > from) {
          used += c[1];
        }
      }
      if (used >= q.budget().toNanos()) {
        // Free again once the window has let go of enough charges to be under budget.
        long excess = used - q.budget().toNanos();
        long freeAt = nowMillis;
        for (long[] c : charges) {
          if (c[0] > from) {
            excess -= c[1];
            freeAt = c[0] + q.window().toMillis();
            if (excess < 0) {
              break;
            }
          }
        }
        final long wait = Math.max(1, (freeAt - nowMillis + 999) / 1000);
        return new Refusal(true, "You have exceeded processing resources allocated to this tenant. You can run "
            + "queries again in " + clock(Duration.ofSeconds(wait)) + ".", wait);
      }
    }
    final QuotaEnforcer.Refusal r = calls.admit(TENANT, nowMillis);
    if (r != null) {
      final Quota q = r.quota();
      return new Refusal(false, q.message(), r.retryAfterSeconds());
    }
    return null;
  }

  /** Charges the CPU of a query that read {@code rows} table rows. */
  synchronized void charge(long nowMillis, long rows) {
    if (!limits.cpuQuotas().isEmpty() && rows > 0) {
      charges.addLast(new long[] {nowMillis, limits.cpuPerRow().toNanos() * rows});
    }
  }

  private static String clock(Duration d) {
    final long s = d.toSeconds();
    return String.format(Locale.ROOT, "%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
  }
}
