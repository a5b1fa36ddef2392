package org.defendersql.adapter.kql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.defendersql.emulator.kql.KqlEngine;
import org.defendersql.model.hunting.HuntingModel;
import org.defendersql.model.hunting.HuntingTable;
import org.junit.jupiter.api.Test;

/**
 * 100,000 random strings (quotes, backslashes, control characters, {@code |}, {@code ;}, line breaks, any Unicode
 * code point) written by {@link KqlLiterals#string} into {@code AlertInfo | where Title == <literal> | extend Echo =
 * <literal>}, parsed and run by the emulator's KQL engine over rows whose titles are the string and near misses: the
 * query must select exactly the row holding the string, and echo it back exactly. Strings with a control character
 * other than tab and line breaks must be refused (their predicates stay in Calcite), and only those.
 */
class KqlLiteralsEmulatorFuzzTest {
  private static final int STRINGS = 100_000;
  private static final HuntingTable TABLE = HuntingModel.ALERT_INFO;
  private static final String[] PIECES = {"\"", "'", "\\", "\\\"", "\\\\", "|", ";", "\n", "\r", "\t", "\r\n",
      "//", "/*", "*/", "@'", "h'", "\\u0041", "\\x41", "\\n", "''", "\"\"", "$", "{", "}", "(", ")", "==", " ", "é",
      "漢", "\uD83D\uDE00", "\u2028", "\u0085", "\uFEFF", "\u0000", "\u0007", "\u001b", "\u007f"};

  @Test void everyWritableStringReadsBackExactly() {
    final SplittableRandom random = new SplittableRandom(20_261_130);
    final Instant now = Instant.parse("2026-11-30T12:00:00Z");
    int refused = 0;
    for (int i = 0; i < STRINGS; i++) {
      final String s = randomString(random);
      final Optional<String> literal = KqlLiterals.string(s);
      final boolean control = s.chars().anyMatch(c -> (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f);
      assertEquals(control, literal.isEmpty(), "refused exactly the strings with other control characters: "
          + escape(s));
      if (literal.isEmpty()) {
        refused++;
        continue;
      }
      final String query = TABLE.name() + " | where Title == " + literal.get() + " | extend Echo = " + literal.get()
          + " | project Title, Echo";
      final KqlEngine.Prepared prepared;
      try {
        prepared = KqlEngine.prepare(query, now, 10);
      } catch (RuntimeException e) {
        throw new AssertionError("the emulator could not parse " + escape(query) + ": " + e.getMessage(), e);
      }
      final List<Object[]> rows = prepared.run((t, from, to) -> Stream.of(row(s, now), row(s + "x", now),
          row(s.isEmpty() ? " " : s.substring(1), now), row(s.toUpperCase(java.util.Locale.ROOT) + "!", now)),
          null, null).toList();
      assertEquals(1, rows.size(), "one row matches " + escape(query));
      assertEquals(s, rows.get(0)[0], "the row selected holds the string");
      assertEquals(s, rows.get(0)[1], "the literal reads back exactly: " + escape(query));
    }
    assertTrue(refused > 1_000 && refused < STRINGS / 2, refused + " strings refused");
  }

  /** A row of the table with this title and empty strings elsewhere (KQL strings are never null). */
  private static Object[] row(String title, Instant time) {
    final Object[] row = new Object[TABLE.columns().size()];
    for (int i = 0; i < row.length; i++) {
      row[i] = "";
    }
    row[TABLE.indexOf("Timestamp")] = time.minusSeconds(60);
    row[TABLE.indexOf("Title")] = title;
    return row;
  }

  /** Up to 24 pieces: tricky fragments, ASCII, and code points from anywhere in Unicode. */
  private static String randomString(SplittableRandom random) {
    final StringBuilder b = new StringBuilder();
    final int n = random.nextInt(25);
    for (int i = 0; i < n; i++) {
      switch (random.nextInt(4)) {
      case 0 -> b.append(PIECES[random.nextInt(PIECES.length)]);
      case 1 -> b.append((char) (0x20 + random.nextInt(0x5f)));
      case 2 -> {
        // rarely a control character, so that most strings are writable
        b.append(random.nextInt(40) == 0 ? (char) random.nextInt(0x20) : (char) (0xa0 + random.nextInt(0x700)));
      }
      default -> {
        int cp = random.nextInt(0x110000);
        if (cp >= 0xd800 && cp <= 0xdfff) {
          cp = 0x10000 + random.nextInt(0x100000); // a valid code point beyond the BMP, as a surrogate pair
        }
        b.appendCodePoint(cp);
      }
      }
    }
    return b.toString();
  }

  private static String escape(String s) {
    final StringBuilder b = new StringBuilder();
    s.chars().forEach(c -> b.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : String.valueOf((char) c)));
    return b.toString();
  }
}
