package org.defendersql.adapter.planner;

import java.lang.reflect.Method;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.defendersql.adapter.runtime.RowGuard;

/**
 * A step that passes its input's rows on unchanged, watching them with a {@link RowGuard}: put by
 * {@link GuardProgram} under the steps that hold rows in memory or loop without handing rows to the client.
 */
public final class DefenderGuard extends SingleRel implements EnumerableRel {
  /** Found once: linq4j's lookup by name wants the argument classes exactly, not an Enumerable's subclass. */
  private static final Method ROWS = Types.lookupMethod(RowGuard.class, "rows", Enumerable.class, DataContext.class);

  private final RowGuard guard;

  DefenderGuard(RelOptCluster cluster, RelTraitSet traits, RelNode input, RowGuard guard) {
    super(cluster, traits, input);
    this.guard = guard;
  }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new DefenderGuard(getCluster(), traitSet, sole(inputs), guard);
  }

  @Override public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    return planner.getCostFactory().makeTinyCost();
  }

  @Override public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw).item("step", guard.where()).itemIf("maxRows", guard.maxRows(),
        guard.maxRows() > 0).itemIf("spool", true, guard.spool());
  }

  @Override public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    final Result child = implementor.visitChild(this, 0, (EnumerableRel) getInput(), pref);
    final BlockBuilder block = new BlockBuilder();
    final Expression rows = block.append("rows", child.block);
    final Expression g = block.append("guard", implementor.stash(guard, RowGuard.class));
    block.add(Expressions.return_(null, Expressions.call(g, ROWS, rows, DataContext.ROOT)));
    return implementor.result(child.physType, block.toBlock());
  }
}
