package org.defendersql.emulator.kql;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.defendersql.model.hunting.HuntingColumn;
import org.defendersql.model.hunting.HuntingModel;
import org.defendersql.model.hunting.HuntingTable;
import org.defendersql.model.hunting.KqlType;

/**
 * Runs KQL queries of the supported subset over the hunting tables. {@link #prepare} parses and type-checks the
 * whole query first, so that every error is known before an answer starts; {@link Prepared#run} then streams the
 * result from a {@link Source}, reading only the rows of the time window (narrowed further by the query's leading
 * {@code where} on the time column) and applying the window exactly: {@code from <= Timestamp < to}, to each table
 * of a {@code union}.
 */
public final class KqlEngine {
  private KqlEngine() {
  }

  /** Where a query's table rows come from. */
  @FunctionalInterface
  public interface Source {
    /**
     * The rows of a table, values in the model's column order (strings never null): for a table with a time
     * column, at least those with a time in {@code [from, to)} (either bound null: unbounded), in time order;
     * for the other tables, all of them.
     */
    Stream<Object[]> rows(HuntingTable table, Instant from, Instant to);
  }

  /** A checked query, ready to run. */
  public static final class Prepared {
    private final List<HuntingTable> tables;
    private final Placement placement;
    private final List<Stage> stages;
    private final List<KqlColumn> columns;
    private final TimeBounds bounds;

    private Prepared(List<HuntingTable> tables, Placement placement, List<Stage> stages, List<KqlColumn> columns,
        TimeBounds bounds) {
      this.tables = tables;
      this.placement = placement;
      this.stages = stages;
      this.columns = columns;
      this.bounds = bounds;
    }

    /** The tables the query reads: one, or those of its {@code union} in order. */
    public List<HuntingTable> tables() {
      return tables;
    }

    /** The result's columns, in order. */
    public List<KqlColumn> columns() {
      return columns;
    }

    /**
     * The result rows for a time window ({@code [from, to)}, applied to each table's time column; ignored for
     * tables without one). A union's rows are its tables' rows one table after the other.
     */
    public Stream<Object[]> run(Source source, Instant from, Instant to) {
      Stream<Object[]> rows = null;
      for (int i = 0; i < tables.size(); i++) {
        final Stream<Object[]> one = placement == null ? rows(source, tables.get(0), from, to)
            : placement.place(i, rows(source, tables.get(i), from, to));
        rows = rows == null ? one : Stream.concat(rows, one);
      }
      for (Stage s : stages) {
        rows = s.apply().apply(rows);
      }
      return rows;
    }

    private Stream<Object[]> rows(Source source, HuntingTable table, Instant from, Instant to) {
      if (!table.hasTimeColumn()) {
        return source.rows(table, null, null);
      }
      final Instant lo = TimeBounds.later(from, bounds.from());
      final Instant hi = TimeBounds.earlier(to, bounds.to());
      if (lo != null && hi != null && !lo.isBefore(hi)) {
        return Stream.empty();
      }
      final int at = table.indexOf(table.timeColumn());
      return source.rows(table, lo, hi).filter(r -> {
        final Instant t = (Instant) r[at];
        return t != null && (from == null || !t.isBefore(from)) && (to == null || t.isBefore(to));
      });
    }
  }

  /**
   * Parses and checks a query.
   *
   * @param now      the value of {@code now()} and the base of {@code ago()}
   * @param rowLimit the most rows the caller will read: a {@code sort} near the end keeps no more
   * @throws KqlException when the query is not valid KQL of the subset, or names an unknown table or column
   */
  public static Prepared prepare(String query, Instant now, long rowLimit) {
    final Ast.Query q = KqlParser.parse(query);
    final List<HuntingTable> tables = new ArrayList<>();
    for (Ast.TableRef ref : q.tables()) {
      tables.add(HuntingModel.table(ref.name()).orElseThrow(() -> KqlException.semantic(
          "Failed to resolve table or column expression named '" + ref.name() + "'")));
    }
    final Placement placement = q.union() ? Placement.of(tables) : null;
    List<KqlColumn> schema = new ArrayList<>();
    if (placement == null) {
      for (HuntingColumn c : tables.get(0).columns()) {
        schema.add(new KqlColumn(c.name(), c.type()));
      }
    } else {
      schema.addAll(placement.columns());
    }
    final TimeBounds bounds = TimeBounds.of(q, commonTimeColumn(tables, schema), schema, now);
    final Stages compiler = new Stages(now);
    final List<Stage> stages = new ArrayList<>();
    final List<Ast.Op> ops = q.operators();
    for (int i = 0; i < ops.size(); i++) {
      final Stage s = compiler.compile(ops.get(i), schema, sortBound(ops, i, rowLimit));
      stages.add(s);
      schema = s.columns();
    }
    return new Prepared(List.copyOf(tables), placement, List.copyOf(stages), List.copyOf(schema), bounds);
  }

  /**
   * The time column every table read has, under one name and type in the source's schema, so that a leading
   * {@code where} on it bounds the reading of each; null when there is none.
   */
  private static String commonTimeColumn(List<HuntingTable> tables, List<KqlColumn> schema) {
    final String name = tables.get(0).timeColumn();
    if (name == null || tables.stream().anyMatch(t -> !name.equals(t.timeColumn()))) {
      return null;
    }
    return schema.stream().anyMatch(c -> c.name().equals(name) && c.type() == KqlType.DATETIME) ? name : null;
  }

  /**
   * How many rows a {@code sort} at {@code i} can contribute to the answer: when only row-wise operators that keep
   * every row ({@code project}, {@code extend}) and {@code take} follow it, the answer's first rows are its first
   * rows; otherwise all (-1).
   */
  private static long sortBound(List<Ast.Op> ops, int i, long rowLimit) {
    if (!(ops.get(i) instanceof Ast.Sort)) {
      return -1;
    }
    long bound = rowLimit;
    for (Ast.Op op : ops.subList(i + 1, ops.size())) {
      if (op instanceof Ast.Take) {
        continue;
      }
      if (!(op instanceof Ast.Project || op instanceof Ast.Extend)) {
        return -1;
      }
    }
    return bound;
  }
}
