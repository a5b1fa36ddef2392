package org.defendersql.emulator.kql;

/**
 * A lexical token of a query.
 *
 * @param kind   what it is
 * @param text   the source text it spans
 * @param value  the decoded value: the string of a string literal, a {@code Long}, a {@code Double}, a
 *               {@code java.time.Duration}, a {@code Boolean}, or for {@link Kind#GOO} the text between the
 *               parentheses; null for words and punctuation
 * @param offset where it starts in the query text
 */
record Token(Kind kind, String text, Object value, int offset) {

  /** Token kinds. */
  enum Kind {
    /** A name, a keyword, or a word operator such as {@code contains} or {@code !in~}. */
    WORD,
    STRING,
    LONG,
    REAL,
    TIMESPAN,
    BOOL,
    /** A typed literal scanned whole, such as {@code datetime(2024-01-01)}: the word is {@link #gooType()}. */
    GOO,
    PUNCT,
    EOF
  }

  boolean is(String word) {
    return (kind == Kind.WORD || kind == Kind.PUNCT) && text.equals(word);
  }

  /** The type keyword of a typed literal: {@code datetime} in {@code datetime(...)}. */
  String gooType() {
    return text.substring(0, text.indexOf('('));
  }
}
