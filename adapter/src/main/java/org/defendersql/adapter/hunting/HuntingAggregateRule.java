package org.defendersql.adapter.hunting;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.defendersql.adapter.kql.KqlColumn;
import org.defendersql.adapter.kql.KqlLiterals;
import org.defendersql.adapter.kql.KqlQuery;
import org.defendersql.adapter.planner.DefenderRuleConfig;
import org.defendersql.model.hunting.KqlType;

/**
 * Rule to push a {@link LogicalAggregate} into the KQL of the {@link HuntingTableScan} below as {@code summarize},
 * when every part means in KQL what it means in SQL:
 * <ul>
 *   <li>group keys: columns of any type but dynamic (KQL groups empty strings together as SQL groups NULLs, and the
 *       adapter reads an empty string as NULL);</li>
 *   <li>{@code COUNT(*)} as {@code count()}; {@code COUNT(c)} as {@code countif(isnotnull(c))}
 *       ({@code isnotempty} for strings);</li>
 *   <li>{@code SUM}, {@code MIN}, {@code MAX} of numbers (and {@code MIN}/{@code MAX} of date-times) as
 *       {@code sum}, {@code min}, {@code max}, which ignore nulls and give null for a group of nulls, as SQL;</li>
 *   <li>{@code AVG} of doubles only: SQL's {@code AVG} of integers is an integer, KQL's a real (Calcite usually
 *       rewrites it as {@code SUM / COUNT}, which is pushed);</li>
 *   <li>never {@code DISTINCT} aggregates ({@code dcount} is an estimate): Calcite rewrites
 *       {@code COUNT(DISTINCT c)} as a grouping on {@code c}, which is pushed.</li>
 * </ul>
 */
public class HuntingAggregateRule extends RelRule<DefenderRuleConfig> {
  /** The rule instance. */
  public static final HuntingAggregateRule INSTANCE = (HuntingAggregateRule) DefenderRuleConfig.of(
      "HuntingAggregateRule",
      b0 -> b0.operand(LogicalAggregate.class).predicate(a -> a.getGroupType() == Aggregate.Group.SIMPLE)
          .oneInput(b1 -> b1.operand(HuntingTableScan.class)
              .predicate(s -> s.isLogical() && s.huntingTable().pushdown() && s.query().isRowWise()).noInputs()),
      HuntingAggregateRule::new).toRule();

  /** Creates the rule from its configuration. */
  protected HuntingAggregateRule(DefenderRuleConfig config) {
    super(config);
  }

  @Override public void onMatch(RelOptRuleCall call) {
    final LogicalAggregate aggregate = call.rel(0);
    final HuntingTableScan scan = call.rel(1);
    final List<KqlColumn> input = scan.query().columns();
    final List<String> keys = new ArrayList<>();
    final List<KqlColumn> output = new ArrayList<>();
    for (int k : aggregate.getGroupSet()) {
      final KqlColumn c = input.get(k);
      if (c.type() == KqlType.DYNAMIC || c.type() == KqlType.TIMESPAN) {
        return;
      }
      keys.add(c.name());
      output.add(c);
    }
    final List<KqlQuery.Aggregate> aggregates = new ArrayList<>();
    for (AggregateCall a : aggregate.getAggCallList()) {
      final String name = "a" + aggregates.size();
      final String kql = call(a, input);
      final KqlType type = HuntingTypes.ofSql(a.getType());
      if (kql == null || type == null) {
        return;
      }
      aggregates.add(new KqlQuery.Aggregate(name, kql));
      output.add(new KqlColumn(name, type, a.getType().isNullable(), false));
    }
    call.transformTo(scan.withSummarize(new KqlQuery.Summarize(keys, aggregates, output)));
  }

  /** The KQL aggregate computing exactly what SQL's does, or null. */
  private static String call(AggregateCall a, List<KqlColumn> input) {
    if (a.isDistinct() || a.hasFilter() || a.isApproximate() || !a.collation.getFieldCollations().isEmpty()) {
      return null;
    }
    if (a.getArgList().isEmpty()) {
      return a.getAggregation().getKind() == org.apache.calcite.sql.SqlKind.COUNT ? "count()" : null;
    }
    if (a.getArgList().size() != 1) {
      return null;
    }
    final KqlColumn c = input.get(a.getArgList().get(0));
    final String name = KqlLiterals.identifier(c.name());
    final boolean number = c.type() == KqlType.LONG || c.type() == KqlType.INT || c.type() == KqlType.DOUBLE;
    return switch (a.getAggregation().getKind()) {
      case COUNT -> c.type() == KqlType.STRING ? "countif(isnotempty(" + name + "))"
          : c.isText() ? null : "countif(isnotnull(" + name + "))";
      // $SUM0 (Calcite's SUM that is 0 over no values) reads the service's null sum as 0 (see HuntingAnswer)
      case SUM, SUM0 -> number ? "sum(" + name + ")" : null;
      case MIN, MAX -> number || c.type() == KqlType.DATETIME
          ? a.getAggregation().getKind().name().toLowerCase(java.util.Locale.ROOT) + "(" + name + ")" : null;
      case AVG -> c.type() == KqlType.DOUBLE ? "avg(" + name + ")" : null;
      default -> null;
    };
  }
}
