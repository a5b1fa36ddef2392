package org.defendersql.adapter.client;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.defendersql.adapter.config.DefenderConnectionConfig;
import org.defendersql.adapter.config.RateLimit;

/**
 * The process-wide call budgets, one per application identity (authority, tenant, client id) and API family:
 * the API counts calls per app and tenant, whatever connection, query or settings made them. The first
 * connection of an identity fixes its budget.
 */
final class RateLimiters {
  private static final ConcurrentMap<String, RateLimiter> LIMITERS = new ConcurrentHashMap<>();
  /** Histories of an earlier process not yet claimed by a limiter: its identities not used since the start. */
  private static final ConcurrentMap<String, CallHistory> RECALLED = new ConcurrentHashMap<>();
  /** How long an unclaimed history is kept: longer than any window the API counts in. */
  private static final long KEEP_MILLIS = TimeUnit.DAYS.toMillis(1);

  private RateLimiters() {
  }

  static RateLimiter of(DefenderConnectionConfig config, ApiFamily family) {
    return of(config, family, NanoClock.SYSTEM);
  }

  /** As {@link #of(DefenderConnectionConfig, ApiFamily)}; a limiter made here runs on the given clock. */
  static RateLimiter of(DefenderConnectionConfig config, ApiFamily family, NanoClock clock) {
    return LIMITERS.computeIfAbsent(key(config, family), k -> {
      final RateLimiter limiter = new RateLimiter(limits(config, family), clock);
      final CallHistory earlier = RECALLED.remove(k);
      if (earlier != null) {
        limiter.recall(earlier, System.currentTimeMillis());
      }
      return limiter;
    });
  }

  /** Every budget's history by its identity key, including those recalled and not used since. */
  static Map<String, CallHistory> histories(long epochMillisNow) {
    final Map<String, CallHistory> all = new TreeMap<>();
    RECALLED.forEach((k, h) -> all.put(k, h.since(epochMillisNow - KEEP_MILLIS)));
    LIMITERS.forEach((k, l) -> all.put(k, l.history(epochMillisNow)));
    all.values().removeIf(h -> h.isEmpty(epochMillisNow));
    return all;
  }

  /** Takes over an earlier process's histories: a limiter made later starts with its identity's calls. */
  static void recall(Map<String, CallHistory> histories, long epochMillisNow) {
    histories.forEach((k, h) -> {
      final RateLimiter live = LIMITERS.get(k);
      if (live != null) {
        live.recall(h, epochMillisNow);
      } else {
        RECALLED.merge(k, h, (a, b) -> b);
      }
    });
  }

  /** The identity a budget is counted for, as its history is saved under. */
  static String key(DefenderConnectionConfig config, ApiFamily family) {
    return config.authorityHost() + "|" + config.tenantId() + "|" + config.clientId() + "|" + family;
  }

  /** Forgets an app's limiters and histories, as a new process would start (for tests). */
  static void forget(DefenderConnectionConfig config) {
    for (ApiFamily f : ApiFamily.values()) {
      LIMITERS.remove(key(config, f));
      RECALLED.remove(key(config, f));
    }
  }

  /** The budget a family's settings give it. */
  static List<RateLimit> limits(DefenderConnectionConfig config, ApiFamily family) {
    return switch (family) {
      case ENTITY -> config.resilience().rateLimits();
      case EXPORT -> config.resilience().exportRateLimits();
      case GRAPH_SECURITY -> config.resilience().graphRateLimits();
      case ADVANCED_HUNTING -> config.hunting().rateLimits();
    };
  }
}
