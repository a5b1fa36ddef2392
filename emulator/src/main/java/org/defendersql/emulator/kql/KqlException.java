package org.defendersql.emulator.kql;

/**
 * A query the emulated service refuses: a syntax error (with its line and column), a name that resolves to no
 * table or column, a type error, or a construct the emulator does not support. The hunting endpoints answer it as
 * HTTP 400 with this message.
 */
public final class KqlException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What kind of refusal it is. */
  public enum Kind {
    /** The text is not KQL: the service's "Query could not be parsed" family. */
    SYNTAX,
    /** Valid KQL that names something unknown or mixes types: the service's semantic errors. */
    SEMANTIC,
    /** Valid KQL the emulator does not implement; the real service may accept it. */
    UNSUPPORTED
  }

  private final Kind kind;

  KqlException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  /** A syntax error at an offset of the query text, located as {@code line [l,c]} (both from 1). */
  static KqlException syntax(String text, int offset, String near, String detail) {
    final int[] lc = lineColumn(text, offset);
    return new KqlException(Kind.SYNTAX, "Syntax error: Query could not be parsed at '" + near + "' on line ["
        + lc[0] + "," + lc[1] + "]" + (detail == null ? "" : ": " + detail));
  }

  static KqlException semantic(String message) {
    return new KqlException(Kind.SEMANTIC, "Semantic error: " + message);
  }

  static KqlException unsupported(String message) {
    return new KqlException(Kind.UNSUPPORTED, "The emulated service does not support " + message
        + " (it is not part of the emulator's KQL subset).");
  }

  /** Line and column (both from 1) of an offset. */
  static int[] lineColumn(String text, int offset) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < offset && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new int[] {line, column};
  }
}
