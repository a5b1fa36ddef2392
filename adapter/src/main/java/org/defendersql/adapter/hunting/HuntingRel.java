package org.defendersql.adapter.hunting;

import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;

/** A relational expression evaluated by the hunting service; its calling convention. */
public interface HuntingRel extends RelNode {
  /** Calling convention of relational expressions that the hunting service evaluates. */
  Convention CONVENTION = new Convention.Impl("HUNTING", HuntingRel.class);
}
