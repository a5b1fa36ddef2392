package org.defendersql.adapter.planner;

import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.defendersql.adapter.odata.ODataFilter;

/**
 * Rule to push a {@link LogicalFilter} into the {@code $filter} of the {@link DefenderTableScan} below it;
 * what the API cannot evaluate stays above the scan as a filter of its own.
 */
public class DefenderFilterRule extends RelRule<DefenderRuleConfig> {
  /** The rule instance. */
  public static final DefenderFilterRule INSTANCE = (DefenderFilterRule) DefenderRuleConfig.of("DefenderFilterRule",
      b0 -> b0.operand(LogicalFilter.class).oneInput(b1 -> b1.operand(DefenderTableScan.class)
          .predicate(s -> s.isLogical() && s.defenderTable().pushdown() && !s.request().isPaged()).noInputs()),
      DefenderFilterRule::new).toRule();

  /** Creates the rule from its configuration. */
  protected DefenderFilterRule(DefenderRuleConfig config) {
    super(config);
  }

  @Override public void onMatch(RelOptRuleCall call) {
    final LogicalFilter filter = call.rel(0);
    final DefenderTableScan scan = call.rel(1);
    if (scan.request().lookup() != null) {
      return; // keyed endpoints take no $filter
    }
    final DefenderLookups.Choice choice =
        DefenderLookups.choose(filter.getCondition(), scan.request(), filter.getCluster().getRexBuilder());
    if (choice != null) {
      // Calcite still checks the whole condition: the API's key comparison may differ in case.
      call.transformTo(filter.copy(filter.getTraitSet(),
          scan.withLookup(choice.lookup(), choice.keys(), choice.keyParameters(), choice.pathParameters()),
          filter.getCondition()));
      return;
    }
    if (!scan.defenderTable().entity().isScannable()) {
      return;
    }
    final DefenderFilterTranslator.Result r = DefenderFilterTranslator.translate(filter.getCondition(),
        scan.request().columns(), filter.getCluster().getRexBuilder(), scan.parameters(), scan.supersets());
    if (r.pushed() == null) {
      return;
    }
    // With values known only at execution, the condition is translated again then, with them as literals.
    final ODataFilter withSlots = r.pushed().slotCount() == 0 ? r.pushed()
        : r.pushed().withSource(DefenderBinding.source(filter.getCondition(), r.remainder(),
            scan.request().columns(), scan.defenderTable().entity()));
    final RelNode pushed = scan.withFilter(withSlots, r.parameters(), r.supersets(),
        DefenderSelectivity.of(filter.getCondition(), scan));
    call.transformTo(r.remainder() == null ? pushed : filter.copy(filter.getTraitSet(), pushed, r.remainder()));
  }
}
