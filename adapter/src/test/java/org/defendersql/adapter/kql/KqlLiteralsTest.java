package org.defendersql.adapter.kql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * KQL literals and identifiers: the documented escapes only, and a decoder written from Kusto's documentation
 * reads every written literal back to the original string. (The emulator's KQL parser is the second, independent
 * reader: see the fuzz test beside the hunting tables.)
 */
class KqlLiteralsTest {
  @Test void stringsUseOnlyTheDocumentedEscapes() {
    assertEquals(Optional.of("\"O'Brien\""), KqlLiterals.string("O'Brien"));
    assertEquals(Optional.of("\"say \\\"hi\\\"\""), KqlLiterals.string("say \"hi\""));
    assertEquals(Optional.of("\"C:\\\\Windows\\\\System32\""), KqlLiterals.string("C:\\Windows\\System32"));
    assertEquals(Optional.of("\"a\\nb\\rc\\td\""), KqlLiterals.string("a\nb\rc\td"));
    assertEquals(Optional.of("\"x | where true; .drop table T\""), KqlLiterals.string("x | where true; .drop table T"));
    assertEquals(Optional.of("\"测试 𝒜😀\""), KqlLiterals.string("测试 𝒜😀"));
    assertEquals(Optional.empty(), KqlLiterals.string("bell\u0007"), "undocumented control characters stay in SQL");
    assertEquals(Optional.empty(), KqlLiterals.string("nul\u0000"));
  }

  @Test void everyWrittenStringDecodesToItself() {
    final Random random = new Random(7);
    final String alphabet = "ab\"'\\\n\r\t|;/*-`@$()[]{} é测😀";
    for (int i = 0; i < 100_000; i++) {
      final StringBuilder b = new StringBuilder();
      for (int n = random.nextInt(12); n > 0; n--) {
        b.append(random.nextInt(8) == 0 ? (char) random.nextInt(0x3000)
            : alphabet.charAt(random.nextInt(alphabet.length())));
      }
      final String s = b.toString();
      final Optional<String> literal = KqlLiterals.string(s);
      if (s.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t' || c == 0x7f)) {
        assertTrue(literal.isEmpty(), s);
      } else {
        assertEquals(s, decode(literal.orElseThrow()), literal.get());
      }
    }
  }

  @Test void identifiersArePlainUnlessTheyCannotBe() {
    assertEquals("DeviceName", KqlLiterals.identifier("DeviceName"));
    assertEquals("['where']", KqlLiterals.identifier("where"));
    assertEquals("['my column']", KqlLiterals.identifier("my column"));
    assertEquals("['it\\'s']", KqlLiterals.identifier("it's"));
    assertEquals("['1st']", KqlLiterals.identifier("1st"));
  }

  @Test void dateTimesAreUtcWithMilliseconds() {
    assertEquals("datetime(2026-11-30T10:00:00.123Z)",
        KqlLiterals.datetime(Instant.parse("2026-11-30T10:00:00.123456Z")));
    assertEquals("datetime(1970-01-01T00:00:00.000Z)", KqlLiterals.datetime(0L));
    assertEquals(Optional.empty(), KqlLiterals.number(Double.NaN));
    assertEquals(Optional.of("real(1.5)"), KqlLiterals.number(1.5));
  }

  /** A reader of double-quoted KQL literals as the Kusto documentation describes them. */
  private static String decode(String literal) {
    assertTrue(literal.startsWith("\"") && literal.endsWith("\"") && literal.length() >= 2, literal);
    final StringBuilder b = new StringBuilder();
    for (int i = 1; i < literal.length() - 1; i++) {
      final char c = literal.charAt(i);
      if (c == '"' || c == '\n' || c == '\r') {
        throw new AssertionError("unescaped " + (int) c + " in " + literal);
      }
      if (c != '\\') {
        b.append(c);
        continue;
      }
      final char e = literal.charAt(++i);
      b.append(switch (e) {
        case '\\' -> '\\';
        case '"' -> '"';
        case '\'' -> '\'';
        case 'n' -> '\n';
        case 'r' -> '\r';
        case 't' -> '\t';
        default -> throw new AssertionError("undocumented escape \\" + e + " in " + literal);
      });
    }
    return b.toString();
  }
}
