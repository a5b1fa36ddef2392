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
import org.defendersql.model.hunting.HuntingTable;

/**
 * A hunting table as a SQL table. Planning turns it into a {@link HuntingTableScan}; at run time the generated code
 * calls {@link #query} with the KQL the planner chose.
 */
public class HuntingSqlTable extends AbstractTable implements TranslatableTable {
  /** Rows the planner assumes a table with a time column holds over 30 days; the others, a tenth. */
  static final double EVENT_ROWS = 1_000_000;

  private final HuntingTable table;
  private final DefenderClient client;
  private final boolean pushdown;

  HuntingSqlTable(HuntingTable table, DefenderClient client, boolean pushdown) {
    this.table = table;
    this.client = client;
    this.pushdown = pushdown;
  }

  /** The hunting table of the model. */
  public HuntingTable table() {
    return table;
  }

  /** Whether the planner may push operations into the KQL. */
  public boolean pushdown() {
    return pushdown;
  }

  /** The service's row cap of one answer: a {@code top} or {@code take} of more rows is not pushed. */
  public int maxRows() {
    return client.config().hunting().maxRows();
  }

  double estimatedRows() {
    return table.hasTimeColumn() ? EVENT_ROWS : EVENT_ROWS / 10;
  }

  @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return HuntingTypes.rowType(typeFactory, KqlQuery.tableColumns(table));
  }

  @Override public Statistic getStatistic() {
    return Statistics.of(estimatedRows(), List.of());
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
