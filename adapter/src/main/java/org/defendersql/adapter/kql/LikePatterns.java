package org.defendersql.adapter.kql;

import java.util.Optional;

/**
 * SQL {@code LIKE} patterns (without {@code ESCAPE}) as KQL predicates on a string column, case-sensitive as in
 * SQL: {@code 'x%'} is {@code startswith_cs}, {@code '%x'} {@code endswith_cs}, {@code '%x%'} {@code contains_cs},
 * anything else an anchored {@code matches regex}. Never {@code has}, which matches whole terms only.
 *
 * <p>The regular expression reproduces Calcite's reading of a pattern: {@code %} is any characters, line breaks
 * included; {@code _} is one character that is not a line terminator (Java's {@code .}); every other character is
 * itself (a backslash too: without {@code ESCAPE} it escapes nothing). It is written in the syntax RE2 (Kusto's
 * engine) and Java share: {@code \A}, {@code \z}, {@code (?s:.*)}, {@code \x{...}}, punctuation escaped.
 */
final class LikePatterns {
  /** Java's line terminators, which Calcite's {@code _} does not match. */
  private static final String ONE_CHARACTER = "[^\\n\\r\\x{85}\\x{2028}\\x{2029}]";

  private LikePatterns() {
  }

  /**
   * The KQL predicate on {@code column} selecting the values the pattern matches (never an empty string, which SQL
   * reads as NULL), or empty when a literal cannot be written.
   */
  static Optional<String> kql(String column, String pattern) {
    if (pattern.isEmpty()) {
      return Optional.of("false"); // only '' matches '', and no SQL value is ''
    }
    final boolean wild = pattern.indexOf('_') >= 0;
    final String inner = trimPercents(pattern);
    if (inner.isEmpty()) {
      return Optional.of("isnotempty(" + column + ")"); // '%': every non-null value
    }
    if (!wild && inner.indexOf('%') < 0) {
      final boolean leading = pattern.startsWith("%");
      final boolean trailing = pattern.endsWith("%");
      final String op = leading && trailing ? " contains_cs " : leading ? " endswith_cs " : trailing
          ? " startswith_cs " : " == ";
      return KqlLiterals.string(inner).map(l -> column + op + l);
    }
    return KqlLiterals.string(regex(pattern)).map(l -> column + " matches regex " + l);
  }

  /** The pattern without its leading and trailing {@code %}s. */
  private static String trimPercents(String pattern) {
    int start = 0;
    int end = pattern.length();
    while (start < end && pattern.charAt(start) == '%') {
      start++;
    }
    while (end > start && pattern.charAt(end - 1) == '%') {
      end--;
    }
    return pattern.substring(start, end);
  }

  /** The anchored regular expression matching exactly what the pattern matches. */
  static String regex(String pattern) {
    final StringBuilder b = new StringBuilder("\\A");
    for (int i = 0; i < pattern.length(); i++) {
      final char c = pattern.charAt(i);
      if (c == '%') {
        b.append("(?s:.*)");
      } else if (c == '_') {
        b.append(ONE_CHARACTER);
      } else if (c < 0x80 && !Character.isLetterOrDigit(c) && c > ' ' && c != 0x7f) {
        b.append('\\').append(c); // ASCII punctuation: escaped, which both engines read as the character itself
      } else {
        b.append(c);
      }
    }
    return b.append("\\z").toString();
  }
}
