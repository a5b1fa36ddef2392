package org.defendersql.adapter.hunting;

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
import org.defendersql.adapter.planner.DefenderRuleConfig;

/**
 * Rule to narrow a {@link HuntingTableScan} to the columns the {@link LogicalProject} above it reads, so that the
 * KQL ends with {@code project} of those columns; expressions stay in Calcite.
 */
public class HuntingProjectRule extends RelRule<DefenderRuleConfig> {
  /** The rule instance. */
  public static final HuntingProjectRule INSTANCE = (HuntingProjectRule) DefenderRuleConfig.of(
      "HuntingProjectRule",
      b0 -> b0.operand(LogicalProject.class).oneInput(b1 -> b1.operand(HuntingTableScan.class)
          .predicate(s -> s.isLogical() && s.huntingTable().pushdown()).noInputs()),
      HuntingProjectRule::new).toRule();

  /** Creates the rule from its configuration. */
  protected HuntingProjectRule(DefenderRuleConfig config) {
    super(config);
  }

  @Override public void onMatch(RelOptRuleCall call) {
    final LogicalProject project = call.rel(0);
    final HuntingTableScan scan = call.rel(1);
    final int width = scan.query().columns().size();
    ImmutableBitSet used = RelOptUtil.InputFinder.bits(project.getProjects(), null);
    if (used.isEmpty()) {
      used = ImmutableBitSet.of(0); // rows without values (count(*)): read one column
    }
    if (used.cardinality() == width) {
      return;
    }
    final Mappings.TargetMapping mapping = Mappings.create(MappingType.INVERSE_SURJECTION, width, used.cardinality());
    int target = 0;
    for (int i : used) {
      mapping.set(i, target++);
    }
    final List<RexNode> projects = new ArrayList<>();
    for (RexNode e : project.getProjects()) {
      projects.add(e.accept(new RexPermuteInputsShuttle(mapping, scan)));
    }
    final HuntingTableScan narrowed = scan.withColumns(used);
    if (isIdentity(projects, used.cardinality())
        && project.getRowType().getFieldNames().equals(narrowed.getRowType().getFieldNames())) {
      call.transformTo(narrowed);
    } else {
      call.transformTo(project.copy(project.getTraitSet(), narrowed, projects, project.getRowType()));
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
