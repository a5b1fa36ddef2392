package org.defendersql.emulator.kql;

/**
 * A reference escaper for tests, written from Kusto.Language's {@code KustoFacts.GetEscapedString} (the escapes of
 * quote, backslash and the C control characters) plus {@code \}{@code uXXXX} for every other control character,
 * and the verbatim form that doubles the quote.
 */
final class KustoLiterals {
  private KustoLiterals() {
  }

  static String singleQuoted(String s) {
    return "'" + escaped(s, '\'') + "'";
  }

  static String doubleQuoted(String s) {
    return "\"" + escaped(s, '"') + "\"";
  }

  /** {@code @'...'}; only for text without line breaks, which no quoted literal may hold raw. */
  static String verbatim(String s, char quote) {
    return "@" + quote + s.replace(String.valueOf(quote), String.valueOf(quote) + quote) + quote;
  }

  private static String escaped(String s, char quote) {
    final StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      final char c = s.charAt(i);
      if (c == quote || c == '\\') {
        b.append('\\').append(c);
      } else if (c == '\n') {
        b.append("\\n");
      } else if (c == '\r') {
        b.append("\\r");
      } else if (c == '\t') {
        b.append("\\t");
      } else if (c < 0x20 || c == 0x7f) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
