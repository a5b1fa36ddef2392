package org.defendersql.emulator.odata;

/**
 * One lexical token of a {@code $filter} expression.
 *
 * @param kind what the token is
 * @param text the token as written ({@link Kind#STRING}: the unescaped value, without quotes)
 * @param pos  the 0-based position of its first character in the expression
 */
record FilterToken(Kind kind, String text, int pos) {

  /** Token kinds; literal kinds are recognised by shape, keywords are identifiers the parser interprets. */
  enum Kind {
    IDENTIFIER, STRING, INTEGER, DECIMAL, DATE_TIME, GUID, OPEN, CLOSE, COMMA, COLON, SLASH, END
  }

  boolean is(Kind k) {
    return kind == k;
  }

  /** Whether this is the identifier (keyword) {@code word}, matched case-sensitively as OData keywords are. */
  boolean isWord(String word) {
    return kind == Kind.IDENTIFIER && text.equals(word);
  }
}
