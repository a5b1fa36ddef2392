package org.defendersql.adapter.hunting;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.function.Function1;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.defendersql.adapter.client.DefenderClient;
import org.defendersql.adapter.kql.KqlQuery;
import org.defendersql.adapter.kql.KqlRequest;
import org.defendersql.model.hunting.DerivedHuntingTable;
import org.defendersql.model.hunting.HuntingTable;

/**
 * A hunting table as a SQL table: one of Microsoft's, or a {@link DerivedHuntingTable derived table} that the
 * service computes with a KQL pipeline. Planning turns it into a {@link HuntingTableScan}; at run time the generated
 * code calls {@link #query} with the KQL the planner chose.
 *
 * <p>A derived table is a table with a KQL source rather than a view over Microsoft's tables: a view would plan as
 * a scan of the raw events under an aggregation, and whether that became one request would depend on every rule
 * firing, while {@code arg_max(Timestamp, *)} and {@code union} have no SQL form the aggregate rule pushes. As a
 * table, its scan starts with the whole pipeline, so even with pushdown off a query is one request; the rules then
 * only add KQL around it (filters, columns, aggregates, limits), as for any hunting table.
 */
public class HuntingSqlTable extends AbstractTable implements TranslatableTable {
  /** Rows the planner assumes a table with a time column holds over 30 days; the others, a tenth. */
  static final double EVENT_ROWS = 1_000_000;

  private final HuntingTable table;
  private final DerivedHuntingTable derived;
  private final DefenderClient client;
  private final boolean pushdown;

  HuntingSqlTable(HuntingTable table, DefenderClient client, boolean pushdown) {
    this(table, null, client, pushdown);
  }

  HuntingSqlTable(DerivedHuntingTable derived, DefenderClient client, boolean pushdown) {
    this(derived.shape(), derived, client, pushdown);
  }

  private HuntingSqlTable(HuntingTable table, DerivedHuntingTable derived, DefenderClient client, boolean pushdown) {
    this.table = table;
    this.derived = derived;
    this.client = client;
    this.pushdown = pushdown;
  }

  /** The hunting table of the model (a derived table's shape). */
  public HuntingTable table() {
    return table;
  }

  /** The derived table, or null for a table of Microsoft's. */
  public DerivedHuntingTable derived() {
    return derived;
  }

  /** The query reading every row and column, where planning starts. */
  public KqlQuery scanQuery() {
    return derived != null ? KqlQuery.scan(derived) : KqlQuery.scan(table);
  }

  /** Whether the planner may push operations into the KQL. */
  public boolean pushdown() {
    return pushdown;
  }

  /** The service's row cap of one answer: a {@code top} or {@code take} of more rows is not pushed. */
  public int maxRows() {
    return client.config().hunting().maxRows();
  }

  /** Events over 30 days; a tenth for snapshot tables, a hundredth for derived ones (devices, users, files). */
  double estimatedRows() {
    return derived != null ? EVENT_ROWS / 100 : table.hasTimeColumn() ? EVENT_ROWS : EVENT_ROWS / 10;
  }

  @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return HuntingTypes.rowType(typeFactory, scanQuery().columns());
  }

  @Override public Statistic getStatistic() {
    return Statistics.of(estimatedRows(), List.of());
  }

  /**
   * Whether the shared cache would answer a query now, for EXPLAIN: {@code hit}, {@code miss}, {@code off}, or
   * {@code at execution} when its values are known only then.
   */
  String cacheState(KqlQuery query) {
    final KqlRequest request;
    try {
      request = query.bind(new Object[0]);
    } catch (RuntimeException parameters) {
      return "at execution";
    }
    return client.huntingCacheState(request);
  }

  @Override public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    return HuntingTableScan.create(context.getCluster(), relOptTable, this);
  }

  /**
   * Runs a query: fills in this execution's values, then returns its rows as {@code Object[]}, or as bare values
   * when it returns one column (the shape Calcite's generated code expects for a one-column row).
   * {@code Statement.cancel()} and the query timeout, which Calcite puts in the context, stop the HTTP calls. An
   * execution enumerated again (the inner input of a nested-loop join) replays its rows (see {@link ReplayableRows}).
   */
  public Enumerable<Object> query(KqlQuery query, Function1<DataContext, Object[]> parameters, DataContext root) {
    final KqlRequest request = query.bind(parameters.apply(root));
    final boolean scalar = request.visible() == 1;
    final Long timeout = DataContext.Variable.TIMEOUT.get(root);
    final AtomicBoolean cancel = DataContext.Variable.CANCEL_FLAG.get(root);
    return new ReplayableRows(() -> {
      final Enumerator<Object[]> rows = client.huntingRows(request, cancel, timeout == null ? 0 : timeout);
      return new Enumerator<>() {
        @Override public Object current() {
          final Object[] row = rows.current();
          return scalar ? row[0] : row;
        }

        @Override public boolean moveNext() {
          return rows.moveNext();
        }

        @Override public void reset() {
          throw new UnsupportedOperationException("reset");
        }

        @Override public void close() {
          rows.close();
        }
      };
    });
  }
}
