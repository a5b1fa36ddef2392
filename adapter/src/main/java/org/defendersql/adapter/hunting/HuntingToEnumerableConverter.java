package org.defendersql.adapter.hunting;

import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.function.Function1;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.ConventionTraitDef;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterImpl;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.defendersql.adapter.kql.KqlQuery;
import org.defendersql.adapter.planner.ExecutionParameters;

/**
 * Relational expression that runs a hunting scan inside an Enumerable plan: it generates a call to
 * {@link HuntingSqlTable#query} with the scan's KQL, handed over as a stashed object rather than re-encoded.
 */
public class HuntingToEnumerableConverter extends ConverterImpl implements EnumerableRel {

  /** Creates a HuntingToEnumerableConverter. */
  protected HuntingToEnumerableConverter(RelOptCluster cluster, RelTraitSet traits, RelNode input) {
    super(cluster, ConventionTraitDef.INSTANCE, traits, input);
  }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new HuntingToEnumerableConverter(getCluster(), traitSet, sole(inputs));
  }

  @Override public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    return super.computeSelfCost(planner, mq).multiplyBy(.1);
  }

  @Override public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    final HuntingTableScan scan = (HuntingTableScan) getInput();
    final PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(),
        pref.prefer(JavaRowFormat.ARRAY));
    final BlockBuilder block = new BlockBuilder();
    final Expression table = block.append("table", implementor.stash(scan.huntingTable(), HuntingSqlTable.class));
    final Expression query = block.append("kql", implementor.stash(scan.query(), KqlQuery.class));
    final Expression parameters = block.append("parameters", implementor.stash(
        ExecutionParameters.function(scan.getCluster(), scan.parameters()), Function1.class));
    block.add(Expressions.return_(null, Expressions.call(table, HuntingMethod.TABLE_QUERY.method, query,
        parameters, DataContext.ROOT)));
    return implementor.result(physType, block.toBlock());
  }
}
