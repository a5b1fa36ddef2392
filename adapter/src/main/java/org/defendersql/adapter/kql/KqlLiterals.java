package org.defendersql.adapter.kql;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one place where SQL values and names become KQL text: string literals, identifiers, date-times, numbers.
 * Nothing else in defender-sql writes a value into a query. Strings are written double-quoted with only the
 * escapes Kusto documents ({@code \\ \" \n \r \t}); a string holding any other control character is not
 * written at all (the caller keeps that predicate in Calcite), because how the service treats raw control
 * characters inside a literal is undocumented.
 */
public final class KqlLiterals {
  private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** Words that cannot be plain identifiers (operators and keywords a column name could collide with). */
  private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "in", "has", "by", "on", "with", "asc",
      "desc", "nulls", "first", "last", "true", "false", "null", "where", "project", "extend", "summarize", "top",
      "take", "limit", "sort", "order", "distinct", "count", "let", "between", "contains", "startswith",
      "endswith", "matches", "regex", "like", "datetime", "timespan", "dynamic", "bool", "int", "long", "real",
      "string", "guid", "decimal", "typeof", "join", "union", "as", "kind", "of", "to", "step", "range", "print",
      "render", "invoke", "evaluate", "parse", "mv-expand", "find", "search", "set", "alias", "declare",
      "pattern", "restrict", "access", "materialize", "toscalar", "view", "database", "cluster", "table");

  private static final DateTimeFormatter DATETIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private KqlLiterals() {
  }

  /**
   * A KQL string literal equal to {@code s}, or empty when {@code s} holds a control character other than tab,
   * newline and carriage return (such a predicate stays in Calcite).
   */
  public static Optional<String> string(String s) {
    final StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      final char c = s.charAt(i);
      switch (c) {
      case '\\' -> b.append("\\\\");
      case '"' -> b.append("\\\"");
      case '\n' -> b.append("\\n");
      case '\r' -> b.append("\\r");
      case '\t' -> b.append("\\t");
      default -> {
        if (c < 0x20 || c == 0x7f) {
          return Optional.empty();
        }
        b.append(c);
      }
      }
    }
    return Optional.of(b.append('"').toString());
  }

  /** A KQL identifier naming {@code name}: plain when it can be, else bracketed ({@code ['my name']}). */
  public static String identifier(String name) {
    if (PLAIN_IDENTIFIER.matcher(name).matches() && !KEYWORDS.contains(name.toLowerCase(Locale.ROOT))) {
      return name;
    }
    final StringBuilder b = new StringBuilder("['");
    for (int i = 0; i < name.length(); i++) {
      final char c = name.charAt(i);
      if (c == '\\' || c == '\'') {
        b.append('\\');
      }
      if (c < 0x20 || c == 0x7f) {
        throw new IllegalArgumentException("a KQL identifier cannot hold control characters: " + name);
      }
      b.append(c);
    }
    return b.append("']").toString();
  }

  /** A {@code datetime(...)} literal of an instant, in UTC with milliseconds (SQL's TIMESTAMP(3)). */
  public static String datetime(Instant instant) {
    return "datetime(" + DATETIME.format(instant) + ")";
  }

  /** A {@code datetime(...)} literal of epoch milliseconds, as Calcite holds TIMESTAMP values. */
  public static String datetime(long epochMillis) {
    return datetime(Instant.ofEpochMilli(epochMillis));
  }

  /** A {@code long} literal. */
  public static String number(long n) {
    return Long.toString(n);
  }

  /** A {@code real} literal, or empty for values KQL cannot write plainly (NaN, infinities). */
  public static Optional<String> number(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return Optional.empty();
    }
    return Optional.of("real(" + Double.toString(d) + ")");
  }

  /** A {@code bool} literal. */
  public static String bool(boolean b) {
    return b ? "true" : "false";
  }
}
