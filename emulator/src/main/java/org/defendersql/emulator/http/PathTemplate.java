package org.defendersql.emulator.http;

import java.util.List;

/**
 * Matches a request's decoded path segments against a route template, as both the Defender API's and Graph's
 * routes are written: segments compare ignoring case, and {@code {key}} stands for any one non-empty segment.
 */
public final class PathTemplate {
  private PathTemplate() {
  }

  /**
   * The segment {@code {key}} stands for when the path matches the template ({@code ""} for a template without
   * one), or null when it does not match.
   */
  public static String match(List<String> template, List<String> segments) {
    final java.util.Map<String, String> values = matchAll(template, segments);
    return values == null ? null : values.getOrDefault("key", "");
  }

  /**
   * Every placeholder's value when the path matches the template, by name ({@code key}, and e.g. {@code timestamp}
   * of a segment such as {@code findbyip(ip='{key}',timestamp={timestamp})}, whose literal parts compare ignoring
   * case), or null when it does not match.
   */
  public static java.util.Map<String, String> matchAll(List<String> template, List<String> segments) {
    if (template.size() != segments.size()) {
      return null;
    }
    final java.util.Map<String, String> values = new java.util.HashMap<>();
    for (int i = 0; i < segments.size(); i++) {
      final String want = template.get(i);
      final String got = segments.get(i);
      if (!want.equals("{key}") && want.contains("{")) {
        if (!partial(want, got, values)) {
          return null;
        }
      } else if (want.equals("{key}")) {
        if (got.isEmpty()) {
          return null;
        }
        values.put("key", got);
      } else if (!want.equalsIgnoreCase(got)) {
        return null;
      }
    }
    return values;
  }

  /** Matches one segment with placeholders inside it, adding their values; false when it does not match. */
  private static boolean partial(String want, String got, java.util.Map<String, String> values) {
    final java.util.regex.Matcher names = java.util.regex.Pattern.compile("\\{([a-z_0-9]+)\\}").matcher(want);
    final StringBuilder regex = new StringBuilder();
    final List<String> order = new java.util.ArrayList<>();
    int at = 0;
    while (names.find()) {
      regex.append(java.util.regex.Pattern.quote(want.substring(at, names.start()))).append("(.+?)");
      order.add(names.group(1));
      at = names.end();
    }
    regex.append(java.util.regex.Pattern.quote(want.substring(at)));
    final java.util.regex.Matcher m = java.util.regex.Pattern.compile(regex.toString(),
        java.util.regex.Pattern.CASE_INSENSITIVE).matcher(got);
    if (!m.matches()) {
      return false;
    }
    for (int g = 0; g < order.size(); g++) {
      values.put(order.get(g), m.group(g + 1));
    }
    return true;
  }
}
