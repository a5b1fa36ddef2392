package org.defendersql.emulator.faults;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Enforces the API quotas per application over sliding windows (the strictest reading of "100 per minute":
 * any 60 seconds, not calendar minutes). Refused calls do not count.
 */
public final class QuotaEnforcer {
  private final List<Quota> quotas;
  private final Map<String, Deque<Long>> calls = new ConcurrentHashMap<>();
  private final QuotaEnforcer exports;

  public QuotaEnforcer(List<Quota> quotas) {
    this(quotas, List.of());
  }

  /** Enforces {@code quotas} on the entity APIs and {@code exportQuotas}, counted apart, on the export APIs. */
  public QuotaEnforcer(List<Quota> quotas, List<Quota> exportQuotas) {
    this.quotas = List.copyOf(quotas);
    this.exports = exportQuotas == null ? null : new QuotaEnforcer(exportQuotas, null);
  }

  /** The enforcer of the export APIs' own quotas (30 calls a minute, 1,000 an hour in the service). */
  public QuotaEnforcer exports() {
    return exports != null ? exports : this;
  }

  /** The outcome of asking for a call: null when admitted, else the quota exceeded and when to retry. */
  public record Refusal(Quota quota, long retryAfterSeconds) {
  }

  /** Admits and counts a call of this application now, or says which quota refuses it. */
  public Refusal admit(String appId, long nowMillis) {
    if (quotas.isEmpty()) {
      return null;
    }
    final Deque<Long> log = calls.computeIfAbsent(appId == null ? "" : appId, k -> new ArrayDeque<>());
    synchronized (log) {
      long longest = 0;
      for (Quota q : quotas) {
        longest = Math.max(longest, q.window().toMillis());
      }
      while (!log.isEmpty() && log.peekFirst() <= nowMillis - longest) {
        log.pollFirst();
      }
      for (Quota q : quotas) {
        final long from = nowMillis - q.window().toMillis();
        int inWindow = 0;
        long oldestInWindow = Long.MAX_VALUE;
        for (var it = log.descendingIterator(); it.hasNext(); ) {
          final long t = it.next();
          if (t <= from) {
            break;
          }
          inWindow++;
          oldestInWindow = t;
        }
        if (inWindow >= q.limit()) {
          // The call may pass once enough calls have left the window; the oldest leaving is a lower bound.
          final long waitMillis = oldestInWindow + q.window().toMillis() - nowMillis;
          return new Refusal(q, Math.max(1, (waitMillis + 999) / 1000));
        }
      }
      log.addLast(nowMillis);
      return null;
    }
  }
}
