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
  /** A template and the pattern of the paths it stands for. */
  private record Template(String template, Pattern pattern) {
  }

  private static final List<Template> TEMPLATES = templates();

  private Endpoints() {
  }

  /** The template of the path, or {@code other} for a path no table of the model uses. */
  static String of(String encodedPath) {
    for (Template t : TEMPLATES) {
      if (t.pattern().matcher(encodedPath).matches()) {
        return t.template();
      }
    }
    return "other";
  }

  private static List<Template> templates() {
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
        .forEach(p -> templates.add(new Template(p, pattern(p))));
    return List.copyOf(templates);
  }

  /** The template as a pattern: {@code {key}} stands for one path segment, the rest is literal and case-blind. */
  private static Pattern pattern(String template) {
    final StringBuilder b = new StringBuilder();
    int from = 0;
    int open;
    while ((open = template.indexOf('{', from)) >= 0) {
      final int close = template.indexOf('}', open);
      b.append(Pattern.quote(template.substring(from, open))).append("[^/]+");
      from = close + 1;
    }
    b.append(Pattern.quote(template.substring(from)));
    return Pattern.compile(b.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }
}
