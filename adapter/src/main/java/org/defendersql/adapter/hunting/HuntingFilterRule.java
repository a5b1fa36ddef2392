package org.defendersql.adapter.hunting;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.metadata.RelMdUtil;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.defendersql.adapter.kql.KqlColumn;
import org.defendersql.adapter.kql.KqlFilterTranslator;
import org.defendersql.adapter.kql.KqlTimeBound;
import org.defendersql.adapter.planner.DefenderRuleConfig;
import org.defendersql.model.hunting.DerivedHuntingTable;

/**
 * Rule to push a {@link LogicalFilter} into the KQL of the {@link HuntingTableScan} below it: into its
 * {@code where} over table rows, or, over an aggregation, into a {@code where} after the {@code summarize} (SQL's
 * HAVING). What the service cannot evaluate exactly stays above the scan as a filter of its own. Over a derived
 * table, predicates on its grouping keys go before its pipeline and the others after it.
 */
public class HuntingFilterRule extends RelRule<DefenderRuleConfig> {
  /** The rule instance. */
  public static final HuntingFilterRule INSTANCE = (HuntingFilterRule) DefenderRuleConfig.of("HuntingFilterRule",
      b0 -> b0.operand(LogicalFilter.class).oneInput(b1 -> b1.operand(HuntingTableScan.class)
          .predicate(s -> s.isLogical() && s.huntingTable().pushdown()
              && (s.query().acceptsWhere() || s.query().acceptsHaving())).noInputs()),
      HuntingFilterRule::new).toRule();

  /** Creates the rule from its configuration. */
  protected HuntingFilterRule(DefenderRuleConfig config) {
    super(config);
  }

  @Override public void onMatch(RelOptRuleCall call) {
    final LogicalFilter filter = call.rel(0);
    final HuntingTableScan scan = call.rel(1);
    if (scan.query().derived() != null && scan.query().acceptsWhere()) {
      onDerived(call, filter, scan);
      return;
    }
    final boolean rows = scan.query().acceptsWhere();
    final KqlFilterTranslator.Result r = KqlFilterTranslator.translate(filter.getCondition(),
        scan.query().columns(), filter.getCluster().getRexBuilder(), scan.parameters(), scan.supersets(),
        rows ? scan.huntingTable().table().timeColumn() : null);
    if (r.pushed() == null) {
      return;
    }
    final RelNode pushed = scan.withPredicate(r.pushed(), r.bounds(), r.parameters(), r.supersets(),
        RelMdUtil.guessSelectivity(filter.getCondition()));
    call.transformTo(r.remainder() == null ? pushed : filter.copy(filter.getTraitSet(), pushed, r.remainder()));
  }

  /**
   * A filter over a derived table's rows: the conjuncts on its grouping keys alone go before the pipeline, where
   * they select whole groups (the same groups, with the same aggregates, as filtering after it), so the service
   * reads fewer rows; the others after it. Only lower bounds of the window column narrow the source's time window
   * (see {@link DerivedHuntingTable#windowColumn}): an upper bound on the latest report's time is not a bound on
   * the reports that decide which one is latest.
   */
  private static void onDerived(RelOptRuleCall call, LogicalFilter filter, HuntingTableScan scan) {
    final DerivedHuntingTable derived = scan.query().derived();
    final List<KqlColumn> columns = scan.query().columns();
    final List<RexNode> keyed = new ArrayList<>();
    final List<RexNode> other = new ArrayList<>();
    for (RexNode conjunct : RelOptUtil.conjunctions(filter.getCondition())) {
      final boolean onKeys = RelOptUtil.InputFinder.bits(conjunct).asList().stream()
          .allMatch(i -> derived.isKey(columns.get(i).name()));
      (onKeys ? keyed : other).add(conjunct);
    }
    final RexBuilder rex = filter.getCluster().getRexBuilder();
    HuntingTableScan pushed = scan;
    final List<RexNode> remainder = new ArrayList<>();
    if (!keyed.isEmpty()) {
      final RexNode condition = RexUtil.composeConjunction(rex, keyed);
      final KqlFilterTranslator.Result r = KqlFilterTranslator.translate(condition, columns, rex,
          pushed.parameters(), pushed.supersets(), null);
      if (r.pushed() != null) {
        pushed = pushed.withPredicate(r.pushed(), r.bounds(), r.parameters(), r.supersets(),
            RelMdUtil.guessSelectivity(condition));
      }
      addConjuncts(remainder, r.pushed() == null ? condition : r.remainder());
    }
    if (!other.isEmpty()) {
      final RexNode condition = RexUtil.composeConjunction(rex, other);
      final KqlFilterTranslator.Result r = KqlFilterTranslator.translate(condition, columns, rex,
          pushed.parameters(), pushed.supersets(), derived.windowColumn());
      if (r.pushed() != null) {
        pushed = pushed.withFilter(r.pushed(), r.bounds().stream().filter(KqlTimeBound::lower).toList(),
            r.parameters(), r.supersets(), RelMdUtil.guessSelectivity(condition));
      }
      addConjuncts(remainder, r.pushed() == null ? condition : r.remainder());
    }
    if (pushed == scan) {
      return;
    }
    call.transformTo(remainder.isEmpty() ? pushed
        : filter.copy(filter.getTraitSet(), pushed, RexUtil.composeConjunction(rex, remainder)));
  }

  private static void addConjuncts(List<RexNode> out, RexNode condition) {
    if (condition != null) {
      out.addAll(RelOptUtil.conjunctions(condition));
    }
  }
}
