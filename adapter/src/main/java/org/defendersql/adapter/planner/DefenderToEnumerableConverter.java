package org.defendersql.adapter.planner;

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
import org.defendersql.adapter.DefenderTable;

/**
 * Relational expression that runs a Defender scan inside an Enumerable plan: it generates a call to
 * {@link DefenderScanExecution#query}, which binds the scan's request to the execution's values and calls
 * {@link DefenderTable#query}, handed over as a stashed object rather than re-encoded.
 */
public class DefenderToEnumerableConverter extends ConverterImpl implements EnumerableRel {

  /** Creates a DefenderToEnumerableConverter. */
  protected DefenderToEnumerableConverter(RelOptCluster cluster, RelTraitSet traits, RelNode input) {
    super(cluster, ConventionTraitDef.INSTANCE, traits, input);
  }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new DefenderToEnumerableConverter(getCluster(), traitSet, sole(inputs));
  }

  @Override public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    return super.computeSelfCost(planner, mq).multiplyBy(.1);
  }

  /**
   * Compiles the expressions whose values fill the request's filter at execution ({@code ?} parameters,
   * {@code CURRENT_TIMESTAMP - INTERVAL '7' DAY}, ...) into a function of the execution's context.
   */
  private static Function1<DataContext, Object[]> parameterFunction(DefenderTableScan scan) {
    return ExecutionParameters.function(scan.getCluster(), scan.parameters());
  }

  @Override public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    final DefenderTableScan scan = (DefenderTableScan) getInput();
    final PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(),
        pref.prefer(JavaRowFormat.ARRAY));
    final BlockBuilder block = new BlockBuilder();
    final DefenderScanExecution run = new DefenderScanExecution(scan.defenderTable(), scan.request(),
        parameterFunction(scan), DefenderBinding.of(getCluster().getRexBuilder(), scan.request(), scan.parameters()));
    final Expression execution = block.append("execution", implementor.stash(run, DefenderScanExecution.class));
    block.add(Expressions.return_(null, Expressions.call(execution, "query", DataContext.ROOT)));
    return implementor.result(physType, block.toBlock());
  }
}
