package org.defendersql.emulator.kql;

/**
 * Scans and decodes Kusto string literals exactly as Kusto.Language's {@code TokenParser} and {@code KustoFacts}
 * do: {@code '...'} and {@code "..."} with backslash escapes ({@code \\ \' \" \a \b \f \n \r \t \v}, {@code \}{@code
 * uXXXX}, {@code \UXXXXXXXX}, {@code \xHH}, octal {@code \ooo}); verbatim {@code @'...'}/{@code @"..."} where a
 * doubled quote is a quote and a backslash is itself; a leading {@code h} or {@code H} (obfuscated, the same value);
 * and multi-line {@code ```...```} taken as is. A raw line break ends a quoted literal: it is an error, as is any
 * other escape.
 */
final class StringLiterals {
  private StringLiterals() {
  }

  /** A scanned literal: its decoded value and where it ends (exclusive). */
  record Scanned(String value, int end) {
  }

  /** Whether a string literal starts at {@code pos} (after an optional {@code h}/{@code H}). */
  static boolean startsAt(String text, int pos) {
    final char c = at(text, pos);
    return c == '\'' || c == '"' || (c == '@' && (at(text, pos + 1) == '\'' || at(text, pos + 1) == '"'))
        || text.startsWith("```", pos);
  }

  /**
   * Scans the literal at {@code start} ({@code h}/{@code H} already skipped by the caller when present).
   *
   * @throws KqlException when it is not terminated on its line or holds an invalid escape
   */
  static Scanned scan(String text, int start) {
    int pos = start;
    if (text.startsWith("```", pos)) {
      final int close = text.indexOf("```", pos + 3);
      if (close < 0) {
        throw KqlException.syntax(text, start, "```", "the multi-line string literal is not closed with ```");
      }
      return new Scanned(text.substring(pos + 3, close), close + 3);
    }
    boolean verbatim = false;
    if (at(text, pos) == '@') {
      verbatim = true;
      pos++;
    }
    final char quote = at(text, pos);
    pos++;
    final StringBuilder b = new StringBuilder();
    while (true) {
      if (pos >= text.length() || text.charAt(pos) == '\n' || text.charAt(pos) == '\r') {
        throw KqlException.syntax(text, start, text.substring(start, Math.min(text.length(), start + 20)),
            "the string literal is not closed with " + quote + " on its line");
      }
      final char c = text.charAt(pos);
      if (c == quote) {
        if (verbatim && at(text, pos + 1) == quote) {
          b.append(quote);
          pos += 2;
          continue;
        }
        return new Scanned(b.toString(), pos + 1);
      }
      if (c == '\\' && !verbatim) {
        pos = escape(text, pos, b);
        continue;
      }
      b.append(c);
      pos++;
    }
  }

  /** Decodes the escape at {@code pos} (a backslash) into {@code b}; returns the position after it. */
  private static int escape(String text, int pos, StringBuilder b) {
    final char e = at(text, pos + 1);
    switch (e) {
      case '\\', '\'', '"' -> b.append(e);
      case 'a' -> b.append('\u0007');
      case 'b' -> b.append('\b');
      case 'f' -> b.append('\f');
      case 'n' -> b.append('\n');
      case 'r' -> b.append('\r');
      case 't' -> b.append('\t');
      case 'v' -> b.append('\u000b');
      case 'u' -> {
        b.append((char) hex(text, pos, 4));
        return pos + 6;
      }
      case 'U' -> {
        final int cp = hex(text, pos, 8);
        if (cp > Character.MAX_CODE_POINT || (cp >= 0xD800 && cp <= 0xDFFF)) {
          throw badEscape(text, pos, 10);
        }
        b.appendCodePoint(cp);
        return pos + 10;
      }
      case 'x' -> {
        b.append((char) hex(text, pos, 2));
        return pos + 4;
      }
      default -> {
        final int n = octalLength(text, pos + 1);
        if (n <= 0) {
          throw badEscape(text, pos, 2);
        }
        b.append((char) Integer.parseInt(text.substring(pos + 1, pos + 1 + n), 8));
        return pos + 1 + n;
      }
    }
    return pos + 2;
  }

  /** The value of {@code digits} hex digits after the escape letter at {@code pos + 1}. */
  private static int hex(String text, int pos, int digits) {
    final int from = pos + 2;
    if (from + digits > text.length()) {
      throw badEscape(text, pos, text.length() - pos);
    }
    int v = 0;
    for (int i = from; i < from + digits; i++) {
      final int d = Character.digit(text.charAt(i), 16);
      if (d < 0 || text.charAt(i) > 'f') {
        throw badEscape(text, pos, i - pos + 1);
      }
      v = (v << 4) | d;
    }
    return v;
  }

  /** How many octal digits Kusto takes after a backslash: up to three, three only when the first is 0 to 3. */
  private static int octalLength(String text, int start) {
    if (!isOctal(at(text, start))) {
      return -1;
    }
    if (!isOctal(at(text, start + 1))) {
      return 1;
    }
    return isOctal(at(text, start + 2)) && text.charAt(start) <= '3' ? 3 : 2;
  }

  private static boolean isOctal(char c) {
    return c >= '0' && c <= '7';
  }

  private static KqlException badEscape(String text, int pos, int length) {
    return KqlException.syntax(text, pos, text.substring(pos, Math.min(text.length(), pos + Math.max(length, 2))),
        "invalid escape sequence in a string literal");
  }

  private static char at(String text, int pos) {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }
}
