package org.defendersql.emulator.kql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Splits a query into tokens as Kusto does: whitespace (Kusto's set, Unicode spaces included) and {@code //}
 * comments between tokens; ASCII identifiers; numbers, timespans ({@code 1d}, {@code 30m}, {@code 100ms}) and typed
 * literals scanned whole ({@code datetime(...)}, {@code long(null)}); string literals (see {@link StringLiterals});
 * word operators with {@code !} or {@code ~} ({@code !contains}, {@code in~}) and hyphenated operator names
 * ({@code project-away}) as one word.
 */
final class KqlLexer {
  private static final List<String> PUNCTUATION = List.of("==", "!=", "<>", "<=", ">=", "=~", "!~", "..", "=>",
      "|", "(", ")", "[", "]", "{", "}", ",", ";", ":", ".", "=", "<", ">", "+", "-", "*", "/", "%", "!");
  private static final Set<String> GOO_TYPES = Set.of("long", "int64", "int", "int32", "real", "double", "decimal",
      "bool", "datetime", "date", "time", "timespan", "guid");
  private static final Set<String> BOOLEANS = Set.of("true", "True", "TRUE", "false", "False", "FALSE");
  private static final Set<String> NEGATED = Set.of("!contains", "!contains_cs", "!startswith", "!startswith_cs",
      "!endswith", "!endswith_cs", "!has", "!has_cs", "!hasprefix", "!hasprefix_cs", "!hassuffix",
      "!hassuffix_cs", "!in", "!between", "!has_any", "!has_all");
  private static final Set<String> HYPHENATED = Set.of("project-away", "project-keep", "project-rename",
      "project-reorder", "project-smart", "mv-expand", "mv-apply", "make-series", "top-nested", "top-hitters",
      "parse-where", "parse-kv", "make-graph", "graph-match", "graph-merge", "graph-to-table");
  /** Timespan units and their length in nanoseconds. */
  private static final Map<String, Long> SUFFIXES = Map.ofEntries(Map.entry("d", 86_400_000_000_000L),
      Map.entry("day", 86_400_000_000_000L), Map.entry("days", 86_400_000_000_000L),
      Map.entry("h", 3_600_000_000_000L), Map.entry("hr", 3_600_000_000_000L), Map.entry("hrs", 3_600_000_000_000L),
      Map.entry("hour", 3_600_000_000_000L), Map.entry("hours", 3_600_000_000_000L), Map.entry("m", 60_000_000_000L),
      Map.entry("min", 60_000_000_000L), Map.entry("minute", 60_000_000_000L), Map.entry("minutes", 60_000_000_000L),
      Map.entry("s", 1_000_000_000L), Map.entry("sec", 1_000_000_000L), Map.entry("second", 1_000_000_000L),
      Map.entry("seconds", 1_000_000_000L), Map.entry("ms", 1_000_000L), Map.entry("milli", 1_000_000L),
      Map.entry("millis", 1_000_000L), Map.entry("millisec", 1_000_000L), Map.entry("millisecond", 1_000_000L),
      Map.entry("milliseconds", 1_000_000L), Map.entry("micro", 1_000L), Map.entry("micros", 1_000L),
      Map.entry("microsec", 1_000L), Map.entry("microsecond", 1_000L), Map.entry("microseconds", 1_000L),
      Map.entry("nano", 1L), Map.entry("nanos", 1L), Map.entry("nanosec", 1L), Map.entry("nanosecond", 1L),
      Map.entry("nanoseconds", 1L), Map.entry("tick", 100L), Map.entry("ticks", 100L));

  private final String text;
  private int pos;

  private KqlLexer(String text) {
    this.text = text;
  }

  /** The tokens of a query, ending with an EOF token. */
  static List<Token> tokens(String text) {
    final KqlLexer lexer = new KqlLexer(text);
    final List<Token> tokens = new ArrayList<>();
    Token t;
    do {
      t = lexer.next();
      tokens.add(t);
    } while (t.kind() != Token.Kind.EOF);
    return tokens;
  }

  private Token next() {
    skipTrivia();
    final int start = pos;
    if (pos >= text.length()) {
      return new Token(Token.Kind.EOF, "", null, start);
    }
    final char c = text.charAt(pos);
    if ((c == 'h' || c == 'H') && StringLiterals.startsAt(text, pos + 1) && !text.startsWith("```", pos + 1)) {
      return string(start, pos + 1);
    }
    if (StringLiterals.startsAt(text, pos)) {
      return string(start, pos);
    }
    if (isLetter(c) || c == '_' || c == '$') {
      return word(start);
    }
    if (isDigit(c)) {
      return number(start);
    }
    if (c == '!' && isLetter(at(pos + 1))) {
      int end = pos + 1;
      while (isIdentifierChar(at(end))) {
        end++;
      }
      String w = text.substring(pos, end);
      if (w.equals("!in") && at(end) == '~') {
        w = "!in~";
        end++;
      }
      if (NEGATED.contains(w) || w.equals("!in~")) {
        pos = end;
        return new Token(Token.Kind.WORD, w, null, start);
      }
    }
    for (String p : PUNCTUATION) {
      if (text.startsWith(p, pos)) {
        pos += p.length();
        return new Token(Token.Kind.PUNCT, p, null, start);
      }
    }
    throw KqlException.syntax(text, start, String.valueOf(c), "unexpected character");
  }

  private Token string(int start, int literalStart) {
    final StringLiterals.Scanned s = StringLiterals.scan(text, literalStart);
    pos = s.end();
    return new Token(Token.Kind.STRING, text.substring(start, pos), s.value(), start);
  }

  private Token word(int start) {
    int end = pos + 1;
    while (isIdentifierChar(at(end))) {
      end++;
    }
    String w = text.substring(pos, end);
    if (GOO_TYPES.contains(w) && at(end) == '(') {
      final int close = text.indexOf(')', end);
      if (close < 0) {
        throw KqlException.syntax(text, start, w + "(", "the " + w + " literal is not closed with )");
      }
      pos = close + 1;
      return new Token(Token.Kind.GOO, text.substring(start, pos), text.substring(end + 1, close).trim(), start);
    }
    if (BOOLEANS.contains(w)) {
      pos = end;
      return new Token(Token.Kind.BOOL, w, w.equalsIgnoreCase("true"), start);
    }
    if (at(end) == '-' && isLetter(at(end + 1))) {
      int e2 = end + 1;
      while (isIdentifierChar(at(e2))) {
        e2++;
      }
      if (HYPHENATED.contains(text.substring(pos, e2))) {
        w = text.substring(pos, e2);
        end = e2;
      }
    }
    if (w.equals("in") && at(end) == '~') {
      w = "in~";
      end++;
    }
    pos = end;
    return new Token(Token.Kind.WORD, w, null, start);
  }

  private Token number(int start) {
    int end = digits(pos);
    if (at(end) == '.' && isDigit(at(end + 1))) {
      end = digits(end + 1);
    }
    // A timespan: digits with an optional fraction, then a unit not followed by more of a name.
    for (int len = 12; len >= 1; len--) {
      if (end + len <= text.length()) {
        final String unit = text.substring(end, end + len);
        if (SUFFIXES.containsKey(unit) && !isIdentifierChar(at(end + len))) {
          pos = end + len;
          return new Token(Token.Kind.TIMESPAN, text.substring(start, pos),
              Timespans.ofUnits(text.substring(start, end), SUFFIXES.get(unit)), start);
        }
      }
    }
    boolean real = text.substring(start, end).contains(".");
    if ((at(end) == 'e' || at(end) == 'E') && (isDigit(at(end + 1))
        || ((at(end + 1) == '+' || at(end + 1) == '-') && isDigit(at(end + 2))))) {
      end = digits(end + 2);
      real = true;
    }
    if (isIdentifierChar(at(end))) {
      throw KqlException.syntax(text, start, text.substring(start, end + 1), "a number cannot be followed by a "
          + "letter");
    }
    pos = end;
    final String n = text.substring(start, end);
    if (real) {
      return new Token(Token.Kind.REAL, n, Double.parseDouble(n), start);
    }
    try {
      return new Token(Token.Kind.LONG, n, Long.parseLong(n), start);
    } catch (NumberFormatException e) {
      throw KqlException.syntax(text, start, n, "the number is out of the range of long");
    }
  }

  private int digits(int from) {
    int i = from;
    while (isDigit(at(i))) {
      i++;
    }
    return i;
  }

  private void skipTrivia() {
    while (pos < text.length()) {
      final char c = text.charAt(pos);
      if (isWhitespace(c)) {
        pos++;
      } else if (c == '/' && at(pos + 1) == '/') {
        while (pos < text.length() && text.charAt(pos) != '\n') {
          pos++;
        }
      } else {
        return;
      }
    }
  }

  private char at(int i) {
    return i < text.length() ? text.charAt(i) : '\0';
  }

  static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isIdentifierChar(char c) {
    return isLetter(c) || isDigit(c) || c == '_';
  }

  /** Kusto's whitespace: ASCII blanks and the Unicode spaces of {@code TextFacts.IsWhitespace}. */
  static boolean isWhitespace(char c) {
    return switch (c) {
      case '\t', ' ', '\r', '\n', '\u000c', '\u00a0', '\u1680', '\u180e', '\u2000', '\u2001', '\u2002', '\u2003',
          '\u2004', '\u2005', '\u2006', '\u2007', '\u2008', '\u2009', '\u200a', '\u200b', '\u202f', '\u205f',
          '\u3000', '\ufeff' -> true;
      default -> false;
    };
  }
}
