package org.defendersql.emulator.kql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Kusto's lexical rules: string literal forms and escapes, timespans, typed literals, names. */
class KqlLexerTest {

  /** The value of the string literal(s) on the right of {@code where FileName == ...}. */
  private static String literal(String kql) {
    final Ast.Query q = KqlParser.parse("DeviceFileEvents | where FileName == " + kql);
    final Ast.Binary eq = (Ast.Binary) ((Ast.Where) q.operators().get(0)).predicate();
    return (String) ((Ast.Literal) eq.right()).value();
  }

  @Test void quotedLiteralsDecodeEveryKustoEscape() {
    assertEquals("it's", literal("'it\\'s'"));
    assertEquals("say \"hi\"", literal("\"say \\\"hi\\\"\""));
    assertEquals("a\"b", literal("'a\"b'"));
    assertEquals("a'b", literal("\"a'b\""));
    assertEquals("C:\\Windows\\System32", literal("'C:\\\\Windows\\\\System32'"));
    assertEquals("\t\n\r\u0007\b\f\u000b", literal("'\\t\\n\\r\\a\\b\\f\\v'"));
    assertEquals("Hello\u00A0World", literal("\"Hello\\u00A0World\""));
    assertEquals("\uD83D\uDE00", literal("'\\U0001F600'"));
    assertEquals("AB", literal("'\\x41\\x42'"));
    assertEquals("\u0000A\u0007", literal("'\\0\\101\\7'"));
  }

  @Test void verbatimObfuscatedMultiLineAndJoinedLiterals() {
    assertEquals("C:\\Temp\\", literal("@'C:\\Temp\\'"));
    assertEquals("it's", literal("@'it''s'"));
    assertEquals("say \"x\"", literal("@\"say \"\"x\"\"\""));
    assertEquals("secret", literal("h'secret'"));
    assertEquals("secret\\n", literal("H@'secret\\n'"));
    assertEquals("line1\nline2 \\n", literal("```line1\nline2 \\n```"));
    assertEquals("Hello, world!", literal("\"Hello\" ', ' // comment\n @\"world!\""));
  }

  @Test void badLiteralsAreSyntaxErrors() {
    for (String bad : new String[] {"'abc", "'a\nb'", "\"a\rb\"", "'\\q'", "'\\u12'", "'\\u12G4'", "'\\8'",
        "@'unterminated", "'\\xZ1'", "'\\U00110000'", "```open"}) {
      final KqlException e = assertThrows(KqlException.class, () -> literal(bad), bad);
      assertEquals(KqlException.Kind.SYNTAX, e.kind(), bad);
      assertTrue(e.getMessage().contains("on line [1,"), e.getMessage());
    }
  }

  @Test void anyStringRoundTripsThroughTheReferenceEscaper() {
    final SplittableRandom r = new SplittableRandom(7);
    for (int n = 0; n < 20_000; n++) {
      final String s = randomString(r);
      assertEquals(s, literal(KustoLiterals.singleQuoted(s)), () -> "single: " + s);
      assertEquals(s, literal(KustoLiterals.doubleQuoted(s)), () -> "double: " + s);
      if (s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
        assertEquals(s, literal(KustoLiterals.verbatim(s, '\'')), () -> "verbatim: " + s);
        assertEquals(s, literal("h" + KustoLiterals.verbatim(s, '"')), () -> "verbatim: " + s);
      }
    }
  }

  /** Quotes, backslashes, control characters, pipes, separators, surrogate pairs and any other code unit. */
  static String randomString(SplittableRandom r) {
    final String specials = "'\"\\|;\n\r\t\u0000\u2028`@h{}[]()/*";
    final StringBuilder b = new StringBuilder();
    final int len = r.nextInt(12);
    for (int i = 0; i < len; i++) {
      final int kind = r.nextInt(5);
      if (kind == 0) {
        b.append(specials.charAt(r.nextInt(specials.length())));
      } else if (kind == 1) {
        b.append((char) r.nextInt(0x20));
      } else if (kind == 2) {
        b.appendCodePoint(0x10000 + r.nextInt(0x10FFFF - 0x10000));
      } else if (kind == 3) {
        b.append((char) r.nextInt(0x10000));
      } else {
        b.append((char) (0x20 + r.nextInt(0x5f)));
      }
    }
    return b.toString();
  }

  @Test void thePublicReadersOfLiteralsAndNames() {
    final java.util.SplittableRandom r = new java.util.SplittableRandom(11);
    for (int n = 0; n < 2_000; n++) {
      final String s = randomString(r);
      assertEquals(s, KqlSyntax.stringLiteral(KustoLiterals.doubleQuoted(s)));
      assertEquals(s, KqlSyntax.name("[" + KustoLiterals.singleQuoted(s) + "]"));
    }
    assertEquals("ab", KqlSyntax.stringLiteral(" 'a' // c\n \"b\" "));
    assertEquals("DeviceInfo", KqlSyntax.name("DeviceInfo"));
    assertThrows(KqlException.class, () -> KqlSyntax.stringLiteral("'a' | take 1"));
    assertThrows(KqlException.class, () -> KqlSyntax.stringLiteral("x"));
    assertThrows(KqlException.class, () -> KqlSyntax.name("a b"));
    assertThrows(KqlException.class, () -> KqlSyntax.name("[x]"));
    KqlSyntax.check("DeviceInfo | take 1", Instant.now());
    assertThrows(KqlException.class, () -> KqlSyntax.check("DeviceInfo | take x", Instant.now()));
  }

  @Test void timespansTypedLiteralsAndNumbers() {
    assertEquals(Duration.ofDays(1), value("1d"));
    assertEquals(Duration.ofHours(2), value("2h"));
    assertEquals(Duration.ofMinutes(30), value("30m"));
    assertEquals(Duration.ofSeconds(10), value("10s"));
    assertEquals(Duration.ofMillis(100), value("100ms"));
    assertEquals(Duration.ofMinutes(90), value("1.5h"));
    assertEquals(Duration.ofDays(2), value("2days"));
    assertEquals(Duration.ofNanos(300), value("3ticks"));
    assertEquals(Duration.ofMinutes(5), value("timespan(00:05:00)"));
    assertEquals(Duration.parse("P1DT2H3M4.5S"), value("time(1.02:03:04.5)"));
    assertEquals(null, value("timespan(null)"));
    assertEquals(Instant.parse("2024-05-25T08:20:03.1234567Z"), value("datetime(2024-05-25T08:20:03.1234567Z)"));
    assertEquals(Instant.parse("2024-05-25T00:00:00Z"), value("datetime(2024-05-25)"));
    assertEquals(Instant.parse("2024-05-25T08:20:00Z"), value("datetime(2024-05-25 08:20)"));
    assertEquals(null, value("datetime(null)"));
    assertEquals(42L, value("42"));
    assertEquals(-42L, value("-42"));
    assertEquals(1.5, value("1.5"));
    assertEquals(7L, value("long(7)"));
    assertEquals(null, value("int(null)"));
    assertEquals(true, value("true"));
    assertThrows(KqlException.class, () -> value("datetime(2024-13-01)"));
    assertThrows(KqlException.class, () -> value("datetime(yesterday)"));
    assertThrows(KqlException.class, () -> value("99999999999999999999"));
  }

  private static Object value(String kql) {
    final Ast.Query q = KqlParser.parse("DeviceFileEvents | extend x = " + kql);
    return ((Ast.Literal) ((Ast.Extend) q.operators().get(0)).columns().get(0).expr()).value();
  }

  @Test void namesBracketsWordOperatorsAndComments() {
    final Ast.Query q = KqlParser.parse("['DeviceFileEvents'] // the table\n| where [\"File Name\"] !contains_cs 'x'"
        + " and A in~ ('a') and B !in~ ('b') and C !between (1 .. 2)");
    assertEquals("DeviceFileEvents", q.table());
    final String tree = q.operators().get(0).toString();
    assertTrue(tree.contains("ColumnRef[name=File Name") && tree.contains("op=!contains_cs"), tree);
    assertTrue(tree.contains("negated=true, ignoreCase=true") && tree.contains("Between"), tree);
    assertEquals("project-away", KqlLexer.tokens("T | project-away x").get(2).text());
    assertEquals("!in~", KqlLexer.tokens("x !in~ (1)").get(1).text());
    // Kusto's whitespace includes Unicode spaces.
    assertEquals(3, KqlLexer.tokens("a\u00a0\u2003b").size());
  }
}
