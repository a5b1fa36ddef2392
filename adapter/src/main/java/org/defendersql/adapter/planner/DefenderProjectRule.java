package org.defendersql.adapter.planner;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexPermuteInputsShuttle;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.mapping.MappingType;
import org.apache.calcite.util.mapping.Mappings;
import org.defendersql.model.Column;

/**
 * Rule to narrow a {@link DefenderTableScan} to the columns the {@link LogicalProject} above it reads, so that
 * the request selects only those properties ({@code $select}) and expands evidence only when asked for.
 */
public class DefenderProjectRule extends RelRule<DefenderRuleConfig> {
  /** The rule instance. */
  public static final DefenderProjectRule INSTANCE = (DefenderProjectRule) DefenderRuleConfig.of(
      "DefenderProjectRule",
      b0 -> b0.operand(LogicalProject.class).oneInput(b1 -> b1.operand(DefenderTableScan.class)
          .predicate(s -> s.isLogical() && s.defenderTable().pushdown()).noInputs()),
      DefenderProjectRule::new).toRule();

  /** Creates the rule from its configuration. */
  protected DefenderProjectRule(DefenderRuleConfig config) {
    super(config);
  }

  @Override public void onMatch(RelOptRuleCall call) {
    final LogicalProject project = call.rel(0);
    final DefenderTableScan scan = call.rel(1);
    final List<Column> columns = scan.request().columns();
    ImmutableBitSet used = RelOptUtil.InputFinder.bits(project.getProjects(), null);
    if (used.isEmpty()) {
      // A count(*) needs rows but no values: read the key alone (or whatever single column the scan has).
      used = ImmutableBitSet.of(Math.max(0, columns.indexOf(scan.defenderTable().entity().key())));
    }
    if (used.cardinality() == columns.size()) {
      return;
    }
    final Mappings.TargetMapping mapping =
        Mappings.create(MappingType.INVERSE_SURJECTION, columns.size(), used.cardinality());
    int target = 0;
    for (int i : used) {
      mapping.set(i, target++);
    }
    final List<RexNode> projects = new ArrayList<>();
    for (RexNode e : project.getProjects()) {
      projects.add(e.accept(new RexPermuteInputsShuttle(mapping, scan)));
    }
    final DefenderTableScan newScan = scan.withColumns(used);
    if (isIdentity(projects, used.cardinality())
        && project.getRowType().getFieldNames().equals(newScan.getRowType().getFieldNames())) {
      call.transformTo(newScan);
    } else {
      call.transformTo(project.copy(project.getTraitSet(), newScan, projects, project.getRowType()));
    }
  }

  private static boolean isIdentity(List<RexNode> projects, int width) {
    if (projects.size() != width) {
      return false;
    }
    for (int i = 0; i < width; i++) {
      if (!(projects.get(i) instanceof RexInputRef ref) || ref.getIndex() != i) {
        return false;
      }
    }
    return true;
  }
}
