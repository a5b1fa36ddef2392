package org.defendersql.adapter.planner;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.defendersql.model.Column;
import org.defendersql.model.EdmType;
import org.defendersql.model.Entity;
import org.defendersql.model.FilterOperator;
import org.defendersql.model.QueryOption;

/**
 * Rule to push {@code LIMIT}/{@code OFFSET} into {@code $top}/{@code $skip} of the {@link DefenderTableScan}
 * below, with {@code ORDER BY} as {@code $orderby} where the API orders exactly as SQL does: numbers and
 * date-times of filterable properties, with nulls where the API puts them (first ascending, last descending)
 * unless the column is never null. Strings and enums are sorted by Calcite. An entity whose endpoint takes no
 * {@code $orderby} (Graph's security lists) gets no pushed ORDER BY, and so no {@code $top} under one either; a
 * LIMIT without ORDER BY still becomes its {@code $top}. An OFFSET above the endpoint's largest {@code $skip}
 * (Graph's alerts: 500), or one given as a parameter there, is not pushed.
 *
 * <p>The null direction is read from each sort field, where Calcite's SQL-to-rel conversion has already resolved
 * an absent {@code NULLS FIRST/LAST} with the connection's {@code defaultNullCollation}: under the server's
 * {@code LAST}, {@code ORDER BY x DESC} and {@code ORDER BY x ASC NULLS FIRST} on a nullable column are pushed,
 * {@code ORDER BY x ASC} is not (SQL wants nulls last there, the API sends them first).
 */
public class DefenderSortRule extends RelRule<DefenderRuleConfig> {
  /** The rule instance. */
  public static final DefenderSortRule INSTANCE = (DefenderSortRule) DefenderRuleConfig.of("DefenderSortRule",
      b0 -> b0.operand(Sort.class).predicate(s -> s.fetch != null || s.offset != null)
          .oneInput(b1 -> b1.operand(DefenderTableScan.class)
              .predicate(s -> s.isLogical() && s.defenderTable().pushdown() && !s.request().isPaged()
                  && s.defenderTable().entity().parent() == null).noInputs()),
      DefenderSortRule::new).toRule();

  /** Creates the rule from its configuration. */
  protected DefenderSortRule(DefenderRuleConfig config) {
    super(config);
  }

  @Override public void onMatch(RelOptRuleCall call) {
    final Sort sort = call.rel(0);
    final DefenderTableScan scan = call.rel(1);
    final Integer fetch = intValue(sort.fetch);
    final Integer offset = intValue(sort.offset);
    // LIMIT ? and OFFSET ? are pushed too, their values filled in when the query runs.
    final RexNode fetchParameter = sort.fetch instanceof RexDynamicParam ? sort.fetch : null;
    final RexNode offsetParameter = sort.offset instanceof RexDynamicParam ? sort.offset : null;
    if ((sort.fetch != null && fetch == null && fetchParameter == null)
        || (sort.offset != null && offset == null && offsetParameter == null)) {
      return;
    }
    final Entity entity = scan.defenderTable().entity();
    if (sort.fetch != null && !entity.accepts(QueryOption.TOP) || (offset != null && offset != 0
        || offsetParameter != null) && !entity.accepts(QueryOption.SKIP)) {
      return;
    }
    if (offset != null && offset > entity.maxSkip()
        || offsetParameter != null && entity.maxSkip() < Integer.MAX_VALUE) {
      // Beyond the API's cap a $skip is a 400; an OFFSET ? could be, and its value is only known at run time.
      return;
    }
    if (!sort.getCollation().getFieldCollations().isEmpty() && !entity.accepts(QueryOption.ORDERBY)) {
      // Graph's security lists take no $orderby: the API's order is not SQL's, so neither is the first n rows.
      return;
    }
    final List<String> keys = new ArrayList<>();
    for (RelFieldCollation fc : sort.getCollation().getFieldCollations()) {
      final String key = orderKey(scan.request().columns().get(fc.getFieldIndex()), fc);
      if (key == null) {
        return;
      }
      keys.add(key);
    }
    final Integer top = fetch == null ? null : fetch;
    final Integer skip = offset == null || offset == 0 ? null : offset;
    call.transformTo(scan.withPage(keys.isEmpty() ? null : String.join(",", keys), top, skip, fetchParameter,
        offsetParameter, sort.getTraitSet().getCollation()));
  }

  /** The {@code $orderby} key for a sort field, or null when the API would order differently. */
  private static String orderKey(Column c, RelFieldCollation fc) {
    final boolean orderable = c.edmType() == EdmType.DATE_TIME_OFFSET || c.edmType() == EdmType.INT32
        || c.edmType() == EdmType.INT64;
    if (!orderable || !c.supports(FilterOperator.GT)) {
      return null;
    }
    final boolean descending = fc.getDirection().isDescending();
    // The API, like .NET, sorts null lowest: first when ascending, last when descending. A sort field's
    // direction is never UNSPECIFIED here (SqlToRelConverter resolves it), so the comparison is exact.
    final RelFieldCollation.NullDirection apiNulls =
        descending ? RelFieldCollation.NullDirection.LAST : RelFieldCollation.NullDirection.FIRST;
    if (c.nullable() && fc.nullDirection != apiNulls) {
      return null;
    }
    return c.jsonName() + (descending ? " desc" : " asc");
  }

  private static Integer intValue(RexNode n) {
    if (n instanceof RexLiteral lit) {
      final Number v = lit.getValueAs(Number.class);
      return v == null || v.longValue() > Integer.MAX_VALUE || v.longValue() < 0 ? null : v.intValue();
    }
    return null;
  }
}
