package org.defendersql.adapter.config;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.defendersql.model.settings.Setting;

/**
 * How the hunting tables are read: where Microsoft Graph is and which token audience it has, which backend
 * answers, the hunting call budget, and the bounds of one scan (rows of an answer, requests of a scan).
 *
 * @param graphUrl    Graph's root, e.g. {@code https://graph.microsoft.com}
 * @param graphScope  the OAuth scope of Graph tokens
 * @param api         the backend that answers hunting queries
 * @param rateLimits  the hunting call budget per app and tenant (empty: none)
 * @param maxRows     the service's row cap of one answer; an answer that reaches it is read on in time slices
 * @param maxRequests the most requests one hunting scan may send
 */
public record HuntingSettings(URI graphUrl, String graphScope, HuntingApi api, List<RateLimit> rateLimits,
    int maxRows, int maxRequests) {

  public HuntingSettings {
    Objects.requireNonNull(graphUrl, "graphUrl");
    Objects.requireNonNull(graphScope, "graphScope");
    Objects.requireNonNull(api, "api");
    rateLimits = List.copyOf(rateLimits);
  }

  /** The defaults: global Graph, its scope, the documented budget and row cap. */
  public static HuntingSettings defaults() {
    return new HuntingSettings(URI.create(Setting.GRAPH_URL.defaultValue), Setting.GRAPH_SCOPE.defaultValue,
        HuntingApi.parse(Setting.HUNTING_API.defaultValue),
        RateLimit.parseList(Setting.HUNTING_RATE_LIMITS.defaultValue),
        Integer.parseInt(Setting.HUNTING_MAX_ROWS.defaultValue),
        Integer.parseInt(Setting.HUNTING_MAX_REQUESTS.defaultValue));
  }

  /**
   * The Graph scope of a Graph root: the US government roots ({@code *.microsoft.us}) are their own audience;
   * any other host (global Graph, a proxy, an emulator) is global Graph.
   */
  static String defaultScope(URI graph) {
    final String host = graph.getHost() == null ? "" : graph.getHost().toLowerCase(Locale.ROOT);
    if (host.endsWith(".microsoft.us")) {
      return "https://" + host + "/.default";
    }
    return Setting.GRAPH_SCOPE.defaultValue;
  }

  /** A whole number setting of at least 1. */
  static int positive(String text) {
    final int n = Integer.parseInt(text.trim());
    if (n < 1) {
      throw new IllegalArgumentException("must be at least 1");
    }
    return n;
  }

  @Override public String toString() {
    return "hunting[api=" + api.name().toLowerCase(Locale.ROOT) + ", graphUrl=" + graphUrl + ", graphScope="
        + graphScope + ", rateLimits=" + RateLimit.format(rateLimits) + ", maxRows=" + maxRows + ", maxRequests="
        + maxRequests + "]";
  }
}
