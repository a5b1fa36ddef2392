package org.defendersql.adapter.odata;

import java.util.ArrayList;
import java.util.List;
import org.defendersql.model.EdmType;

/**
 * A {@code $filter} expression whose literals may wait for execution: dynamic parameters ({@code ?}) and
 * expressions such as {@code CURRENT_TIMESTAMP - INTERVAL '7' DAY} are known only when the query runs. The
 * planner builds it from text and {@link Slot}s, which EXPLAIN shows; {@link #bind} renders it with the values of
 * that execution.
 *
 * <p>A filter with slots also carries its {@link #sources}: what the planner needs to translate the condition
 * again once the values are known, exactly as it translates literals (the planner's binding does that; this
 * package does not look inside them). A filter joined from others carries all their sources.
 */
public final class ODataFilter {
  /** A piece of the expression: fixed text, or a value filled in at execution. */
  public sealed interface Part permits Text, Slot {
  }

  /** Fixed text, literals included. */
  public record Text(String text) implements Part {
  }

  /**
   * A literal computed at execution from parameter {@code index}, for a property of {@code type}, plus
   * {@code adjustMillis} for date-times (see the translator: {@code x > t} over millisecond timestamps is
   * {@code x ge t+1ms} over the API's finer ones). {@code sql} is the SQL expression, for EXPLAIN. A null value
   * makes the whole comparison {@code false}, as SQL's UNKNOWN never selects a row.
   */
  public record Slot(int index, EdmType type, long adjustMillis, String sql, String comparisonPrefix)
      implements Part {
  }

  private final List<Part> parts;
  /** Whether operators join terms at the top level, so that the filter needs parentheses inside another. */
  private final boolean compound;
  private final List<Object> sources;

  private ODataFilter(List<Part> parts, boolean compound, List<Object> sources) {
    this.parts = List.copyOf(parts);
    this.compound = compound;
    this.sources = List.copyOf(sources);
  }

  private ODataFilter(List<Part> parts, boolean compound) {
    this(parts, compound, List.of());
  }

  /** This filter carrying, besides its own, the planner's source of its translation. */
  public ODataFilter withSource(Object source) {
    final List<Object> all = new ArrayList<>(sources);
    all.add(source);
    return new ODataFilter(parts, compound, all);
  }

  /** What the planner translated this filter from, to translate it again with execution-time values; often none. */
  public List<Object> sources() {
    return sources;
  }

  /** A filter of fixed text: one term, such as a comparison or a function call. */
  public static ODataFilter of(String text) {
    return new ODataFilter(List.of(new Text(text)), false);
  }

  /** A comparison {@code prefix <value of slot>}, e.g. prefix {@code alertCreationTime ge }. */
  public static ODataFilter slot(String comparisonPrefix, int index, EdmType type, long adjustMillis, String sql) {
    return new ODataFilter(List.of(new Slot(index, type, adjustMillis, sql, comparisonPrefix)), false);
  }

  /** This term followed by fixed text, still one term: e.g. the parenthesis closing a function call. */
  public ODataFilter append(String text) {
    final List<Part> all = new ArrayList<>(parts);
    all.add(new Text(text));
    return new ODataFilter(merge(all), compound, sources);
  }

  /** The filters joined by an operator ({@code and}, {@code or}), each parenthesised when it has several terms. */
  public static ODataFilter join(String operator, List<ODataFilter> filters) {
    if (filters.size() == 1) {
      return filters.get(0);
    }
    final List<Part> parts = new ArrayList<>();
    final List<Object> sources = new ArrayList<>();
    for (int i = 0; i < filters.size(); i++) {
      if (i > 0) {
        parts.add(new Text(" " + operator + " "));
      }
      final ODataFilter f = filters.get(i);
      sources.addAll(f.sources);
      final boolean wrap = f.compound;
      if (wrap) {
        parts.add(new Text("("));
      }
      parts.addAll(f.parts);
      if (wrap) {
        parts.add(new Text(")"));
      }
    }
    return new ODataFilter(merge(parts), true, sources);
  }

  /** Whether every literal is known, so that the filter is its text. */
  public boolean isBound() {
    return parts.stream().allMatch(p -> p instanceof Text);
  }

  /** The number of slots that {@link #bind} fills. */
  public int slotCount() {
    return (int) parts.stream().filter(p -> p instanceof Slot).count();
  }

  /** The filter with its slots filled from the execution's parameter values. */
  public ODataFilter bind(Object[] values) {
    final List<Part> bound = new ArrayList<>();
    for (Part p : parts) {
      if (p instanceof Slot s) {
        final Object v = values[s.index()];
        if (v == null) {
          bound.add(new Text("false"));
        } else if (s.type() == EdmType.DATE_TIME_OFFSET) {
          bound.add(new Text(s.comparisonPrefix() + ODataLiterals.dateTime(((Number) v).longValue()
              + s.adjustMillis())));
        } else {
          bound.add(new Text(s.comparisonPrefix() + ODataLiterals.literal(v, s.type())));
        }
      } else {
        bound.add(p);
      }
    }
    return new ODataFilter(merge(bound), compound);
  }

  /** The text of a bound filter. */
  public String text() {
    if (!isBound()) {
      throw new IllegalStateException("filter has unbound values: " + this);
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

  /** The filter as EXPLAIN shows it: values known at execution appear as their SQL, in braces. */
  @Override public String toString() {
    final StringBuilder b = new StringBuilder();
    for (Part p : parts) {
      if (p instanceof Text t) {
        b.append(t.text());
      } else {
        final Slot s = (Slot) p;
        b.append(s.comparisonPrefix()).append('{').append(s.sql());
        if (s.adjustMillis() != 0) {
          b.append(s.adjustMillis() > 0 ? " + " : " - ").append(Math.abs(s.adjustMillis())).append(" ms");
        }
        b.append('}');
      }
    }
    return b.toString();
  }

  @Override public boolean equals(Object o) {
    return o instanceof ODataFilter f && f.parts.equals(parts) && f.compound == compound;
  }

  @Override public int hashCode() {
    return parts.hashCode();
  }
}
