package org.defendersql.adapter.client;

/**
 * The API families that have budgets of their own: the entity APIs (100 calls a minute, 1,500 an hour per app
 * and tenant) and advanced hunting (45 a minute, 1,500 an hour). All entity endpoints share one budget here:
 * the documentation states the budget per endpoint page without saying whether they add up, so sharing it is the
 * reading that can never provoke a 429. Graph's {@code runHuntingQuery} and the Defender API's advanced queries
 * share the hunting quota (Microsoft documents them together), so they share one budget too.
 */
enum ApiFamily {
  ENTITY,
  ADVANCED_HUNTING;

  static ApiFamily of(String path) {
    final String p = path.toLowerCase(java.util.Locale.ROOT);
    return p.startsWith("/api/advancedqueries") || p.endsWith("/security/runhuntingquery") ? ADVANCED_HUNTING
        : ENTITY;
  }
}
