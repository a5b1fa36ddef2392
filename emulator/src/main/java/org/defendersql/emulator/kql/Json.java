package org.defendersql.emulator.kql;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/** The JSON text of {@code dynamic} values the evaluator makes, such as {@code make_set()}'s arrays. */
final class Json {
  private Json() {
  }

  static String array(Collection<?> values) {
    final StringBuilder b = new StringBuilder("[");
    for (Object v : values) {
      if (b.length() > 1) {
        b.append(',');
      }
      value(b, v);
    }
    return b.append(']').toString();
  }

  private static void value(StringBuilder b, Object v) {
    if (v == null) {
      b.append("null");
    } else if (v instanceof Number || v instanceof Boolean) {
      b.append(v);
    } else if (v instanceof Instant t) {
      string(b, DateTimes.format(t));
    } else if (v instanceof Duration d) {
      string(b, Timespans.format(d));
    } else {
      string(b, v.toString());
    }
  }

  private static void string(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      final char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }
}
