package org.defendersql.adapter.planner;

import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.util.mapping.IntPair;
import org.defendersql.model.Column;
import org.defendersql.model.Lookup;

/**
 * Rule to turn a join on the key of a Defender table's keyed endpoint into a {@link DefenderLookupJoin}, so that
 * the other side's rows drive lookups rather than the table being scanned (or, without a list endpoint, not
 * being readable at all). Other join conditions are checked above it.
 */
public class DefenderLookupJoinRule extends RelRule<DefenderRuleConfig> {
  /** The rule instance. */
  public static final DefenderLookupJoinRule INSTANCE = (DefenderLookupJoinRule) DefenderRuleConfig.of(
      "DefenderLookupJoinRule",
      b0 -> b0.operand(LogicalJoin.class).inputs(
          b1 -> b1.operand(RelNode.class).anyInputs(),
          b2 -> b2.operand(DefenderTableScan.class)
              .predicate(s -> s.isLogical() && s.request().lookup() == null && !s.request().isPaged()
                  && s.request().filter() == null && !s.defenderTable().entity().lookups().isEmpty())
              .noInputs()),
      DefenderLookupJoinRule::new).toRule();

  /** The rule instance for a join whose Defender side is filtered: the filter is checked above the join. */
  public static final DefenderLookupJoinRule FILTERED = (DefenderLookupJoinRule) DefenderRuleConfig.of(
      "DefenderLookupJoinRule:filtered",
      b0 -> b0.operand(LogicalJoin.class).predicate(j -> j.getJoinType() == JoinRelType.INNER).inputs(
          b1 -> b1.operand(RelNode.class).anyInputs(),
          b2 -> b2.operand(LogicalFilter.class).oneInput(b3 -> b3.operand(DefenderTableScan.class)
              .predicate(s -> s.isLogical() && s.request().lookup() == null && !s.request().isPaged()
                  && s.request().filter() == null && !s.defenderTable().entity().lookups().isEmpty())
              .noInputs())),
      DefenderLookupJoinRule::new).toRule();

  /** Creates the rule from its configuration. */
  protected DefenderLookupJoinRule(DefenderRuleConfig config) {
    super(config);
  }

  @Override public void onMatch(RelOptRuleCall call) {
    final LogicalJoin join = call.rel(0);
    final RelNode left = call.rel(1);
    final LogicalFilter rightFilter = call.rels.length == 4 ? call.rel(2) : null;
    final DefenderTableScan scan = call.rel(call.rels.length - 1);
    if (join.getJoinType() != JoinRelType.INNER && join.getJoinType() != JoinRelType.LEFT) {
      return;
    }
    final JoinInfo info = JoinInfo.of(left, rightFilter != null ? rightFilter : scan, join.getCondition());
    final List<Column> columns = scan.request().columns();
    for (IntPair pair : info.pairs()) {
      final Column key = columns.get(pair.target);
      if (left.getRowType().getFieldList().get(pair.source).getType().getSqlTypeName().getFamily()
          != SqlTypeFamily.CHARACTER) {
        continue;
      }
      for (Lookup lookup : scan.defenderTable().entity().lookupsBy(key.sqlName())) {
        if (scan.request().expand() != null && !lookup.single()) {
          continue; // keyed collections do not expand evidence
        }
        // The join condition is checked again above: exact SQL equality, and any other condition.
        if (join.getJoinType() == JoinRelType.LEFT && !info.isEqui()) {
          return;
        }
        final RelNode enumerableLeft = convert(left, left.getTraitSet().replace(EnumerableConvention.INSTANCE));
        final DefenderLookupJoin lookupJoin = new DefenderLookupJoin(join.getCluster(),
            join.getTraitSet().replace(EnumerableConvention.INSTANCE), enumerableLeft, scan.defenderTable(),
            scan.request(), lookup, pair.source, pair.target, join.getJoinType(), join.getRowType());
        final List<RexNode> checks = new java.util.ArrayList<>();
        if (join.getJoinType() == JoinRelType.INNER) {
          checks.add(join.getCondition());
        }
        if (rightFilter != null) {
          // The right side's own condition, moved above the join: its fields come after the left ones.
          checks.add(RexUtil.shift(rightFilter.getCondition(), left.getRowType().getFieldCount()));
        }
        call.transformTo(checks.isEmpty() ? lookupJoin : RelOptUtil.createFilter(lookupJoin, checks));
        return;
      }
    }
  }
}
