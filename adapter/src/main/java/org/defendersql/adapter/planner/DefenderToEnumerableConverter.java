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
import org.defendersql.adapter.odata.DefenderRequest;

/**
 * Relational expression that runs a Defender scan inside an Enumerable plan: it generates a call to
 * {@link DefenderTable#query} with the scan's request, handed over as a stashed object rather than re-encoded.
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
    final Expression table = block.append("table", implementor.stash(scan.defenderTable(), DefenderTable.class));
    final Expression request = block.append("request", implementor.stash(scan.request(), DefenderRequest.class));
    final Expression parameters = block.append("parameters",
        implementor.stash(parameterFunction(scan), Function1.class));
    block.add(Expressions.return_(null, Expressions.call(table, DefenderMethod.TABLE_QUERY.method, request,
        parameters, DataContext.ROOT)));
    return implementor.result(physType, block.toBlock());
  }
}
