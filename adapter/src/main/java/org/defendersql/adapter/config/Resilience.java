package org.defendersql.adapter.config;

import java.time.Duration;
import java.util.List;
import org.defendersql.model.settings.Setting;

/**
 * How a connection copes with the API's limits and failures: the client-side call budget, the bounds on
 * retries and the HTTP timeouts.
 *
 * @param rateLimits      the call budget of the Defender API's entities per app and tenant, shared by the whole
 *                        process
 * @param graphRateLimits the call budget of Microsoft Graph's {@code /security} alerts and incidents per app and
 *                        tenant (150 requests a minute), kept apart from the Defender API's
 * @param maxRetries      retries of one page request at most (429, 5xx, timeouts, dropped connections)
 * @param maxRetryTime    the longest time spent retrying one page request, waits included
 * @param retryBackoff    the first back-off; it doubles with each retry (with jitter), up to 30 s
 * @param connectTimeout  the TCP/TLS connect timeout
 * @param readTimeout     the longest wait for the next bytes of an answer
 * @param exportRateLimits the call budget of the Defender API's export APIs per app and tenant (30 calls a minute,
 *                        1,000 an hour), kept apart from its entities'
 */
public record Resilience(List<RateLimit> rateLimits, List<RateLimit> graphRateLimits, int maxRetries,
    Duration maxRetryTime, Duration retryBackoff, Duration connectTimeout, Duration readTimeout,
    List<RateLimit> exportRateLimits) {

  public static final int DEFAULT_MAX_RETRIES = Integer.parseInt(Setting.MAX_RETRIES.defaultValue);
  public static final String DEFAULT_MAX_RETRY_TIME = Setting.MAX_RETRY_TIME.defaultValue;
  public static final String DEFAULT_RETRY_BACKOFF = Setting.RETRY_BACKOFF.defaultValue;
  public static final String DEFAULT_CONNECT_TIMEOUT = Setting.CONNECT_TIMEOUT.defaultValue;
  public static final String DEFAULT_READ_TIMEOUT = Setting.READ_TIMEOUT.defaultValue;

  public Resilience {
    rateLimits = List.copyOf(rateLimits);
    graphRateLimits = List.copyOf(graphRateLimits);
    exportRateLimits = List.copyOf(exportRateLimits);
  }

  /** The same settings without the export budget given: the export APIs' documented one. */
  public Resilience(List<RateLimit> rateLimits, List<RateLimit> graphRateLimits, int maxRetries,
      Duration maxRetryTime, Duration retryBackoff, Duration connectTimeout, Duration readTimeout) {
    this(rateLimits, graphRateLimits, maxRetries, maxRetryTime, retryBackoff, connectTimeout, readTimeout,
        RateLimit.parseList(Setting.EXPORT_RATE_LIMITS.defaultValue));
  }

  /** The defaults: the documented budgets, 5 retries within 2 minutes, 500 ms first back-off. */
  public static Resilience defaults() {
    return new Resilience(RateLimit.parseList(RateLimit.DEFAULT),
        RateLimit.parseList(Setting.GRAPH_RATE_LIMITS.defaultValue), DEFAULT_MAX_RETRIES,
        Durations.parse(DEFAULT_MAX_RETRY_TIME), Durations.parse(DEFAULT_RETRY_BACKOFF),
        Durations.parse(DEFAULT_CONNECT_TIMEOUT), Durations.parse(DEFAULT_READ_TIMEOUT));
  }

  @Override public String toString() {
    return "rateLimits=" + RateLimit.format(rateLimits) + ", graphRateLimits=" + RateLimit.format(graphRateLimits)
        + ", exportRateLimits=" + RateLimit.format(exportRateLimits) + ", maxRetries=" + maxRetries + ", maxRetryTime="
        + Durations.format(maxRetryTime) + ", retryBackoff=" + Durations.format(retryBackoff) + ", connectTimeout="
        + Durations.format(connectTimeout) + ", readTimeout=" + Durations.format(readTimeout);
  }
}
