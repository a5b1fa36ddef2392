package org.defendersql.adapter.telemetry;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.defendersql.adapter.config.HuntingApi;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;
import org.defendersql.model.Lookup;

/**
 * The model's endpoint a request path belongs to, as its template ({@code /api/users/{key}/alerts}): a label
 * with a bounded number of values, where the path itself would make one per key.
 */
final class Endpoints {
  /**
   * A template and its segments: {@code null} stands for a {@code {key}} segment (any one segment), a string for
   * a literal one (case-blind), a pattern for one with a value inside ({@code findbyip(ip='{key}',...)}). Compared
   * segment by segment, as every API call is labelled (one regular expression a template cost a twentieth of a
   * point lookup's server time).
   */
  private record Template(String template, Object[] segments) {
    boolean matches(String path, int[] starts) {
      if (starts.length != segments.length + 1) {
        return false;
      }
      for (int i = 0; i < segments.length; i++) {
        final int from = starts[i];
        final int length = starts[i + 1] - 1 - from;
        final boolean match;
        if (segments[i] == null) {
          match = length > 0;
        } else if (segments[i] instanceof String s) {
          match = length == s.length() && path.regionMatches(true, from, s, 0, length);
        } else {
          match = ((Pattern) segments[i]).matcher(path).region(from, from + length).matches();
        }
        if (!match) {
          return false;
        }
      }
      return true;
    }
  }

  private static final List<Template> TEMPLATES = parse();

  private Endpoints() {
  }

  /** The template of the path, or {@code other} for a path no table of the model uses. */
  static String of(String encodedPath) {
    final int[] starts = starts(encodedPath);
    for (Template t : TEMPLATES) {
      if (t.matches(encodedPath, starts)) {
        return t.template();
      }
    }
    return "other";
  }

  /** The templates, longest first: the order in which a path is matched against them. */
  static List<String> templates() {
    return TEMPLATES.stream().map(Template::template).toList();
  }

  /**
   * Where each segment of the path begins, after its slash, and one past the end: {@code /api/alerts} gives 1, 5
   * and 12.
   */
  private static int[] starts(String path) {
    int n = 1;
    for (int i = 0; i < path.length(); i++) {
      if (path.charAt(i) == '/') {
        n++;
      }
    }
    final int[] starts = new int[n];
    int k = 0;
    for (int i = 0; i < path.length(); i++) {
      if (path.charAt(i) == '/') {
        starts[k++] = i + 1;
      }
    }
    starts[k] = path.length() + 1;
    return starts;
  }

  private static List<Template> parse() {
    final List<String> paths = new ArrayList<>();
    for (Entity e : DefenderModel.entities()) {
      paths.add(e.path());
      for (Lookup l : e.lookups()) {
        paths.add(l.pathTemplate());
      }
      if (e.statsPath() != null) {
        paths.add(e.statsPath());
      }
    }
    for (HuntingApi api : HuntingApi.values()) {
      paths.add(api.path);
    }
    final List<Template> templates = new ArrayList<>();
    // Longer templates first: /api/users/{key}/alerts before anything shorter that might also match.
    paths.stream().filter(p -> p != null && !p.isEmpty()).distinct()
        .sorted((a, b) -> Integer.compare(b.length(), a.length()))
        .forEach(p -> templates.add(new Template(p, segments(p))));
    return List.copyOf(templates);
  }

  /** The template's segments, as {@link Template} holds them. */
  private static Object[] segments(String template) {
    final String[] parts = template.substring(template.startsWith("/") ? 1 : 0).split("/", -1);
    final Object[] segments = new Object[parts.length];
    for (int i = 0; i < parts.length; i++) {
      final String part = parts[i];
      if (part.startsWith("{") && part.endsWith("}") && part.indexOf('{', 1) < 0) {
        segments[i] = null;
      } else if (part.indexOf('{') < 0) {
        segments[i] = part;
      } else {
        segments[i] = pattern(part);
      }
    }
    return segments;
  }

  /** A segment with values inside as a pattern: each {@code {name}} is some text, the rest literal, case-blind. */
  private static Pattern pattern(String segment) {
    final StringBuilder b = new StringBuilder();
    int from = 0;
    int open;
    while ((open = segment.indexOf('{', from)) >= 0) {
      final int close = segment.indexOf('}', open);
      b.append(Pattern.quote(segment.substring(from, open))).append("[^/]+");
      from = close + 1;
    }
    b.append(Pattern.quote(segment.substring(from)));
    return Pattern.compile(b.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }
}
