package org.defendersql.server.security;

import java.util.Set;

/**
 * The only paths the server answers to {@code GET} (everything else is Avatica's protocol, POST only): the
 * health check and the metrics. They pass the same Host/Origin checks and the same authentication as the rest.
 */
public final class GetEndpoints {
  /** Whether the server can serve its tenants: the token and the API, as JSON. */
  public static final String HEALTH = "/health";
  /** The server's counters in Prometheus' text format. */
  public static final String METRICS = "/metrics";
  static final Set<String> PATHS = Set.of(HEALTH, METRICS);

  private GetEndpoints() {
  }
}
