package org.defendersql.adapter.hunting;

import java.util.List;
import org.apache.calcite.plan.RelOptRule;

/** The planner rules of the hunting tables, registered by every {@link HuntingTableScan}. */
public final class HuntingRules {
  private HuntingRules() {
  }

  /** Every rule the hunting tables add to the planner. */
  public static final List<RelOptRule> RULES = List.of(
      HuntingFilterRule.INSTANCE,
      HuntingProjectRule.INSTANCE,
      HuntingAggregateRule.INSTANCE,
      HuntingSortRule.INSTANCE,
      HuntingTableScanRule.INSTANCE,
      HuntingToEnumerableConverterRule.INSTANCE);
}
