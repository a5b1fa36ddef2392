package org.defendersql.adapter.planner;

import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.function.Function1;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexExecutable;
import org.apache.calcite.rex.RexExecutorImpl;
import org.apache.calcite.rex.RexNode;

/**
 * The values a pushed request needs at execution, compiled once: the expressions of a scan's slots ({@code ?}
 * parameters, {@code CURRENT_TIMESTAMP - INTERVAL '7' DAY}, ...) as a function of the execution's context. Shared by
 * the OData and the hunting scans.
 */
public final class ExecutionParameters {
  private static final Function1<DataContext, Object[]> NONE = root -> new Object[0];

  private ExecutionParameters() {
  }

  /** The function computing the expressions' values, in order, for one execution. */
  public static Function1<DataContext, Object[]> function(RelOptCluster cluster, List<RexNode> parameters) {
    if (parameters.isEmpty()) {
      return NONE;
    }
    final RelDataType noInput = cluster.getTypeFactory().builder().build();
    final List<RexNode> nullable = parameters.stream().map(p -> nullable(cluster, p)).toList();
    final RexExecutable executable = RexExecutorImpl.getExecutable(cluster.getRexBuilder(), nullable, noInput);
    return executable.getFunction();
  }

  /**
   * A parameter read as nullable: a client may bind NULL to any {@code ?}, even one Calcite typed NOT NULL
   * ({@code LIMIT ?}), and the binding decides what a NULL means rather than the generated code failing on it.
   */
  private static RexNode nullable(RelOptCluster cluster, RexNode p) {
    if (!(p instanceof RexDynamicParam d) || d.getType().isNullable()) {
      return p;
    }
    return new RexDynamicParam(cluster.getTypeFactory().createTypeWithNullability(d.getType(), true), d.getIndex());
  }
}
