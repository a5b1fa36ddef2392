package org.defendersql.adapter.hunting;

import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;

/** The scan of {@code kql('...')}: runs the analyst's KQL as it is; EXPLAIN prints it. */
public class KqlTableScan extends TableScan implements EnumerableRel {
  private static final java.lang.reflect.Method ROWS = Types.lookupMethod(KqlTable.class, "rows", DataContext.class);

  private final KqlTable kqlTable;

  KqlTableScan(RelOptCluster cluster, RelOptTable table, KqlTable kqlTable) {
    this(cluster, cluster.traitSetOf(EnumerableConvention.INSTANCE), table, kqlTable);
  }

  private KqlTableScan(RelOptCluster cluster, RelTraitSet traits, RelOptTable table, KqlTable kqlTable) {
    super(cluster, traits, List.of(), table);
    this.kqlTable = kqlTable;
  }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new KqlTableScan(getCluster(), traitSet, table, kqlTable);
  }

  @Override public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw).item("kql", kqlTable.query());
  }

  @Override public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    final PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(),
        pref.prefer(JavaRowFormat.ARRAY));
    final BlockBuilder block = new BlockBuilder();
    final Expression t = block.append("kqlTable", implementor.stash(kqlTable, KqlTable.class));
    block.add(Expressions.return_(null, Expressions.call(t, ROWS, DataContext.ROOT)));
    return implementor.result(physType, block.toBlock());
  }
}
