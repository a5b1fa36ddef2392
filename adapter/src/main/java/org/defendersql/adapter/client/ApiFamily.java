package org.defendersql.adapter.client;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Lookup;

/**
 * The API families that have budgets of their own: the Defender API's entities (100 calls a minute, 1,500 an
 * hour per app and tenant), its export APIs (the model's {@link DefenderModel#EXPORT_BUDGET}, antivirus health
 * included: 30 a minute, 1,000 an hour, documented apart), Microsoft Graph's {@code /security} alerts and
 * incidents (150 requests a minute per app and tenant) and advanced hunting (45 a minute, 1,500 an hour). All
 * Defender entity endpoints share one budget here: the documentation states the budget per endpoint page without
 * saying whether they add up, so sharing it is the reading that can never provoke a 429. Graph's
 * {@code runHuntingQuery} and the Defender API's advanced queries share the hunting quota (Microsoft documents
 * them together), so they share one budget too.
 */
enum ApiFamily {
  ENTITY,
  EXPORT,
  GRAPH_SECURITY,
  ADVANCED_HUNTING;

  /** The paths of the tables on the export budget (a lookup's without its query string), lower case. */
  private static final List<String> EXPORT_PATHS = DefenderModel.EXPORT_BUDGET.stream()
      .flatMap(e -> Stream.concat(Stream.ofNullable(e.path()), e.lookups().stream().map(Lookup::pathTemplate)))
      .map(t -> t.split("\\?", 2)[0].toLowerCase(Locale.ROOT)).distinct().toList();

  static ApiFamily of(String path) {
    final String p = path.toLowerCase(Locale.ROOT);
    if (p.startsWith("/api/advancedqueries") || p.endsWith("/security/runhuntingquery")) {
      return ADVANCED_HUNTING;
    }
    if (EXPORT_PATHS.stream().anyMatch(p::equals)) {
      return EXPORT;
    }
    // Graph's paths carry its version (/v1.0/security/..., /beta/security/...); the Defender API's start /api/.
    return p.startsWith("/api/") || !p.contains("/security/") ? ENTITY : GRAPH_SECURITY;
  }
}
