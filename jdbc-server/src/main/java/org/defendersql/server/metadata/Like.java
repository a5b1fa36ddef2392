package org.defendersql.server.metadata;

import java.util.regex.Pattern;

/**
 * JDBC's search patterns ({@code getTables}, {@code getFunctions}...): {@code %} any run of characters,
 * {@code _} any one, {@code \} escapes the next (Calcite's search string escape); null matches everything.
 */
final class Like {
  private Like() {
  }

  static boolean matches(String pattern, String value) {
    if (pattern == null) {
      return true;
    }
    if (value == null) {
      return false;
    }
    final StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      final char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else if (c == '%') {
        regex.append(".*");
      } else if (c == '_') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(value).matches();
  }
}
