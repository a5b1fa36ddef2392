package org.defendersql.adapter.planner;

import java.util.List;
import org.apache.calcite.plan.RelOptRule;

/** The planner rules of the Defender adapter, registered by every {@link DefenderTableScan}. */
public final class DefenderRules {
  private DefenderRules() {
  }

  /** Every rule the adapter adds to the planner. */
  public static final List<RelOptRule> RULES = List.of(
      DefenderFilterRule.INSTANCE,
      DefenderProjectRule.INSTANCE,
      DefenderSortRule.INSTANCE,
      DefenderLookupJoinRule.INSTANCE,
      DefenderLookupJoinRule.FILTERED,
      DefenderTableScanRule.INSTANCE,
      DefenderToEnumerableConverterRule.INSTANCE);
}
