package org.defendersql.adapter.hunting;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.defendersql.adapter.kql.KqlColumn;
import org.defendersql.adapter.kql.KqlQuery;
import org.defendersql.adapter.planner.DefenderRuleConfig;
import org.defendersql.model.hunting.KqlType;

/**
 * Rule to push {@code ORDER BY ... LIMIT n} into the KQL of the {@link HuntingTableScan} below as
 * {@code top n by k asc|desc nulls first|last} (several keys: {@code sort by ... | take n}), and {@code LIMIT n}
 * alone as {@code take n}. The direction and null placement are always written, from each sort field, where
 * Calcite has already resolved an absent {@code NULLS FIRST/LAST} with the connection's {@code defaultNullCollation}
 * (the server's is {@code LAST}; KQL's defaults differ). Keys are numbers, date-times and booleans, which KQL orders
 * as SQL does; strings (whose KQL order is not documented to be Java's, and whose NULLs KQL holds as empty strings)
 * are sorted by Calcite. {@code OFFSET} and limits of the row cap or more are not pushed.
 */
public class HuntingSortRule extends RelRule<DefenderRuleConfig> {
  /** The rule instance. */
  public static final HuntingSortRule INSTANCE = (HuntingSortRule) DefenderRuleConfig.of("HuntingSortRule",
      b0 -> b0.operand(Sort.class).predicate(s -> s.fetch != null)
          .oneInput(b1 -> b1.operand(HuntingTableScan.class)
              .predicate(s -> s.isLogical() && s.huntingTable().pushdown() && s.query().limit() == null)
              .noInputs()),
      HuntingSortRule::new).toRule();

  /** Creates the rule from its configuration. */
  protected HuntingSortRule(DefenderRuleConfig config) {
    super(config);
  }

  @Override public void onMatch(RelOptRuleCall call) {
    final Sort sort = call.rel(0);
    final HuntingTableScan scan = call.rel(1);
    final Long fetch = value(sort.fetch);
    final Long offset = sort.offset == null ? Long.valueOf(0) : value(sort.offset);
    if (fetch == null || offset == null || offset != 0 || fetch >= scan.huntingTable().maxRows()) {
      return;
    }
    final List<KqlQuery.SortKey> keys = new ArrayList<>();
    for (RelFieldCollation fc : sort.getCollation().getFieldCollations()) {
      final KqlColumn c = scan.query().columns().get(fc.getFieldIndex());
      if (c.type() != KqlType.LONG && c.type() != KqlType.INT && c.type() != KqlType.DATETIME
          && c.type() != KqlType.BOOL && c.type() != KqlType.DOUBLE) {
        return;
      }
      final RelFieldCollation.NullDirection nulls = fc.nullDirection == RelFieldCollation.NullDirection.UNSPECIFIED
          ? fc.getDirection().defaultNullDirection() : fc.nullDirection;
      keys.add(new KqlQuery.SortKey(c.name(), fc.getDirection().isDescending(),
          nulls == RelFieldCollation.NullDirection.FIRST));
    }
    call.transformTo(scan.withLimit(keys, fetch.intValue(),
        keys.isEmpty() ? RelCollations.EMPTY : sort.getCollation()));
  }

  private static Long value(RexNode n) {
    if (n instanceof RexLiteral lit) {
      final Number v = lit.getValueAs(Number.class);
      return v == null || v.longValue() < 0 ? null : v.longValue();
    }
    return null;
  }
}
