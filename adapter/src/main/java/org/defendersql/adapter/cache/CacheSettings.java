package org.defendersql.adapter.cache;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.defendersql.adapter.config.Durations;
import org.defendersql.model.settings.Setting;

/**
 * The cache settings of a connection: whether its queries use the shared cache, the cap on every table's
 * time-to-live, and the cache's bound in bytes (fixed by the first connection of an app identity, as its call
 * budget is).
 *
 * @param on       whether answers are served from and stored into the cache
 * @param ttlCap   the longest any answer is kept, or null for each table's own time-to-live
 * @param maxBytes the cache's bound, in estimated bytes of the answers' rows
 */
public record CacheSettings(boolean on, Duration ttlCap, long maxBytes) {
  private static final Pattern BYTES = Pattern.compile("(\\d+)\\s*(b|kb|kib|k|mb|mib|m|gb|gib|g)?");

  /** The defaults: on, each table's own time-to-live, {@value Setting#CACHE_MAX_BYTES} default bound. */
  public static CacheSettings defaults() {
    return new CacheSettings(true, null, bytes(Setting.CACHE_MAX_BYTES.defaultValue));
  }

  /** Reads the settings, adding what is malformed to {@code problems}. */
  public static CacheSettings from(Function<Setting, String> get, List<String> problems) {
    final CacheSettings d = defaults();
    boolean on = d.on();
    final String onText = get.apply(Setting.CACHE);
    if (onText != null) {
      final String t = onText.toLowerCase(Locale.ROOT);
      if (t.equals("on") || t.equals("true")) {
        on = true;
      } else if (t.equals("off") || t.equals("false")) {
        on = false;
      } else {
        problems.add(Setting.CACHE.operand + " (environment " + Setting.CACHE.env + ") must be on or off, not '"
            + onText + "'");
      }
    }
    Duration ttl = null;
    final String ttlText = get.apply(Setting.CACHE_TTL);
    if (ttlText != null) {
      try {
        ttl = Durations.parse(ttlText);
      } catch (RuntimeException e) {
        problems.add(Setting.CACHE_TTL.operand + " (environment " + Setting.CACHE_TTL.env + ") is invalid: "
            + e.getMessage());
      }
    }
    long max = d.maxBytes();
    final String maxText = get.apply(Setting.CACHE_MAX_BYTES);
    if (maxText != null) {
      try {
        max = bytes(maxText);
      } catch (IllegalArgumentException e) {
        problems.add(Setting.CACHE_MAX_BYTES.operand + " (environment " + Setting.CACHE_MAX_BYTES.env + ") is"
            + " invalid: " + e.getMessage());
      }
    }
    return new CacheSettings(on, ttl, max);
  }

  /** A size as people write it: {@code 65536}, {@code 512KB}, {@code 64MB}, {@code 1GB} (powers of 1024). */
  public static long bytes(String text) {
    final Matcher m = BYTES.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("not a size such as 64MB: '" + text + "'");
    }
    final long n = Long.parseLong(m.group(1));
    final String unit = m.group(2) == null ? "b" : m.group(2);
    final int shift = switch (unit.charAt(0)) {
      case 'k' -> 10;
      case 'm' -> 20;
      case 'g' -> 30;
      default -> 0;
    };
    if (n > Long.MAX_VALUE >> shift) {
      throw new IllegalArgumentException("too large: '" + text + "'");
    }
    return n << shift;
  }

  /** A table's time-to-live under the cap. */
  public Duration ttl(Duration own) {
    return ttlCap == null || ttlCap.compareTo(own) >= 0 ? own : ttlCap;
  }
}
