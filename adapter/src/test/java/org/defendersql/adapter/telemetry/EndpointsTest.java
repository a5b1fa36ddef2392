package org.defendersql.adapter.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Endpoint labels of request paths: every path of the model, filled in, and random variations of them get the
 * label a whole-path regular expression per template gives (the longest matching template, case-blind).
 */
class EndpointsTest {
  private static final String[] VALUES = {"abc123", "4c9ea5ab96358f2c", "a b", "x%2Fy", "ÄÖ", "{key}", "("};

  @Test void everyFilledInTemplateGetsTheLabelOfAWholePathMatch() {
    final List<String> templates = Endpoints.templates();
    final Random random = new Random(7);
    int checked = 0;
    for (String t : templates) {
      for (String v : VALUES) {
        final String path = t.replaceAll("\\{[^}]*}", v.replace("$", "\\$"));
        for (String p : List.of(path, path.toUpperCase(Locale.ROOT), path + "/", path + "/x", path.replace("/", "//"),
            path.substring(0, Math.max(1, path.length() - 1 - random.nextInt(Math.max(1, path.length() - 1)))))) {
          assertEquals(reference(templates, p), Endpoints.of(p), p);
          checked++;
        }
      }
    }
    assertEquals(templates.size() * VALUES.length * 6, checked);
  }

  @Test void everyTableAndLookupOfTheModelHasATemplate() {
    final List<String> templates = Endpoints.templates();
    for (org.defendersql.model.Entity e : org.defendersql.model.DefenderModel.entities()) {
      if (e.path() != null && !e.path().isEmpty()) {
        assertTrue(templates.contains(e.path()), e.path());
      }
      e.lookups().forEach(l -> assertTrue(templates.contains(l.pathTemplate()), l.pathTemplate()));
    }
  }

  @Test void pathsOfNoTableAreOther() {
    assertEquals("other", Endpoints.of("/"));
    assertEquals("other", Endpoints.of(""));
    assertEquals("other", Endpoints.of("/nothing/here"));
    assertEquals("/api/alerts", Endpoints.of("/API/Alerts"));
  }

  /** The first template whose whole-path pattern ({@code {name}} is one or more non-slash characters) matches. */
  private static String reference(List<String> templates, String path) {
    for (String t : templates) {
      final StringBuilder b = new StringBuilder();
      int from = 0;
      int open;
      while ((open = t.indexOf('{', from)) >= 0) {
        b.append(Pattern.quote(t.substring(from, open))).append("[^/]+");
        from = t.indexOf('}', open) + 1;
      }
      b.append(Pattern.quote(t.substring(from)));
      if (Pattern.compile(b.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(path).matches()) {
        return t;
      }
    }
    return "other";
  }
}
