package org.defendersql.adapter.pushdown;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.defendersql.model.Column;
import org.defendersql.model.Entity;

/**
 * Random SQL predicates over a Defender table, built from values that really occur in the emulator's data (so
 * that comparisons hit rows and boundaries, e.g. a timestamp's exact millisecond and the ones beside it), mixing
 * what the API can evaluate with what it cannot.
 */
final class PredicateGenerator {
  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

  private final SplittableRandom random;
  private final Entity entity;
  private final List<Object[]> rows;

  PredicateGenerator(SplittableRandom random, Entity entity, List<Object[]> rows) {
    this.random = random;
    this.entity = entity;
    this.rows = rows;
  }

  /** A condition of one to four terms joined by AND/OR, some negated or parenthesised. */
  String condition() {
    final int terms = 1 + random.nextInt(3);
    final StringBuilder b = new StringBuilder(term());
    for (int i = 1; i < terms; i++) {
      b.append(random.nextInt(3) == 0 ? " or " : " and ").append(term());
    }
    return random.nextInt(5) == 0 ? "not (" + b + ")" : b.toString();
  }

  /** Mostly properties the API can filter, so that most queries push something and some push everything. */
  private String term() {
    final List<Column> filterable = entity.columns().stream().filter(c -> !c.filterOps().isEmpty()).toList();
    final Column c = random.nextInt(4) > 0 ? filterable.get(random.nextInt(filterable.size()))
        : entity.columns().get(random.nextInt(entity.columns().size()));
    final String name = c.sqlName();
    switch (c.sqlType()) {
    case VARCHAR: {
      final String v = value(c, Objects::toString);
      if (v == null) {
        return name + " is null";
      }
      return switch (random.nextInt(8)) {
        case 0 -> name + " <> " + quote(v);
        case 1 -> name + " in (" + quote(v) + ", " + quote(Objects.toString(value(c, Objects::toString), "x"))
            + ")";
        case 2 -> name + " like " + quote(prefix(v) + "%");
        case 3 -> name + " = " + quote(v.toLowerCase(java.util.Locale.ROOT));
        case 4 -> name + " is not null";
        case 5 -> name + " not in (" + quote(v) + ")";
        default -> name + " = " + quote(v);
      };
    }
    case INTEGER:
    case BIGINT: {
      final String v = value(c, Objects::toString);
      if (v == null) {
        return name + (random.nextBoolean() ? " is null" : " is not null");
      }
      final long n = Long.parseLong(v);
      return switch (random.nextInt(6)) {
        case 0 -> name + " > " + n;
        case 1 -> name + " <= " + n;
        case 2 -> name + " between " + (n - 3) + " and " + (n + 3);
        case 3 -> name + " in (" + n + ", " + (n + 1) + ", " + (n + 7) + ")";
        case 4 -> name + " <> " + n;
        default -> name + " = " + n;
      };
    }
    case TIMESTAMP: {
      final String v = value(c, o -> ts((Instant) o, random.nextInt(3) - 1));
      if (v == null) {
        return name + (random.nextBoolean() ? " is null" : " is not null");
      }
      final String[] ops = {" > ", " >= ", " < ", " <= ", " = ", " <> "};
      if (random.nextInt(6) == 0) {
        return name + " > current_timestamp - interval '" + (1 + random.nextInt(60)) + "' day";
      }
      return name + ops[random.nextInt(ops.length)] + "timestamp '" + v + "'";
    }
    case BOOLEAN: {
      return name + (random.nextBoolean() ? " is true" : " = false");
    }
    default:
      // Arrays and JSON text: only null checks, which the API cannot evaluate.
      return name + " is not null";
    }
  }

  /** The value of this column in a random row, formatted; null when that row has none. */
  private String value(Column c, Function<Object, String> format) {
    final Object v = rows.get(random.nextInt(rows.size()))[entity.indexOf(c)];
    return v == null ? null : format.apply(v);
  }

  private String prefix(String v) {
    return v.substring(0, Math.min(v.length(), 1 + random.nextInt(6)));
  }

  /** The instant cut to SQL's milliseconds, moved by {@code deltaMillis}, as a timestamp literal in UTC. */
  private static String ts(Instant instant, int deltaMillis) {
    return TS.format(LocalDateTime.ofInstant(instant.toEpochMilli() == 0 ? instant : Instant.ofEpochMilli(
        instant.toEpochMilli() + deltaMillis), ZoneOffset.UTC));
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  static List<Object[]> sample(java.util.stream.Stream<Object[]> rows, int n) {
    final List<Object[]> out = new ArrayList<>();
    rows.limit(n).forEach(out::add);
    return out;
  }
}
