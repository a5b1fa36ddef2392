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
    if (template.size() != segments.size()) {
      return null;
    }
    String key = "";
    for (int i = 0; i < segments.size(); i++) {
      final String want = template.get(i);
      final String got = segments.get(i);
      if (want.equals("{key}")) {
        if (got.isEmpty()) {
          return null;
        }
        key = got;
      } else if (!want.equalsIgnoreCase(got)) {
        return null;
      }
    }
    return key;
  }
}
