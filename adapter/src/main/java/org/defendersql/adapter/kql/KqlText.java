package org.defendersql.adapter.kql;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.defendersql.model.hunting.KqlType;

/**
 * A piece of KQL (a predicate) whose literals may wait for execution: JDBC parameters ({@code ?}) and expressions
 * such as {@code CURRENT_TIMESTAMP - INTERVAL '1' DAY} are known only when the query runs. The planner builds it
 * from text and {@link Slot}s; {@link #bind} writes it with the values of one execution, every value through
 * {@link KqlLiterals}.
 */
public final class KqlText {
  /** A part of the text: fixed, or a value filled in at execution. */
  public sealed interface Part permits Text, Slot {
  }

  /** Fixed text, literals included. */
  public record Text(String text) implements Part {
  }

  /**
   * A comparison {@code prefix <literal>} whose literal is the value of parameter {@code index}, of KQL type
   * {@code type}, plus {@code adjustMillis} for date-times ({@code x > t} over SQL's milliseconds is
   * {@code x >= t+1ms} over KQL's 100 ns ticks). When the value is null the whole comparison is {@code onNull}
   * (SQL's UNKNOWN selects no row: {@code false}); when it cannot be written (a string with a control character)
   * it is {@code onUnwritable}, which only a superset term may make {@code true}. {@code sql} is the SQL
   * expression, shown by EXPLAIN.
   */
  public record Slot(int index, KqlType type, long adjustMillis, String sql, String prefix, String onNull,
      String onUnwritable) implements Part {
  }

  private final List<Part> parts;
  /** Whether operators join terms at its top level, so that it needs parentheses inside another. */
  private final boolean compound;

  private KqlText(List<Part> parts, boolean compound) {
    this.parts = List.copyOf(parts);
    this.compound = compound;
  }

  /** One term of fixed text, such as a comparison or a function call. */
  public static KqlText of(String text) {
    return new KqlText(List.of(new Text(text)), false);
  }

  /** A term written at execution; see {@link Slot}. */
  public static KqlText slot(Slot slot) {
    return new KqlText(List.of(slot), false);
  }

  /** The terms joined by {@code and} or {@code or}, each parenthesised when it has several terms of its own. */
  public static KqlText join(String operator, List<KqlText> terms) {
    if (terms.size() == 1) {
      return terms.get(0);
    }
    final List<Part> out = new ArrayList<>();
    for (int i = 0; i < terms.size(); i++) {
      if (i > 0) {
        out.add(new Text(" " + operator + " "));
      }
      final KqlText t = terms.get(i);
      if (t.compound) {
        out.add(new Text("("));
      }
      out.addAll(t.parts);
      if (t.compound) {
        out.add(new Text(")"));
      }
    }
    return new KqlText(merge(out), true);
  }

  /** The texts one after the other, e.g. an operator and its predicate: {@code | where } and {@code x == 1}. */
  public static KqlText concat(List<KqlText> texts) {
    final List<Part> out = new ArrayList<>();
    texts.forEach(t -> out.addAll(t.parts));
    return new KqlText(merge(out), false);
  }

  /** Whether every value is known, so that the text is final. */
  public boolean isBound() {
    return parts.stream().allMatch(p -> p instanceof Text);
  }

  /** The text with its slots filled from one execution's parameter values. */
  public KqlText bind(Object[] values) {
    if (isBound()) {
      return this;
    }
    final List<Part> out = new ArrayList<>();
    for (Part p : parts) {
      if (p instanceof Slot s) {
        out.add(new Text(render(s, values[s.index()])));
      } else {
        out.add(p);
      }
    }
    return new KqlText(merge(out), compound);
  }

  private static String render(Slot s, Object v) {
    if (v == null) {
      return s.onNull();
    }
    final Optional<String> literal = switch (s.type()) {
      case DATETIME -> Optional.of(KqlLiterals.datetime(((Number) v).longValue() + s.adjustMillis()));
      case LONG, INT -> Optional.of(KqlLiterals.number(((Number) v).longValue()));
      case BOOL -> Optional.of(KqlLiterals.bool((Boolean) v));
      case DOUBLE -> KqlLiterals.number(((Number) v).doubleValue());
      default -> KqlLiterals.string(v.toString());
    };
    return literal.map(l -> s.prefix() + l).orElse(s.onUnwritable());
  }

  /** The text of a bound term. */
  public String text() {
    if (!isBound()) {
      throw new IllegalStateException("KQL with unbound values: " + this);
    }
    return toString();
  }

  private static List<Part> merge(List<Part> parts) {
    final List<Part> out = new ArrayList<>();
    for (Part p : parts) {
      if (p instanceof Text t && !out.isEmpty() && out.get(out.size() - 1) instanceof Text prev) {
        out.set(out.size() - 1, new Text(prev.text() + t.text()));
      } else {
        out.add(p);
      }
    }
    return out;
  }

  /** The text as EXPLAIN shows it: values known at execution appear as their SQL, in braces. */
  @Override public String toString() {
    final StringBuilder b = new StringBuilder();
    for (Part p : parts) {
      if (p instanceof Text t) {
        b.append(t.text());
      } else {
        final Slot s = (Slot) p;
        b.append(s.prefix()).append('{').append(s.sql());
        if (s.adjustMillis() != 0) {
          b.append(s.adjustMillis() > 0 ? " + " : " - ").append(Math.abs(s.adjustMillis())).append(" ms");
        }
        b.append('}');
      }
    }
    return b.toString();
  }

  @Override public boolean equals(Object o) {
    return o instanceof KqlText t && t.parts.equals(parts) && t.compound == compound;
  }

  @Override public int hashCode() {
    return parts.hashCode();
  }
}
