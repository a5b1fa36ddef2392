package org.defendersql.adapter.client;

import java.util.List;
import org.defendersql.adapter.config.RateLimit;

/**
 * The API families that have budgets of their own: the entity APIs (100 calls a minute, 1,500 an hour per app
 * and tenant) and advanced hunting (45 a minute, 1,500 an hour). All entity endpoints share one budget here:
 * the documentation states the budget per endpoint page without saying whether they add up, so sharing it is the
 * reading that can never provoke a 429.
 */
enum ApiFamily {
  ENTITY,
  ADVANCED_HUNTING;

  /** The documented budget of advanced hunting. */
  static final List<RateLimit> ADVANCED_HUNTING_LIMITS = RateLimit.parseList("45/1m,1500/1h");

  static ApiFamily of(String path) {
    return path.toLowerCase(java.util.Locale.ROOT).startsWith("/api/advancedqueries") ? ADVANCED_HUNTING : ENTITY;
  }
}
