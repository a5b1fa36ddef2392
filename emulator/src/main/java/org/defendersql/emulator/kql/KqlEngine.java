package org.defendersql.emulator.kql;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.defendersql.model.hunting.HuntingColumn;
import org.defendersql.model.hunting.HuntingModel;
import org.defendersql.model.hunting.HuntingTable;

/**
 * Runs KQL queries of the supported subset over the hunting tables. {@link #prepare} parses and type-checks the
 * whole query first, so that every error is known before an answer starts; {@link Prepared#run} then streams the
 * result from a {@link Source}, reading only the rows of the time window (narrowed further by the query's leading
 * {@code where} on the time column) and applying the window exactly: {@code from <= Timestamp < to}.
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
    private final HuntingTable table;
    private final List<Stage> stages;
    private final List<KqlColumn> columns;
    private final TimeBounds bounds;

    private Prepared(HuntingTable table, List<Stage> stages, List<KqlColumn> columns, TimeBounds bounds) {
      this.table = table;
      this.stages = stages;
      this.columns = columns;
      this.bounds = bounds;
    }

    public HuntingTable table() {
      return table;
    }

    /** The result's columns, in order. */
    public List<KqlColumn> columns() {
      return columns;
    }

    /**
     * The result rows for a time window ({@code [from, to)}, applied to the table's time column; ignored for
     * tables without one).
     */
    public Stream<Object[]> run(Source source, Instant from, Instant to) {
      Stream<Object[]> rows;
      if (table.hasTimeColumn()) {
        final Instant lo = TimeBounds.later(from, bounds.from());
        final Instant hi = TimeBounds.earlier(to, bounds.to());
        if (lo != null && hi != null && !lo.isBefore(hi)) {
          return Stream.empty();
        }
        final int at = table.indexOf(table.timeColumn());
        rows = source.rows(table, lo, hi).filter(r -> {
          final Instant t = (Instant) r[at];
          return t != null && (from == null || !t.isBefore(from)) && (to == null || t.isBefore(to));
        });
      } else {
        rows = source.rows(table, null, null);
      }
      for (Stage s : stages) {
        rows = s.apply().apply(rows);
      }
      return rows;
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
    final HuntingTable table = HuntingModel.table(q.table()).orElseThrow(() -> KqlException.semantic(
        "Failed to resolve table or column expression named '" + q.table() + "'"));
    List<KqlColumn> schema = new ArrayList<>();
    for (HuntingColumn c : table.columns()) {
      schema.add(new KqlColumn(c.name(), c.type()));
    }
    final TimeBounds bounds = TimeBounds.of(q, table, schema, now);
    final Stages compiler = new Stages(now);
    final List<Stage> stages = new ArrayList<>();
    final List<Ast.Op> ops = q.operators();
    for (int i = 0; i < ops.size(); i++) {
      final Stage s = compiler.compile(ops.get(i), schema, sortBound(ops, i, rowLimit));
      stages.add(s);
      schema = s.columns();
    }
    return new Prepared(table, List.copyOf(stages), List.copyOf(schema), bounds);
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
