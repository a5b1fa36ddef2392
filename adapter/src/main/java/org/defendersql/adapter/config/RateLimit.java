package org.defendersql.adapter.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A call budget: at most {@code calls} API calls in any {@code window}. Written {@code 100/1m}; a list is
 * comma-separated, {@code 100/1m,1500/1h} (the API's documented budget per app and tenant); {@code off} is none.
 */
public record RateLimit(int calls, Duration window) {
  /** The Defender entity APIs' documented budget per app and tenant. */
  public static final String DEFAULT = org.defendersql.model.settings.Setting.RATE_LIMITS.defaultValue;

  public RateLimit {
    if (calls < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("a rate limit needs a positive count and window");
    }
  }

  /** Parses {@code 100/1m,1500/1h}, or {@code off} for no limit. */
  public static List<RateLimit> parseList(String text) {
    final List<RateLimit> limits = new ArrayList<>();
    if (text.trim().equalsIgnoreCase("off")) {
      return limits;
    }
    for (String part : text.split(",")) {
      final String[] p = part.trim().split("/");
      if (p.length != 2) {
        throw new IllegalArgumentException("'" + part.trim() + "' is not CALLS/WINDOW such as 100/1m");
      }
      try {
        limits.add(new RateLimit(Integer.parseInt(p[0].trim()), Durations.parse(p[1])));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + p[0].trim() + "' is not a whole number of calls");
      }
    }
    return List.copyOf(limits);
  }

  @Override public String toString() {
    return calls + "/" + Durations.format(window);
  }

  /** Formats a list as {@link #parseList} reads it. */
  public static String format(List<RateLimit> limits) {
    return limits.isEmpty() ? "off" : String.join(",", limits.stream().map(RateLimit::toString).toList())
        .toLowerCase(Locale.ROOT);
  }
}
