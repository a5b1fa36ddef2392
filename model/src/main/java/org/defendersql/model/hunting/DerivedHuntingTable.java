package org.defendersql.model.hunting;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A table of the hunting schema that advanced hunting computes from its own tables: a KQL pipeline whose answer is
 * the table, such as a device's latest {@code DeviceInfo} report. The adapter reads it as one hunting request per
 * query, the query's filters, columns and limits written as KQL around the pipeline: predicates on {@link #keys}
 * between {@link #source} and {@link #pipeline} (a grouping key selects whole groups, so filtering before the
 * grouping gives the same groups as after), the others after it.
 *
 * <p>The pipeline's answer is its rows; the service's time window ({@code Timespan}, the last 30 days by default)
 * applies to the source tables' rows, so the aggregates describe those 30 days only (a "first seen" is the first
 * sighting in the window). Its rows are aggregated, so an answer of 100,000 rows or more cannot be read on past the
 * service's row cap, and fails as a {@code GROUP BY} of that many groups does.
 *
 * @param name         the SQL name in the hunting schema, as the MDE-API tables' successors name it
 * @param description  what a row is, for the documentation and JDBC tools' REMARKS
 * @param source       the KQL that reads the hunting tables, up to where a predicate on the keys is inserted
 * @param pipeline     the operators after it that make the rows, starting with {@code |}
 * @param columns      the columns of its rows, in order, with the names the pipeline's answer gives them
 * @param keys         the columns the pipeline groups by: a predicate on these alone may go before it
 * @param notNull      the columns that are never null (aggregates of every group, such as a count)
 * @param windowColumn a date-time column holding the time of the one source row each row is (the latest report of
 *                     {@code arg_max(Timestamp, *)}): a lower bound on it may narrow the source's time window, since
 *                     the latest row at or after a time is the latest row whenever that is at or after the time;
 *                     null when rows aggregate several source rows (their counts and first times would change)
 * @param reads        the hunting tables the source reads
 */
public record DerivedHuntingTable(String name, String description, String source, String pipeline,
    List<HuntingColumn> columns, List<String> keys, Set<String> notNull, String windowColumn,
    List<HuntingTable> reads) {

  public DerivedHuntingTable {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(pipeline, "pipeline");
    description = description == null ? "" : description.strip();
    columns = List.copyOf(columns);
    keys = List.copyOf(keys);
    notNull = Set.copyOf(notNull);
    reads = List.copyOf(reads);
    if (!pipeline.startsWith("| ")) {
      throw new IllegalArgumentException(name + ": the pipeline must start with '| '");
    }
    final Set<String> all = new HashSet<>();
    columns.forEach(c -> all.add(c.name()));
    for (String k : keys) {
      if (!all.contains(k)) {
        throw new IllegalArgumentException(name + ": key " + k + " is not a column");
      }
    }
    for (String k : notNull) {
      if (!all.contains(k)) {
        throw new IllegalArgumentException(name + ": not-null column " + k + " is not a column");
      }
    }
    if (windowColumn != null && columns.stream().noneMatch(c -> c.name().equals(windowColumn)
        && c.type() == KqlType.DATETIME)) {
      throw new IllegalArgumentException(name + ": window column " + windowColumn + " is missing or not a datetime");
    }
    // The shape's own checks: unique names ignoring case.
    new HuntingTable(name, description, columns, null, keys);
  }

  /**
   * The table as the adapter's hunting planner sees a table: its name, columns and identifying columns (the keys);
   * no time column, since its rows are aggregates that cannot be read on past the row cap in time order.
   */
  public HuntingTable shape() {
    return new HuntingTable(name, description, columns, null, keys);
  }

  /** The whole KQL of the table with no predicate: {@code source pipeline}. */
  public String kql() {
    return source + " " + pipeline;
  }

  /** The column of this exact name. */
  public Optional<HuntingColumn> column(String columnName) {
    return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
  }

  /** Whether the column is one the pipeline groups by. */
  public boolean isKey(String columnName) {
    return keys.contains(columnName);
  }
}
