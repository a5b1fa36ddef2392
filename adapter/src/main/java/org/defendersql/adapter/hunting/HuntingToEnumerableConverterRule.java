package org.defendersql.adapter.hunting;

import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;

/** Rule to convert a relational expression of the hunting convention to the Enumerable convention. */
public class HuntingToEnumerableConverterRule extends ConverterRule {
  /** The rule instance. */
  public static final ConverterRule INSTANCE = Config.INSTANCE
      .withConversion(RelNode.class, HuntingRel.CONVENTION, EnumerableConvention.INSTANCE,
          "HuntingToEnumerableConverterRule")
      .withRuleFactory(HuntingToEnumerableConverterRule::new)
      .toRule(HuntingToEnumerableConverterRule.class);

  /** Creates the rule from its configuration. */
  protected HuntingToEnumerableConverterRule(Config config) {
    super(config);
  }

  @Override public RelNode convert(RelNode rel) {
    final RelTraitSet newTraitSet = rel.getTraitSet().replace(getOutConvention());
    return new HuntingToEnumerableConverter(rel.getCluster(), newTraitSet, rel);
  }
}
