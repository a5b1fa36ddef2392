package org.defendersql.adapter;

import java.util.List;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.util.ImmutableBitSet;
import org.defendersql.adapter.client.DefenderClient;
import org.defendersql.adapter.odata.DefenderRequest;
import org.defendersql.model.Entity;

/**
 * A Defender entity set as a table. Planning turns it into a {@link DefenderTableScan}; at run time the
 * generated code calls {@link #query(DefenderRequest)} with the request the planner chose.
 */
public class DefenderTable extends AbstractTable implements TranslatableTable {
  private final Entity entity;
  private final DefenderClient client;

  DefenderTable(Entity entity, DefenderClient client) {
    this.entity = entity;
    this.client = client;
  }

  /** The entity this table reads. */
  public Entity entity() {
    return entity;
  }

  @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return DefenderTypes.rowType(typeFactory, entity.columns());
  }

  @Override public Statistic getStatistic() {
    final int key = entity.indexOf(entity.key());
    return Statistics.of(entity.estimatedRows(), List.of(ImmutableBitSet.of(key)));
  }

  @Override public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    return DefenderTableScan.create(context.getCluster(), relOptTable, this);
  }

  /**
   * Runs a request: its rows as {@code Object[]}, or as bare values when it returns one column (the shape
   * Calcite's generated code expects for a one-column row).
   */
  public Enumerable<Object> query(DefenderRequest request) {
    final boolean scalar = request.columns().size() == 1;
    return new AbstractEnumerable<>() {
      @Override public Enumerator<Object> enumerator() {
        final Enumerator<Object[]> rows = client.rows(request);
        return new Enumerator<>() {
          @Override public Object current() {
            final Object[] row = rows.current();
            return scalar ? row[0] : row;
          }

          @Override public boolean moveNext() {
            return rows.moveNext();
          }

          @Override public void reset() {
            rows.reset();
          }

          @Override public void close() {
            rows.close();
          }
        };
      }
    };
  }
}
