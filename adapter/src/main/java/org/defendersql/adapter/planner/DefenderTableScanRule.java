package org.defendersql.adapter.planner;

import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;

/** Rule to make a logical {@link DefenderTableScan} physical, in the Defender calling convention. */
public class DefenderTableScanRule extends ConverterRule {
  /** The rule instance. */
  public static final ConverterRule INSTANCE = Config.INSTANCE
      .withConversion(DefenderTableScan.class, Convention.NONE, DefenderRel.CONVENTION, "DefenderTableScanRule")
      .withRuleFactory(DefenderTableScanRule::new)
      .toRule(DefenderTableScanRule.class);

  /** Creates the rule from its configuration. */
  protected DefenderTableScanRule(Config config) {
    super(config);
  }

  @Override public RelNode convert(RelNode rel) {
    return rel.copy(rel.getTraitSet().replace(DefenderRel.CONVENTION), rel.getInputs());
  }
}
