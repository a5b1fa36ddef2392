package org.defendersql.adapter.planner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.linq4j.function.Function1;
import org.apache.calcite.schema.SchemaPlus;
import org.defendersql.adapter.DefenderTable;
import org.defendersql.adapter.odata.DefenderRequest;
import org.defendersql.model.Column;

/**
 * What the generated code of a Defender scan runs, once per execution: the scan's request bound to that
 * execution's values ({@link DefenderBinding}), read by {@link DefenderTable#query}, and, when the values left the
 * API a condition the plan counted on it for, that condition checked here on the rows, which are then ordered,
 * skipped and limited as the plan expects of the scan.
 */
public final class DefenderScanExecution {
  private static final Function1<DataContext, Object[]> NO_VALUES = root -> new Object[0];

  private final DefenderTable table;
  private final DefenderRequest request;
  private final Function1<DataContext, Object[]> parameters;
  private final DefenderBinding binding;

  DefenderScanExecution(DefenderTable table, DefenderRequest request, Function1<DataContext, Object[]> parameters,
      DefenderBinding binding) {
    this.table = table;
    this.request = request;
    this.parameters = parameters;
    this.binding = binding;
  }

  /** The scan's rows for this execution: {@code Object[]} rows, or bare values for one column. */
  public Enumerable<Object> query(DataContext root) {
    if (binding == null && request.pageSlots() == null) {
      return table.query(request, parameters, root);
    }
    final Object[] values = parameters.apply(root);
    if (binding == null) {
      final DefenderRequest bound = request.bind(values);
      return bound.top() != null && bound.top() == 0 ? Linq4j.emptyEnumerable()
          : table.query(bound, NO_VALUES, root);
    }
    final DefenderBinding.Bound bound = binding.bind(values);
    if (bound == null || bound.residual() == null && bound.request().top() != null && bound.request().top() == 0
        || bound.top() != null && bound.top() == 0) {
      return Linq4j.emptyEnumerable(); // no row to read: no request, as for the literal statement
    }
    final Enumerable<Object> rows = table.query(bound.request(), NO_VALUES, root);
    return bound.residual() == null ? rows : checked(rows, bound, root);
  }

  /** The rows that pass the residual check, in the request's columns, ordered, skipped and limited. */
  private Enumerable<Object> checked(Enumerable<Object> rows, DefenderBinding.Bound bound, DataContext root) {
    final List<Column> read = bound.request().columns();
    final List<Column> entityColumns = request.entity().columns();
    final int[] toEntity = read.stream().mapToInt(entityColumns::indexOf).toArray();
    final int[] returned = request.columns().stream().mapToInt(read::indexOf).toArray();
    final Function1<DataContext, Object[]> check = binding.residualFunction(bound.residual());
    final Comparator<Object[]> order = order(bound.orderBy(), read);
    final long skip = bound.skip() == null ? 0 : bound.skip();
    final long top = bound.top() == null ? Long.MAX_VALUE : bound.top();
    return new AbstractEnumerable<>() {
      @Override public Enumerator<Object> enumerator() {
        final RowContext context = new RowContext(root, entityColumns.size());
        final java.util.function.Predicate<Object[]> passes = row -> {
          java.util.Arrays.fill(context.row, null);
          for (int j = 0; j < row.length; j++) {
            context.row[toEntity[j]] = row[j];
          }
          return Boolean.TRUE.equals(check.apply(context)[0]);
        };
        final java.util.function.Function<Object, Object[]> asRow =
            o -> read.size() == 1 ? new Object[] {o} : (Object[]) o;
        if (order == null) {
          // Streamed, as the literal statement's rows are: the first row is not held back for the last, and a
          // cancel or timeout stops the reading of pages.
          return new Streamed(rows.enumerator(), asRow, passes, skip, top, returned);
        }
        final List<Object[]> kept = new ArrayList<>();
        try (Enumerator<Object> e = rows.enumerator()) {
          while (e.moveNext()) {
            final Object[] row = asRow.apply(e.current());
            if (passes.test(row)) {
              kept.add(row);
            }
          }
        }
        kept.sort(order);
        final List<Object> out = new ArrayList<>();
        for (long i = skip; i < kept.size() && i - skip < top; i++) {
          out.add(narrow(kept.get((int) i), returned));
        }
        return Linq4j.enumerator(out);
      }
    };
  }

  /** A row in the returned columns: {@code Object[]}, or the bare value of a one-column row. */
  private static Object narrow(Object[] row, int[] returned) {
    final Object[] narrowed = new Object[returned.length];
    for (int j = 0; j < returned.length; j++) {
      narrowed[j] = row[returned[j]];
    }
    return returned.length == 1 ? narrowed[0] : narrowed;
  }

  /** The rows that pass the check, skipped and limited, read one at a time from the scan's enumerator. */
  private static final class Streamed implements Enumerator<Object> {
    private final Enumerator<Object> rows;
    private final java.util.function.Function<Object, Object[]> asRow;
    private final java.util.function.Predicate<Object[]> passes;
    private final long skip;
    private final long top;
    private final int[] returned;
    private long passed;
    private Object current;

    Streamed(Enumerator<Object> rows, java.util.function.Function<Object, Object[]> asRow,
        java.util.function.Predicate<Object[]> passes, long skip, long top, int[] returned) {
      this.rows = rows;
      this.asRow = asRow;
      this.passes = passes;
      this.skip = skip;
      this.top = top;
      this.returned = returned;
    }

    @Override public Object current() {
      return current;
    }

    @Override public boolean moveNext() {
      // Saturated: OFFSET with no LIMIT must not overflow into "no rows".
      final long end = top > Long.MAX_VALUE - skip ? Long.MAX_VALUE : skip + top;
      while (passed < end && rows.moveNext()) {
        final Object[] row = asRow.apply(rows.current());
        if (passes.test(row)) {
          passed++;
          if (passed > skip) {
            current = narrow(row, returned);
            return true;
          }
        }
      }
      return false;
    }

    @Override public void reset() {
      throw new UnsupportedOperationException("reset");
    }

    @Override public void close() {
      rows.close();
    }
  }

  /**
   * The order of an {@code $orderby} (numbers and date-times, as {@code DefenderSortRule} pushes them) on rows of
   * these columns, with nulls where the API puts them: first ascending, last descending.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Comparator<Object[]> order(String orderBy, List<Column> columns) {
    if (orderBy == null) {
      return null;
    }
    Comparator<Object[]> order = null;
    for (String key : orderBy.split(",")) {
      final String[] parts = key.trim().split(" ");
      int index = -1;
      for (int i = 0; i < columns.size(); i++) {
        if (columns.get(i).jsonName().equals(parts[0])) {
          index = i;
        }
      }
      final int at = index;
      final boolean descending = parts.length > 1 && parts[1].equals("desc");
      final Comparator<Comparable> values = descending
          ? Comparator.nullsLast(Comparator.<Comparable>naturalOrder().reversed())
          : Comparator.nullsFirst(Comparator.<Comparable>naturalOrder());
      final Comparator<Object[]> byKey = Comparator.comparing(r -> (Comparable) r[at], values);
      order = order == null ? byKey : order.thenComparing(byKey);
    }
    return order;
  }

  /** The execution's context, with the row being checked as the residual's input. */
  private static final class RowContext implements DataContext {
    private final DataContext root;
    final Object[] row;

    RowContext(DataContext root, int width) {
      this.root = root;
      this.row = new Object[width];
    }

    @Override public SchemaPlus getRootSchema() {
      return root.getRootSchema();
    }

    @Override public JavaTypeFactory getTypeFactory() {
      return root.getTypeFactory();
    }

    @Override public QueryProvider getQueryProvider() {
      return root.getQueryProvider();
    }

    @Override public Object get(String name) {
      return "inputRecord".equals(name) ? row : root.get(name);
    }
  }
}
