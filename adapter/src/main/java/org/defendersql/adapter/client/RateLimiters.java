package org.defendersql.adapter.client;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.defendersql.adapter.config.DefenderConnectionConfig;
import org.defendersql.adapter.config.RateLimit;

/**
 * The process-wide call budgets, one per application identity (authority, tenant, client id) and API family:
 * the API counts calls per app and tenant, whatever connection, query or settings made them. The first
 * connection of an identity fixes its budget.
 */
final class RateLimiters {
  private static final ConcurrentMap<String, RateLimiter> LIMITERS = new ConcurrentHashMap<>();

  private RateLimiters() {
  }

  static RateLimiter of(DefenderConnectionConfig config, ApiFamily family) {
    return of(config, family, NanoClock.SYSTEM);
  }

  /** As {@link #of(DefenderConnectionConfig, ApiFamily)}; a limiter made here runs on the given clock. */
  static RateLimiter of(DefenderConnectionConfig config, ApiFamily family, NanoClock clock) {
    final String key = config.authorityHost() + "|" + config.tenantId() + "|" + config.clientId() + "|" + family;
    return LIMITERS.computeIfAbsent(key, k -> new RateLimiter(limits(config, family), clock));
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
