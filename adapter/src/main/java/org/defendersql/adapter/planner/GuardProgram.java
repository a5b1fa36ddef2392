package org.defendersql.adapter.planner;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableMergeJoin;
import org.apache.calcite.adapter.enumerable.EnumerableNestedLoopJoin;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.plan.RelOptLattice;
import org.apache.calcite.plan.RelOptMaterialization;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Correlate;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.RepeatUnion;
import org.apache.calcite.rel.core.SetOp;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.core.Union;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;
import org.defendersql.adapter.runtime.RowGuard;

/**
 * Calcite's standard optimisation, then a {@link DefenderGuard} under every step that holds rows in memory (a
 * sort without a limit, a join's right input, a window, a distinct set operation: their rows count against the
 * statement's row limit) and every step that can run long without handing a row on (a join's or a recursive
 * union's output, an aggregate's input: checked for cancellation and timeout). A server installs it for its
 * statements (Calcite's {@code Hook.PROGRAM}) so that no statement can fill the heap or loop for ever.
 */
public final class GuardProgram implements Program {
  private final long maxRows;

  /** @param maxRows the most rows one statement may hold in memory */
  public GuardProgram(long maxRows) {
    if (maxRows <= 0) {
      throw new IllegalArgumentException("maxRows must be positive");
    }
    this.maxRows = maxRows;
  }

  @Override public RelNode run(RelOptPlanner planner, RelNode rel, RelTraitSet requiredOutputTraits,
      List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
    return guard(Programs.standard().run(planner, rel, requiredOutputTraits, materializations, lattices));
  }

  private RelNode guard(RelNode node) {
    if (!(node instanceof EnumerableRel)) {
      return node;
    }
    final List<RelNode> inputs = new ArrayList<>();
    boolean changed = false;
    for (int i = 0; i < node.getInputs().size(); i++) {
      final RelNode input = node.getInput(i);
      final RelNode guarded = around(guard(input), holds(node, i), node);
      changed |= guarded != input;
      inputs.add(guarded);
    }
    final RelNode copy = changed ? node.copy(node.getTraitSet(), inputs) : node;
    if (node instanceof Join || node instanceof Correlate || node instanceof RepeatUnion) {
      return wrap(copy, new RowGuard(0, stepName(node)));
    }
    return copy;
  }

  /** The input, watched as the parent needs: its rows held (counted), merely looped over, or not at all. */
  private RelNode around(RelNode input, boolean held, RelNode parent) {
    if (!(input instanceof EnumerableRel)) {
      return input;
    }
    if (held) {
      // A nested-loop join reads its right input again for every left row: read it once and replay it.
      return wrap(input, new RowGuard(maxRows, stepName(parent), parent instanceof EnumerableNestedLoopJoin));
    }
    if (parent instanceof Aggregate) {
      return wrap(input, new RowGuard(0, stepName(parent)));
    }
    return input;
  }

  /**
   * Whether the step keeps the rows of its input {@code i} in memory: a sort without a limit, a window and a
   * distinct set operation all of them; a join those of its right input, which hash and nested-loop joins
   * load while they stream the left one (a merge join's sorted inputs are counted by their sorts).
   */
  private static boolean holds(RelNode node, int i) {
    if (node instanceof Sort s) {
      return s.fetch == null;
    }
    if (node instanceof Union u) {
      return !u.all;
    }
    if (node instanceof Join j) {
      return i == 1 && !(j instanceof EnumerableMergeJoin);
    }
    return node instanceof Window || node instanceof SetOp;
  }

  private static RelNode wrap(RelNode input, RowGuard guard) {
    if (input instanceof DefenderGuard) {
      return input;
    }
    return new DefenderGuard(input.getCluster(), input.getTraitSet(), input, guard);
  }

  /** The step as an analyst reads it in an error: "sorting", "joining", ... */
  private static String stepName(RelNode node) {
    if (node instanceof Sort) {
      return "sorting rows";
    }
    if (node instanceof Join || node instanceof Correlate) {
      return "joining rows";
    }
    if (node instanceof RepeatUnion) {
      return "computing a recursive query";
    }
    if (node instanceof Aggregate) {
      return "aggregating rows";
    }
    if (node instanceof Window) {
      return "computing a window function";
    }
    return "combining rows (" + node.getRelTypeName().replaceFirst("^Enumerable", "").toLowerCase() + ")";
  }
}
