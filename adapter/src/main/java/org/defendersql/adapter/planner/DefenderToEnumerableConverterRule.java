package org.defendersql.adapter.planner;

import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;

/** Rule to convert a relational expression of the Defender convention to the Enumerable convention. */
public class DefenderToEnumerableConverterRule extends ConverterRule {
  /** The rule instance. */
  public static final ConverterRule INSTANCE = Config.INSTANCE
      .withConversion(RelNode.class, DefenderRel.CONVENTION, EnumerableConvention.INSTANCE,
          "DefenderToEnumerableConverterRule")
      .withRuleFactory(DefenderToEnumerableConverterRule::new)
      .toRule(DefenderToEnumerableConverterRule.class);

  /** Creates the rule from its configuration. */
  protected DefenderToEnumerableConverterRule(Config config) {
    super(config);
  }

  @Override public RelNode convert(RelNode rel) {
    final RelTraitSet newTraitSet = rel.getTraitSet().replace(getOutConvention());
    return new DefenderToEnumerableConverter(rel.getCluster(), newTraitSet, rel);
  }
}
