package org.defendersql.adapter.planner;

import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;

/** A relational expression evaluated by the Defender API; its calling convention. */
public interface DefenderRel extends RelNode {
  /** Calling convention of relational expressions that the Defender API evaluates. */
  Convention CONVENTION = new Convention.Impl("DEFENDER", DefenderRel.class);
}
