package org.defendersql.adapter.hunting;

import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.metadata.RelMdUtil;
import org.defendersql.adapter.kql.KqlFilterTranslator;
import org.defendersql.adapter.planner.DefenderRuleConfig;

/**
 * Rule to push a {@link LogicalFilter} into the KQL of the {@link HuntingTableScan} below it: into its
 * {@code where} over table rows, or, over an aggregation, into a {@code where} after the {@code summarize} (SQL's
 * HAVING). What the service cannot evaluate exactly stays above the scan as a filter of its own.
 */
public class HuntingFilterRule extends RelRule<DefenderRuleConfig> {
  /** The rule instance. */
  public static final HuntingFilterRule INSTANCE = (HuntingFilterRule) DefenderRuleConfig.of("HuntingFilterRule",
      b0 -> b0.operand(LogicalFilter.class).oneInput(b1 -> b1.operand(HuntingTableScan.class)
          .predicate(s -> s.isLogical() && s.huntingTable().pushdown()
              && (s.query().acceptsWhere() || s.query().acceptsHaving())).noInputs()),
      HuntingFilterRule::new).toRule();

  /** Creates the rule from its configuration. */
  protected HuntingFilterRule(DefenderRuleConfig config) {
    super(config);
  }

  @Override public void onMatch(RelOptRuleCall call) {
    final LogicalFilter filter = call.rel(0);
    final HuntingTableScan scan = call.rel(1);
    final boolean rows = scan.query().acceptsWhere();
    final KqlFilterTranslator.Result r = KqlFilterTranslator.translate(filter.getCondition(),
        scan.query().columns(), filter.getCluster().getRexBuilder(), scan.parameters(), scan.supersets(),
        rows ? scan.huntingTable().table().timeColumn() : null);
    if (r.pushed() == null) {
      return;
    }
    final RelNode pushed = scan.withPredicate(r.pushed(), r.bounds(), r.parameters(), r.supersets(),
        RelMdUtil.guessSelectivity(filter.getCondition()));
    call.transformTo(r.remainder() == null ? pushed : filter.copy(filter.getTraitSet(), pushed, r.remainder()));
  }
}
