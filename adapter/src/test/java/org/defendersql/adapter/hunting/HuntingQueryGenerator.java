package org.defendersql.adapter.hunting;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.defendersql.model.hunting.HuntingColumn;
import org.defendersql.model.hunting.HuntingTable;
import org.defendersql.model.hunting.KqlType;

/**
 * Random SQL over a hunting table, built from values that really occur in the emulator's hunting data (so that
 * comparisons hit rows and boundaries: a time's exact millisecond and the ones beside it, empty strings that SQL
 * reads as NULL), mixing what KQL can evaluate with what it cannot: every filter form of the translator (comparisons,
 * IN, BETWEEN, IS [NOT] NULL, LIKE of every shape, LOWER(c) = 'x', booleans, time arithmetic), AND/OR/NOT, group-by
 * with every aggregate, HAVING, ORDER BY ... LIMIT and LIMIT alone.
 */
final class HuntingQueryGenerator {
  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT);

  private final SplittableRandom random;
  private final HuntingTable table;
  private final List<Object[]> rows;

  HuntingQueryGenerator(SplittableRandom random, HuntingTable table, List<Object[]> rows) {
    this.random = random;
    this.table = table;
    this.rows = rows;
  }

  HuntingTable table() {
    return table;
  }

  /** About {@code n} rows spread over the table's whole stream. */
  static List<Object[]> sample(Stream<Object[]> rows, long size, int n) {
    final long step = Math.max(1, size / n);
    final List<Object[]> out = new ArrayList<>();
    final long[] i = {0};
    rows.forEach(r -> {
      if (i[0]++ % step == 0) {
        out.add(r);
      }
    });
    return out;
  }

  /** A condition of one to three terms joined by AND/OR, sometimes negated. */
  String condition() {
    final int terms = 1 + random.nextInt(3);
    final StringBuilder b = new StringBuilder(term());
    for (int i = 1; i < terms; i++) {
      b.append(random.nextInt(3) == 0 ? " or " : " and ").append(term());
    }
    return random.nextInt(5) == 0 ? "not (" + b + ")" : b.toString();
  }

  /** A column of one of these types, at random. */
  HuntingColumn column(KqlType... types) {
    final List<HuntingColumn> cs = table.columns().stream()
        .filter(c -> List.of(types).contains(c.type())).toList();
    return cs.isEmpty() ? null : cs.get(random.nextInt(cs.size()));
  }

  static String quoted(String name) {
    return "\"" + name + "\"";
  }

  private String term() {
    final HuntingColumn c = table.columns().get(random.nextInt(table.columns().size()));
    final String name = quoted(c.name());
    final Object v = value(c);
    switch (c.type()) {
    case STRING: {
      final String s = v == null ? "" : v.toString();
      if (!latin1(s) || s.isEmpty()) {
        return switch (random.nextInt(4)) {
          case 0 -> name + " is null";
          case 1 -> name + " is not null";
          case 2 -> name + " = ''";
          default -> name + " like '%'";
        };
      }
      return switch (random.nextInt(14)) {
        case 0 -> name + " <> " + quote(s);
        case 1 -> name + " in (" + quote(s) + ", " + quote(other(c)) + ")";
        case 2 -> name + " like " + quote(prefix(s) + "%");
        case 3 -> name + " like " + quote("%" + suffix(s));
        case 4 -> name + " like " + quote("%" + middle(s) + "%");
        case 5 -> name + " like " + quote(wild(s));
        case 6 -> name + " not like " + quote(prefix(s) + "%");
        case 7 -> "lower(" + name + ") = " + quote(s.toLowerCase(Locale.ROOT));
        case 8 -> name + " = " + quote(s.toUpperCase(Locale.ROOT));
        case 9 -> name + " not in (" + quote(s) + ", '')";
        case 10 -> name + (random.nextBoolean() ? " is null" : " is not null");
        default -> name + " = " + quote(s);
      };
    }
    case LONG:
    case INT: {
      if (v == null) {
        return name + (random.nextBoolean() ? " is null" : " is not null");
      }
      final long n = ((Number) v).longValue();
      return switch (random.nextInt(8)) {
        case 0 -> name + " > " + n;
        case 1 -> name + " <= " + n;
        case 2 -> name + " between " + (n - 3) + " and " + (n + 3);
        case 3 -> name + " in (" + n + ", " + (n + 1) + ", " + other(c) + ")";
        case 4 -> name + " <> " + n;
        case 5 -> name + " < " + n;
        case 6 -> name + " >= " + n;
        default -> name + " = " + n;
      };
    }
    case DATETIME: {
      if (v == null) {
        return name + (random.nextBoolean() ? " is null" : " is not null");
      }
      final String t = "timestamp '" + ts((Instant) v, random.nextInt(3) - 1) + "'";
      return switch (random.nextInt(9)) {
        case 0 -> name + " > current_timestamp - interval '" + (1 + random.nextInt(40)) + "' day";
        case 1 -> name + " between " + t + " and timestamp '" + ts((Instant) v, 3_600_000) + "'";
        case 2 -> name + " > " + t;
        case 3 -> name + " >= " + t;
        case 4 -> name + " < " + t;
        case 5 -> name + " <= " + t;
        case 6 -> name + " <> " + t;
        case 7 -> name + " = " + t;
        default -> name + " < current_timestamp - interval '" + (1 + random.nextInt(20)) + "' hour";
      };
    }
    case BOOL:
      return switch (random.nextInt(5)) {
        case 0 -> name + " is true";
        case 1 -> name + " = false";
        case 2 -> name + " is not true";
        case 3 -> name + " is null";
        default -> name;
      };
    default:
      // dynamic and other text: only null checks, which stay in Calcite
      return name + " is not null";
    }
  }

  /** A value of the column in a random sampled row; KQL's empty string is SQL's NULL. */
  Object value(HuntingColumn c) {
    final Object v = rows.get(random.nextInt(rows.size()))[table.indexOf(c.name())];
    return v instanceof String s && s.isEmpty() ? null : v;
  }

  private String other(HuntingColumn c) {
    final Object v = value(c);
    if (c.type() == KqlType.STRING) {
      return v == null || !latin1(v.toString()) ? "x" : v.toString();
    }
    return v == null ? "7" : v.toString();
  }

  private String prefix(String v) {
    return v.substring(0, Math.min(v.length(), 1 + random.nextInt(6)));
  }

  private String suffix(String v) {
    return v.substring(Math.max(0, v.length() - 1 - random.nextInt(6)));
  }

  private String middle(String v) {
    final int from = random.nextInt(v.length());
    return v.substring(from, Math.min(v.length(), from + 1 + random.nextInt(4)));
  }

  /** A pattern with {@code _} and inner {@code %} that only a regular expression can express. */
  private String wild(String v) {
    final StringBuilder b = new StringBuilder();
    for (int i = 0; i < v.length(); i++) {
      final int r = random.nextInt(10);
      if (r == 0) {
        b.append('_');
      } else if (r == 1) {
        b.append('%');
      } else {
        b.append(v.charAt(i));
      }
    }
    return b.toString();
  }

  static boolean latin1(String s) {
    return s.chars().allMatch(ch -> ch < 0x100);
  }

  static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  /** The instant cut to SQL's milliseconds, moved by {@code deltaMillis}, as a timestamp literal in UTC. */
  static String ts(Instant instant, long deltaMillis) {
    return TS.format(LocalDateTime.ofInstant(Instant.ofEpochMilli(instant.toEpochMilli() + deltaMillis),
        ZoneOffset.UTC));
  }
}
