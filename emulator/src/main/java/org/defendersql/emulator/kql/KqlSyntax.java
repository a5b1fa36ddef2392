package org.defendersql.emulator.kql;

import java.time.Instant;
import java.util.List;

/**
 * The emulator's KQL reading of single constructs, for tests of a KQL writer: what a string literal or a name
 * means to the emulated service, and whether a whole query passes its checks. Each throws {@link KqlException} for
 * text the service would refuse.
 */
public final class KqlSyntax {
  private KqlSyntax() {
  }

  /**
   * The value of a string literal expression ({@code 'a\'b'}, {@code @"C:\x"}, {@code h'..'}, adjacent literals
   * joined), which must be all of {@code text} apart from surrounding whitespace and comments.
   */
  public static String stringLiteral(String text) {
    final List<Token> tokens = KqlLexer.tokens(text);
    final StringBuilder b = new StringBuilder();
    int i = 0;
    while (tokens.get(i).kind() == Token.Kind.STRING) {
      b.append((String) tokens.get(i).value());
      i++;
    }
    if (i == 0 || tokens.get(i).kind() != Token.Kind.EOF) {
      throw KqlException.syntax(text, tokens.get(i).offset(), tokens.get(i).text(), "expected only a string "
          + "literal");
    }
    return b.toString();
  }

  /**
   * The column or table name that {@code text} denotes: a plain identifier, or {@code ['name']}/{@code ["name"]}
   * with any string literal inside.
   */
  public static String name(String text) {
    final Ast.Query q = KqlParser.parse(text);
    if (!q.operators().isEmpty()) {
      throw KqlException.syntax(text, 0, text, "expected only a name");
    }
    return q.table();
  }

  /** Parses and type-checks a query as the hunting endpoints do, without running it. */
  public static void check(String query, Instant now) {
    KqlEngine.prepare(query, now, Long.MAX_VALUE);
  }
}
