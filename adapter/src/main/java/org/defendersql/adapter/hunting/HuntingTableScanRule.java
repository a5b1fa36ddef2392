package org.defendersql.adapter.hunting;

import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;

/** Rule to make a logical {@link HuntingTableScan} physical, in the hunting calling convention. */
public class HuntingTableScanRule extends ConverterRule {
  /** The rule instance. */
  public static final ConverterRule INSTANCE = Config.INSTANCE
      .withConversion(HuntingTableScan.class, Convention.NONE, HuntingRel.CONVENTION, "HuntingTableScanRule")
      .withRuleFactory(HuntingTableScanRule::new)
      .toRule(HuntingTableScanRule.class);

  /** Creates the rule from its configuration. */
  protected HuntingTableScanRule(Config config) {
    super(config);
  }

  @Override public RelNode convert(RelNode rel) {
    return rel.copy(rel.getTraitSet().replace(HuntingRel.CONVENTION), rel.getInputs());
  }
}
