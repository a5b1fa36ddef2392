package org.defendersql.adapter.planner;

import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.metadata.RelMdUtil;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.defendersql.model.Column;
import org.defendersql.model.Entity;

/**
 * Guesses the share of a table's rows a filter keeps, for the planner alone: Calcite's guess, except that
 * equality with an identifying property (the key, a lookup key, the DNS name) keeps about one row. It decides,
 * for instance, whether a join drives lookups or scans the other table.
 */
final class DefenderSelectivity {
  private DefenderSelectivity() {
  }

  static double of(RexNode condition, DefenderTableScan scan) {
    final Entity entity = scan.defenderTable().entity();
    for (RexNode conjunct : RelOptUtil.conjunctions(condition)) {
      if (conjunct.getKind() == SqlKind.EQUALS) {
        final RexCall call = (RexCall) conjunct;
        final RexNode a = call.getOperands().get(0);
        final RexNode b = call.getOperands().get(1);
        final RexNode ref = a instanceof RexInputRef ? a : b;
        final RexNode other = ref == a ? b : a;
        if (ref instanceof RexInputRef r && other instanceof RexLiteral) {
          final Column c = scan.request().columns().get(r.getIndex());
          if (identifies(entity, c)) {
            return 1.0 / Math.max(1, entity.estimatedRows());
          }
        }
      }
    }
    return RelMdUtil.guessSelectivity(condition);
  }

  private static boolean identifies(Entity entity, Column c) {
    return entity.identifies(c.sqlName())
        || !entity.lookupsBy(c.sqlName()).isEmpty() && entity.lookupsBy(c.sqlName()).get(0).single();
  }
}
