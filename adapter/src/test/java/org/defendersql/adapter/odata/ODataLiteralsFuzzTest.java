package org.defendersql.adapter.odata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import okhttp3.HttpUrl;
import org.defendersql.emulator.odata.FilterExpr;
import org.defendersql.emulator.odata.FilterParser;
import org.defendersql.emulator.odata.QueryOptionsParser;
import org.defendersql.model.DefenderModel;
import org.junit.jupiter.api.Test;

/**
 * Feeds the escaping function 100,000 random strings full of quotes, unicode, URL metacharacters and OData
 * keywords, sends each through the HTTP client's URL encoding, and checks that the emulator's OData parser reads
 * back exactly the original value: no string can end a literal early or inject a condition.
 */
class ODataLiteralsFuzzTest {
  private static final String[] ATOMS = {"'", "''", "\"", "%", "%27", "&", "#", "+", "=", "?", "/", "\\", " ",
      "  ", "eq", " or ", " and ", "not ", "(", ")", ",", "$filter", "$top=1", "null", "true", "'; --", "é", "中",
      "😀", "\u0000", "\t", "\n", "\r", "%2B", "%%", "&$skip=1", "' or 1 eq 1 or '", "\u202e", "\ufeff", "ß"};

  @Test void everyStringComesBackExactly() {
    final SplittableRandom random = new SplittableRandom(20261127);
    final HttpUrl base = HttpUrl.get("https://localhost/api/alerts");
    for (int i = 0; i < 100_000; i++) {
      final String value = randomString(random);
      final String filter = "assignedTo eq " + ODataLiterals.string(value);
      final String rawQuery = base.newBuilder().addQueryParameter("$filter", filter).build().encodedQuery();
      final List<Map.Entry<String, String>> decoded = QueryOptionsParser.decode(rawQuery);
      assertEquals(1, decoded.size(), "one option from " + rawQuery);
      assertEquals(filter, decoded.get(0).getValue());
      final FilterExpr parsed = FilterParser.parse(decoded.get(0).getValue(), DefenderModel.ALERTS);
      final FilterExpr.Compare compare = assertInstanceOf(FilterExpr.Compare.class, parsed, filter);
      assertEquals(FilterExpr.Comparison.EQ, compare.op());
      assertEquals(value, compare.value(), "value read back from " + rawQuery);
    }
  }

  private static String randomString(SplittableRandom random) {
    final StringBuilder b = new StringBuilder();
    final int parts = random.nextInt(0, 8);
    for (int p = 0; p < parts; p++) {
      switch (random.nextInt(3)) {
      case 0 -> b.append(ATOMS[random.nextInt(ATOMS.length)]);
      case 1 -> b.appendCodePoint(randomCodePoint(random));
      default -> b.append((char) random.nextInt(0x20, 0x7f));
      }
    }
    return b.toString();
  }

  /** Any code point but a lone surrogate, which no UTF-8 URL can carry. */
  private static int randomCodePoint(SplittableRandom random) {
    while (true) {
      final int cp = random.nextInt(0, 0x110000);
      if (cp < 0xD800 || cp > 0xDFFF) {
        return cp;
      }
    }
  }
}
