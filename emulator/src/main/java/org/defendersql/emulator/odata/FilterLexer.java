package org.defendersql.emulator.odata;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.defendersql.emulator.odata.FilterToken.Kind;

/** Splits an already URL-decoded {@code $filter} expression into tokens. */
final class FilterLexer {
  private static final Pattern GUID = Pattern.compile(
      "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}");
  /** Anything that starts like a date: the exact form is checked by {@link EdmDateTime}. */
  private static final Pattern DATE_LIKE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[0-9A-Za-z:.+\\-]*");
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");

  private final String text;
  private int pos;

  private FilterLexer(String text) {
    this.text = text;
  }

  /** The tokens of the expression, ending with an {@link Kind#END} token. */
  static List<FilterToken> tokenize(String text) {
    return new FilterLexer(text).run();
  }

  private List<FilterToken> run() {
    final List<FilterToken> tokens = new ArrayList<>();
    while (true) {
      while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
        pos++;
      }
      if (pos >= text.length()) {
        tokens.add(new FilterToken(Kind.END, "", pos));
        return tokens;
      }
      tokens.add(next());
    }
  }

  private FilterToken next() {
    final int start = pos;
    final char c = text.charAt(pos);
    switch (c) {
      case '(': pos++; return new FilterToken(Kind.OPEN, "(", start);
      case ')': pos++; return new FilterToken(Kind.CLOSE, ")", start);
      case ',': pos++; return new FilterToken(Kind.COMMA, ",", start);
      case ':': pos++; return new FilterToken(Kind.COLON, ":", start);
      case '/': pos++; return new FilterToken(Kind.SLASH, "/", start);
      case '\'': return string(start);
      default: break;
    }
    final FilterToken guid = match(GUID, Kind.GUID, start);
    if (guid != null) {
      return guid;
    }
    if (Character.isDigit(c) || c == '-') {
      final Matcher date = DATE_LIKE.matcher(text).region(start, text.length());
      if (date.lookingAt()) {
        final String literal = date.group();
        if (!EdmDateTime.isLiteral(literal)) {
          throw syntax("Unrecognized DateTimeOffset literal '" + literal + "'", start);
        }
        pos = date.end();
        return new FilterToken(Kind.DATE_TIME, literal, start);
      }
      final Matcher number = NUMBER.matcher(text).region(start, text.length());
      if (number.lookingAt()) {
        pos = number.end();
        final boolean decimal = number.group(1) != null || number.group(2) != null;
        return endOfWord(new FilterToken(decimal ? Kind.DECIMAL : Kind.INTEGER, number.group(), start));
      }
    }
    if (Character.isLetter(c) || c == '_') {
      while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
        pos++;
      }
      return new FilterToken(Kind.IDENTIFIER, text.substring(start, pos), start);
    }
    throw syntax("Unexpected character '" + c + "'", start);
  }

  private FilterToken match(Pattern p, Kind kind, int start) {
    final Matcher m = p.matcher(text).region(start, text.length());
    if (m.lookingAt() && (m.end() == text.length() || !isWordChar(text.charAt(m.end())))) {
      pos = m.end();
      return new FilterToken(kind, m.group(), start);
    }
    return null;
  }

  /** A literal glued to letters ({@code 12abc}, {@code 5L}) is not a literal this service accepts. */
  private FilterToken endOfWord(FilterToken t) {
    if (pos < text.length() && isWordChar(text.charAt(pos))) {
      throw syntax("Unrecognized literal '" + text.substring(t.pos(), pos + 1) + "'", t.pos());
    }
    return t;
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.';
  }

  /** A single-quoted string; {@code ''} stands for one quote and nothing else is an escape. */
  private FilterToken string(int start) {
    final StringBuilder b = new StringBuilder();
    int i = start + 1;
    while (true) {
      final int q = text.indexOf('\'', i);
      if (q < 0) {
        throw ODataException.badQuery("There is an unterminated string literal at position " + start + " in '"
            + text + "'.");
      }
      b.append(text, i, q);
      if (q + 1 < text.length() && text.charAt(q + 1) == '\'') {
        b.append('\'');
        i = q + 2;
      } else {
        pos = q + 1;
        return new FilterToken(Kind.STRING, b.toString(), start);
      }
    }
  }

  private ODataException syntax(String what, int at) {
    return ODataException.badQuery(what + ": syntax error at position " + at + " in '" + text + "'.");
  }
}
