package org.defendersql.adapter.kql;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.defendersql.model.hunting.DerivedHuntingTable;
import org.defendersql.model.hunting.HuntingColumn;
import org.defendersql.model.hunting.HuntingTable;

/**
 * The KQL a hunting scan sends, as the planner built it: the table, then {@code where}, {@code summarize},
 * {@code where} over the aggregates (SQL's HAVING), {@code top}/{@code take}, {@code project}, in that order, and
 * the columns the answer holds. EXPLAIN prints it ({@link #toString()}); {@link #bind} fills in the values known
 * only at execution and gives the {@link KqlRequest} the client sends.
 *
 * <p>A query that returns table rows one for one (no summarize, no limit) on a table with a time column ends with
 * {@code sort by Timestamp asc}: an answer cut at the service's row cap is then the earliest rows, and the client
 * reads on from the last one's time (see {@link KqlRequest}).
 *
 * <p>A {@link DerivedHuntingTable derived table} starts with its source instead of a table name, and its pipeline
 * follows the {@code where} (which then holds only predicates on the pipeline's grouping keys); {@code filter}, the
 * predicates over its rows, follows the pipeline. Its rows are aggregates: never time-ordered, never read on.
 *
 * @param table      the hunting table read (a derived table's shape)
 * @param derived    the derived table read, or null for a table of Microsoft's
 * @param where      the predicate over the table's rows (a derived table's: over its source's rows), or null
 * @param filter     the predicate over a derived table's rows, after its pipeline, or null
 * @param timeBounds the bounds of the time window that the query's predicates imply
 * @param summarize  the aggregation, or null
 * @param having     the predicate over the aggregation's rows, or null
 * @param order      the sort keys of {@code top} (one) or {@code sort | take} (several); empty with {@code take}
 * @param limit      the most rows, or null for all
 * @param columns    the columns each row of the answer holds, in order
 */
public record KqlQuery(HuntingTable table, DerivedHuntingTable derived, KqlText where, KqlText filter,
    List<KqlTimeBound> timeBounds, Summarize summarize, KqlText having, List<SortKey> order, Integer limit,
    List<KqlColumn> columns) {

  /** An aggregate of {@code summarize}: {@code name = call}, e.g. {@code a0 = count()}. */
  public record Aggregate(String name, String call) {
    @Override public String toString() {
      return name + " = " + call;
    }
  }

  /**
   * {@code summarize aggregates by keys}.
   *
   * @param keys       the group-by columns
   * @param aggregates the aggregates
   * @param output     the columns of its rows: the keys, then the aggregates
   */
  public record Summarize(List<String> keys, List<Aggregate> aggregates, List<KqlColumn> output) {
    public Summarize {
      keys = List.copyOf(keys);
      aggregates = List.copyOf(aggregates);
      output = List.copyOf(output);
    }

    @Override public String toString() {
      final String aggs = aggregates.stream().map(Aggregate::toString).collect(Collectors.joining(", "));
      final String by = keys.stream().map(KqlLiterals::identifier).collect(Collectors.joining(", "));
      return keys.isEmpty() ? "summarize " + aggs : aggregates.isEmpty() ? "summarize by " + by
          : "summarize " + aggs + " by " + by;
    }
  }

  /** A sort key, always with its direction and null placement (KQL's defaults are not SQL's). */
  public record SortKey(String column, boolean descending, boolean nullsFirst) {
    @Override public String toString() {
      return KqlLiterals.identifier(column) + (descending ? " desc" : " asc") + (nullsFirst ? " nulls first"
          : " nulls last");
    }
  }

  public KqlQuery {
    Objects.requireNonNull(table, "table");
    timeBounds = List.copyOf(timeBounds);
    order = List.copyOf(order);
    columns = List.copyOf(columns);
  }

  /** Every row and column of a table. */
  public static KqlQuery scan(HuntingTable table) {
    return new KqlQuery(table, null, null, null, List.of(), null, null, List.of(), null, tableColumns(table));
  }

  /** Every row and column of a derived table. */
  public static KqlQuery scan(DerivedHuntingTable derived) {
    return new KqlQuery(derived.shape(), derived, null, null, List.of(), null, null, List.of(), null,
        derivedColumns(derived));
  }

  /** A derived table's columns as SQL sees them: nullable but those the model says are never null. */
  public static List<KqlColumn> derivedColumns(DerivedHuntingTable derived) {
    final List<KqlColumn> out = new ArrayList<>();
    for (HuntingColumn c : derived.columns()) {
      out.add(KqlColumn.of(c, !derived.notNull().contains(c.name())));
    }
    return out;
  }

  /** A table's columns as SQL sees them: all nullable but the time column. */
  public static List<KqlColumn> tableColumns(HuntingTable table) {
    final List<KqlColumn> out = new ArrayList<>();
    for (HuntingColumn c : table.columns()) {
      out.add(KqlColumn.of(c, !c.name().equals(table.timeColumn())));
    }
    return out;
  }

  /** The columns the operators after {@code project} could return: the table's, or the aggregation's. */
  public List<KqlColumn> available() {
    return summarize != null ? summarize.output() : derived != null ? derivedColumns(derived) : tableColumns(table);
  }

  /** Whether a predicate over table rows may still be added (nothing aggregates or limits them yet). */
  public boolean acceptsWhere() {
    return summarize == null && limit == null;
  }

  /** Whether a predicate over aggregated rows may still be added. */
  public boolean acceptsHaving() {
    return summarize != null && limit == null;
  }

  /** Whether rows are still one per table row, so that an aggregation or a limit may follow. */
  public boolean isRowWise() {
    return summarize == null && limit == null;
  }

  /** Whether the answer comes in time order, so that an answer cut at the row cap can be read on. */
  public boolean timeOrdered() {
    return isRowWise() && table.hasTimeColumn();
  }

  /** This query with a predicate ANDed to its {@code where}, and the time bounds it implies. */
  public KqlQuery withWhere(KqlText predicate, List<KqlTimeBound> bounds) {
    final KqlText w = where == null ? predicate : KqlText.join("and", List.of(where, predicate));
    return new KqlQuery(table, derived, w, filter, withBounds(bounds), summarize, having, order, limit, columns);
  }

  /**
   * This derived table's query with a predicate over its rows ANDed to the {@code where} after its pipeline, and
   * the time bounds of the source's window it implies.
   */
  public KqlQuery withFilter(KqlText predicate, List<KqlTimeBound> bounds) {
    if (derived == null) {
      throw new IllegalStateException(table.name() + " is not a derived table");
    }
    final KqlText f = filter == null ? predicate : KqlText.join("and", List.of(filter, predicate));
    return new KqlQuery(table, derived, where, f, withBounds(bounds), summarize, having, order, limit, columns);
  }

  private List<KqlTimeBound> withBounds(List<KqlTimeBound> bounds) {
    final List<KqlTimeBound> all = new ArrayList<>(timeBounds);
    all.addAll(bounds);
    return all;
  }

  /** This query with a predicate ANDed to its {@code where} after the aggregation. */
  public KqlQuery withHaving(KqlText predicate) {
    final KqlText h = having == null ? predicate : KqlText.join("and", List.of(having, predicate));
    return new KqlQuery(table, derived, where, filter, timeBounds, summarize, h, order, limit, columns);
  }

  /** This query aggregated; its rows are then the aggregation's. */
  public KqlQuery withSummarize(Summarize s) {
    return new KqlQuery(table, derived, where, filter, timeBounds, s, having, order, limit, s.output());
  }

  /** This query returning the given columns, a selection of {@link #available()} or of its current columns. */
  public KqlQuery withColumns(List<KqlColumn> c) {
    return new KqlQuery(table, derived, where, filter, timeBounds, summarize, having, order, limit, c);
  }

  /** This query limited to its first {@code n} rows in the given order (any {@code n} rows when it is empty). */
  public KqlQuery withLimit(List<SortKey> keys, int n) {
    return new KqlQuery(table, derived, where, filter, timeBounds, summarize, having, keys, n, columns);
  }

  /** The columns of the answer: the SQL columns, then the time column when only the continuation needs it. */
  public List<KqlColumn> answerColumns() {
    if (!timeOrdered() || columns.stream().anyMatch(c -> c.name().equals(table.timeColumn()))) {
      return columns;
    }
    final List<KqlColumn> out = new ArrayList<>(columns);
    out.add(KqlColumn.of(table.column(table.timeColumn()).orElseThrow(), false));
    return out;
  }

  /** Everything after the table name, with {@code | } before each operator. */
  private KqlText tail() {
    final List<KqlText> parts = new ArrayList<>();
    if (where != null) {
      parts.add(KqlText.of(" | where "));
      parts.add(where);
    }
    if (derived != null) {
      parts.add(KqlText.of(" " + derived.pipeline()));
    }
    if (filter != null) {
      parts.add(KqlText.of(" | where "));
      parts.add(filter);
    }
    if (summarize != null) {
      parts.add(KqlText.of(" | " + summarize));
    }
    if (having != null) {
      parts.add(KqlText.of(" | where "));
      parts.add(having);
    }
    if (limit != null) {
      if (order.isEmpty()) {
        parts.add(KqlText.of(" | take " + limit));
      } else if (order.size() == 1) {
        parts.add(KqlText.of(" | top " + limit + " by " + order.get(0)));
      } else {
        // top takes one key only; sort then take is the same rows in the same order
        parts.add(KqlText.of(" | sort by " + order.stream().map(SortKey::toString).collect(Collectors.joining(", "))
            + " | take " + limit));
      }
    }
    final List<KqlColumn> answer = answerColumns();
    if (!names(answer).equals(names(available()))) {
      parts.add(KqlText.of(" | project " + answer.stream().map(c -> KqlLiterals.identifier(c.name()))
          .collect(Collectors.joining(", "))));
    }
    if (timeOrdered()) {
      parts.add(KqlText.of(" | sort by " + KqlLiterals.identifier(table.timeColumn()) + " asc"));
    }
    return KqlText.concat(parts);
  }

  private static List<String> names(List<KqlColumn> columns) {
    return columns.stream().map(KqlColumn::name).toList();
  }

  /**
   * The request of one execution: the values of parameters filled in, the time window computed from the bounds
   * (an empty request when they exclude every time, or a bound's parameter is null).
   */
  public KqlRequest bind(Object[] values) {
    Long from = null;
    Long to = null;
    boolean empty = false;
    for (KqlTimeBound b : timeBounds) {
      final Long v = b.value(values);
      if (v == null) {
        empty = true;
      } else if (b.lower()) {
        from = from == null ? v : Math.max(from, v);
      } else {
        to = to == null ? v : Math.min(to, v);
      }
    }
    if (from != null && to != null && from >= to) {
      empty = true;
    }
    final List<KqlColumn> answer = answerColumns();
    return new KqlRequest(table.name(), head(), tail().bind(values).text(),
        from == null ? null : java.time.Instant.ofEpochMilli(from), to == null ? null
        : java.time.Instant.ofEpochMilli(to), empty, answer, columns.size(),
        timeOrdered() ? table.timeColumn() : null, advice());
  }

  /** How to narrow this query when its answer reaches the row cap and cannot be read on in time slices. */
  private String advice() {
    final String time = table.hasTimeColumn() ? "a WHERE on " + table.timeColumn() + " (e.g. " + table.timeColumn()
        + " > CURRENT_TIMESTAMP - INTERVAL '1' DAY)" : null;
    if (summarize != null) {
      return "the GROUP BY gives that many groups: narrow it with " + (time != null ? time + " or " : "")
          + "fewer or coarser GROUP BY columns";
    }
    final String keys = table.identifying().isEmpty() ? "DeviceId or DeviceName"
        : String.join(" or ", table.identifying());
    return "narrow the query with " + (time != null ? time + ", or " : "") + "a WHERE on " + keys;
  }

  /** The start of the KQL: the table, or a derived table's source. */
  private String head() {
    return derived != null ? derived.source() : KqlLiterals.identifier(table.name());
  }

  /** The query as EXPLAIN shows it; values known at execution appear as their SQL, in braces. */
  @Override public String toString() {
    return head() + tail();
  }
}
