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
    final String key = config.authorityHost() + "|" + config.tenantId() + "|" + config.clientId() + "|" + family;
    final List<RateLimit> limits = family == ApiFamily.ENTITY ? config.resilience().rateLimits()
        : config.hunting().rateLimits();
    return LIMITERS.computeIfAbsent(key, k -> new RateLimiter(limits));
  }
}
