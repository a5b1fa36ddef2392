package org.defendersql.adapter.graph;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.defendersql.model.Column;
import org.defendersql.model.Entity;

/**
 * Random SQL predicates over a Graph table, from values of the emulated tenant's Graph rows (a timestamp's exact
 * millisecond and the ones beside it, enum members as Graph writes them and in the wrong case), mixing what Graph can
 * filter (its documented properties and operators) with what it cannot.
 */
final class GraphPredicates {
  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

  private final SplittableRandom random;
  private final Entity entity;
  private final List<Object[]> rows;
  private final List<Column> filterable;
  private final List<Column> scalar;

  GraphPredicates(SplittableRandom random, Entity entity, List<Object[]> rows) {
    this.random = random;
    this.entity = entity;
    this.rows = rows;
    this.filterable = entity.columns().stream().filter(c -> !c.filterOps().isEmpty()).toList();
    this.scalar = entity.columns().stream().filter(c -> c.sqlType() != org.defendersql.model.SqlType.JSON).toList();
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

  /** Mostly filterable properties (when the table has any), so that most queries push something. */
  private String term() {
    final Column c = !filterable.isEmpty() && random.nextInt(4) > 0 ? filterable.get(random.nextInt(filterable.size()))
        : scalar.get(random.nextInt(scalar.size()));
    final String name = c.sqlName();
    final Object v = rows.get(random.nextInt(rows.size()))[entity.indexOf(c)];
    switch (c.sqlType()) {
    case VARCHAR: {
      if (v == null) {
        return name + (random.nextBoolean() ? " is null" : " is not null");
      }
      final String s = v.toString();
      final String other = c.enumValues().isEmpty() ? "x" : c.enumValues().get(random.nextInt(c.enumValues().size()));
      return switch (random.nextInt(9)) {
        case 0 -> name + " <> " + quote(s);
        case 1 -> name + " in (" + quote(s) + ", " + quote(other) + ")";
        case 2 -> name + " like " + quote(s.substring(0, Math.min(s.length(), 1 + random.nextInt(5))) + "%");
        case 3 -> name + " = " + quote(capitalised(s)); // Graph's members are camelCase: 'High' is none
        case 4 -> name + " not in (" + quote(s) + ", " + quote(other) + ")";
        case 5 -> name + " > " + quote(s);
        case 6 -> name + " is not null";
        default -> name + " = " + quote(s);
      };
    }
    case BIGINT:
    case INTEGER: {
      if (v == null) {
        return name + (random.nextBoolean() ? " is null" : " is not null");
      }
      final long n = ((Number) v).longValue();
      return switch (random.nextInt(4)) {
        case 0 -> name + " > " + n;
        case 1 -> name + " <= " + n;
        case 2 -> name + " <> " + n;
        default -> name + " = " + n;
      };
    }
    case TIMESTAMP: {
      if (v == null) {
        return name + (random.nextBoolean() ? " is null" : " is not null");
      }
      if (random.nextInt(8) == 0) {
        return name + " > current_timestamp - interval '" + (1 + random.nextInt(60)) + "' day";
      }
      final String[] ops = {" > ", " >= ", " < ", " <= ", " = ", " <> "};
      final String literal = TS.format(LocalDateTime.ofInstant(
          Instant.ofEpochMilli(((Instant) v).toEpochMilli() + random.nextInt(3) - 1), ZoneOffset.UTC));
      if (random.nextInt(6) == 0) {
        return name + " between timestamp '" + literal + "' - interval '3' day and timestamp '" + literal + "'";
      }
      return name + ops[random.nextInt(ops.length)] + "timestamp '" + literal + "'";
    }
    default:
      // Arrays: only null checks and their length, which Graph cannot evaluate.
      return random.nextBoolean() ? name + " is not null" : "cardinality(" + name + ") > 0";
    }
  }

  private static String capitalised(String s) {
    return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
