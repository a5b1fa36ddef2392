package org.defendersql.adapter.client;

import java.util.Locale;

/**
 * The API families that have budgets of their own: the Defender API's entities (100 calls a minute, 1,500 an
 * hour per app and tenant), Microsoft Graph's {@code /security} alerts and incidents (150 requests a minute per
 * app and tenant) and advanced hunting (45 a minute, 1,500 an hour). All Defender entity endpoints share one
 * budget here: the documentation states the budget per endpoint page without saying whether they add up, so
 * sharing it is the reading that can never provoke a 429. Graph's {@code runHuntingQuery} and the Defender API's
 * advanced queries share the hunting quota (Microsoft documents them together), so they share one budget too.
 */
enum ApiFamily {
  ENTITY,
  GRAPH_SECURITY,
  ADVANCED_HUNTING;

  static ApiFamily of(String path) {
    final String p = path.toLowerCase(Locale.ROOT);
    if (p.startsWith("/api/advancedqueries") || p.endsWith("/security/runhuntingquery")) {
      return ADVANCED_HUNTING;
    }
    // Graph's paths carry its version (/v1.0/security/..., /beta/security/...); the Defender API's start /api/.
    return p.startsWith("/api/") || !p.contains("/security/") ? ENTITY : GRAPH_SECURITY;
  }
}
