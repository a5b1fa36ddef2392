package org.defendersql.adapter.pushdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

/**
 * The exact-request assertion of the pushdown tests (MDE and Graph): the request lines a statement sent against
 * the expected ones, where {@code ~regex} matches a line whose values vary (a skip token, a time).
 */
public final class RequestLines {
  private RequestLines() {
  }

  /** Asserts the sent lines are the expected ones, in order, except keyed GETs of several keys, sent together. */
  public static void assertExactly(List<String> expected, List<String> sent, String sql) {
    assertEquals(expected.size(), sent.size(), "requests of " + sql + ": " + sent);
    List<String> want = expected;
    List<String> got = sent;
    if (expected.size() > 1 && expected.stream().allMatch(r -> !r.startsWith("~") && !r.contains("?"))) {
      // Keyed GETs of several keys go out together: their order on the wire is not the statement's.
      want = new ArrayList<>(expected);
      want.sort(null);
      got = new ArrayList<>(sent);
      got.sort(null);
    }
    for (int i = 0; i < want.size(); i++) {
      final String w = want.get(i);
      if (w.startsWith("~")) {
        assertTrue(got.get(i).matches(w.substring(1)), got.get(i) + " does not match " + w);
      } else {
        assertEquals(w, got.get(i), sql);
      }
    }
  }
}
