package org.defendersql.adapter.hunting;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.defendersql.adapter.client.DefenderClient;
import org.defendersql.adapter.kql.KqlColumn;
import org.defendersql.adapter.kql.KqlRequest;

/** The table {@code kql('...')} returns: the rows of the analyst's query, in the columns of its answer. */
public final class KqlTable extends AbstractTable implements TranslatableTable {
  private final String query;
  private final List<KqlColumn> columns;
  private final DefenderClient client;

  KqlTable(String query, List<KqlColumn> columns, DefenderClient client) {
    this.query = query;
    this.columns = columns;
    this.client = client;
  }

  @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return HuntingTypes.rowType(typeFactory, columns);
  }

  /** The KQL as EXPLAIN shows it. */
  String query() {
    return query;
  }

  /**
   * A scan that runs the query itself: a table made by a macro has no place in a schema, so the generated code
   * cannot look it up there and is handed it instead.
   */
  @Override public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    return new KqlTableScan(context.getCluster(), relOptTable, this);
  }

  /**
   * The rows of the query, as {@code Object[]}, or bare values when it returns one column; replayed when the
   * execution enumerates them again.
   */
  public Enumerable<Object> rows(DataContext root) {
    final Long timeout = DataContext.Variable.TIMEOUT.get(root);
    final AtomicBoolean cancel = DataContext.Variable.CANCEL_FLAG.get(root);
    final KqlRequest request = KqlRequest.of(query, columns);
    final boolean scalar = columns.size() == 1;
    return new ReplayableRows(() -> {
      final Enumerator<Object[]> rows = client.huntingRows(request, cancel, timeout == null ? 0 : timeout);
      return new Enumerator<>() {
        @Override public Object current() {
          return scalar ? rows.current()[0] : rows.current();
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
