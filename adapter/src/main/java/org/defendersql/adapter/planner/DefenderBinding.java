package org.defendersql.adapter.planner;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.function.Function1;
import org.apache.calcite.plan.RelOptPredicateList;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexExecutorImpl;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSimplify;
import org.apache.calcite.rex.RexUtil;
import org.defendersql.adapter.DefenderTypes;
import org.defendersql.adapter.odata.DefenderRequest;
import org.defendersql.model.Column;
import org.defendersql.model.Entity;

/**
 * The execution-time half of a scan's pushdown: with the values of one execution ({@code ?} parameters,
 * {@code CURRENT_TIMESTAMP}, ...), the condition the filter was translated from is simplified and translated
 * again with those values as literals, as the planner translates a statement written with literals. A prepared
 * statement so sends exactly the requests of the same statement with literals: the same {@code $filter} text,
 * {@code IN} lists sorted and without duplicates or NULLs, a keyed {@code GET} when the values leave one key, no
 * request when they leave no row (a NULL compared), and an enum value that is not a member, or text that is not
 * a GUID, left out of the filter.
 *
 * <p>What the plan assumed the API would evaluate exactly but these values do not let it (an enum value that is
 * not a member, a filter grown beyond its length limit, a key endpoint taking no filter) becomes the
 * <em>residual</em>: conjuncts the scan checks itself on the rows, reading the columns they need, after which it
 * also orders, skips and limits the rows itself, as Calcite would have above the literal statement's scan.
 */
final class DefenderBinding {
  /** Residual checks compiled, by condition; a statement sees few distinct ones (values that are not members). */
  private static final int MAX_RESIDUALS = 16;

  /** What a filter was translated from: its condition, and the conjuncts left to Calcite, over the entity's columns. */
  record Source(RexNode condition, List<RexNode> remainder) {
  }

  /**
   * The request of one execution.
   *
   * @param request  the request to send, every value filled in
   * @param residual the conjuncts the scan checks itself (over the entity's columns), or null
   * @param orderBy  with a residual, the order the scan puts the checked rows in, or null
   * @param top      with a residual, the most rows it returns, or null
   * @param skip     with a residual, the rows it skips first, or null
   */
  record Bound(DefenderRequest request, RexNode residual, String orderBy, Integer top, Integer skip) {
  }

  private final RexBuilder rexBuilder;
  private final RexSimplify simplify;
  private final DefenderRequest request;
  private final List<RexNode> parameters;
  private final RexNode condition;
  private final List<RexNode> remainder;
  private final RelDataType entityRowType;
  private final Map<String, Function1<DataContext, Object[]>> residuals =
      new LinkedHashMap<>(MAX_RESIDUALS, 0.75f, true) {
        @Override protected boolean removeEldestEntry(Map.Entry<String, Function1<DataContext, Object[]>> e) {
          return size() > MAX_RESIDUALS;
        }
      };

  private DefenderBinding(RexBuilder rexBuilder, DefenderRequest request, List<RexNode> parameters,
      List<Source> sources) {
    this.rexBuilder = rexBuilder;
    this.simplify = new RexSimplify(rexBuilder, RelOptPredicateList.EMPTY, RexUtil.EXECUTOR);
    this.request = request;
    this.parameters = List.copyOf(parameters);
    this.condition = RexUtil.composeConjunction(rexBuilder, sources.stream().map(Source::condition).toList());
    this.remainder = sources.stream().flatMap(s -> s.remainder().stream()).toList();
    this.entityRowType = DefenderTypes.rowType(rexBuilder.getTypeFactory(), request.entity().columns());
  }

  /**
   * The source of a filter translated from {@code condition} over a scan's {@code columns}, of which
   * {@code remainder} stays in Calcite.
   */
  static Source source(RexNode condition, RexNode remainder, List<Column> columns, Entity entity) {
    final int[] toEntity = new int[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      toEntity[i] = entity.columns().indexOf(columns.get(i));
    }
    final RexShuttle remap = new RexShuttle() {
      @Override public RexNode visitInputRef(RexInputRef ref) {
        return new RexInputRef(toEntity[ref.getIndex()], ref.getType());
      }
    };
    final List<RexNode> left = remainder == null ? List.of()
        : RelOptUtil.conjunctions(remainder).stream().map(e -> e.accept(remap)).toList();
    return new Source(condition.accept(remap), left);
  }

  /** The binding of a request whose filter was translated with slots, or null when there is nothing to translate. */
  static DefenderBinding of(RexBuilder rexBuilder, DefenderRequest request, List<RexNode> parameters) {
    if (request.filter() == null || request.filter().sources().isEmpty() || request.lookup() != null) {
      return null;
    }
    final List<Source> sources = new ArrayList<>();
    for (Object o : request.filter().sources()) {
      sources.add((Source) o);
    }
    return new DefenderBinding(rexBuilder, request, parameters, sources);
  }

  /** The request for these values of the parameters, or null when they leave no row to read. */
  Bound bind(Object[] values) {
    final RexNode bound = simplify.simplifyUnknownAsFalse(condition.accept(substitution(values)));
    if (bound.isAlwaysFalse()) {
      return null; // e.g. a NULL compared: Calcite answers the literal statement with no rows, and no request
    }
    final Set<String> leftToCalcite = new HashSet<>();
    for (RexNode r : remainder) {
      for (RexNode c : RelOptUtil.conjunctions(simplify.simplifyUnknownAsFalse(r.accept(substitution(values))))) {
        leftToCalcite.add(c.toString());
      }
    }
    final Entity entity = request.entity();
    final DefenderLookups.Choice choice =
        DefenderLookups.choose(bound, entity, entity.columns(), request.expand() != null, rexBuilder);
    DefenderRequest r;
    final List<RexNode> unpushed;
    if (choice != null) {
      if (choice.keys().isEmpty()) {
        return null; // no value can be a key: the literal statement reads nothing either
      }
      r = request.withLookup(choice.lookup(), choice.keys());
      unpushed = RelOptUtil.conjunctions(bound); // a keyed endpoint takes no filter
    } else {
      final DefenderFilterTranslator.Result t =
          DefenderFilterTranslator.translateLiterals(bound, entity.columns(), rexBuilder);
      r = request.withFilter(t.pushed());
      unpushed = t.remainder() == null ? List.of() : RelOptUtil.conjunctions(t.remainder());
    }
    r = r.bind(values);
    final List<RexNode> residual = new ArrayList<>();
    for (RexNode c : unpushed) {
      if (!leftToCalcite.contains(c.toString())) {
        residual.add(c);
      }
    }
    if (residual.isEmpty()) {
      return new Bound(r, null, null, null, null);
    }
    // The literal statement's scan would read the residual's columns and leave ordering and paging to Calcite.
    final RexNode check = RexUtil.composeConjunction(rexBuilder, residual);
    final List<Column> columns = new ArrayList<>();
    final Set<Integer> used = new HashSet<>(RelOptUtil.InputFinder.bits(check).asList());
    for (int i = 0; i < entity.columns().size(); i++) {
      final Column c = entity.columns().get(i);
      if (r.columns().contains(c) || used.contains(i)) {
        columns.add(c);
      }
    }
    final DefenderRequest page = request.withFilter(null).bind(values); // the page the plan gave the scan
    return new Bound(r.withColumns(columns).withPage(null, null, null), check, page.orderBy(), page.top(),
        page.skip());
  }

  /** The compiled check of a residual: its value for the row in the context's {@code inputRecord}. */
  Function1<DataContext, Object[]> residualFunction(RexNode residual) {
    synchronized (residuals) {
      return residuals.computeIfAbsent(residual.toString(),
          k -> RexExecutorImpl.getExecutable(rexBuilder, List.of(residual), entityRowType).getFunction());
    }
  }

  /** Replaces each value known at execution by its literal. */
  private RexShuttle substitution(Object[] values) {
    return new RexShuttle() {
      @Override public RexNode visitCall(RexCall call) {
        final RexNode v = value(call);
        return v != null ? v : super.visitCall(call);
      }

      @Override public RexNode visitDynamicParam(RexDynamicParam p) {
        final RexNode v = value(p);
        return v != null ? v : p;
      }

      private RexNode value(RexNode e) {
        final int i = parameters.indexOf(e);
        return i < 0 ? null : literal(values[i], e.getType());
      }
    };
  }

  private RexNode literal(Object value, RelDataType type) {
    if (value == null) {
      return rexBuilder.makeNullLiteral(type);
    }
    // Not null, so that a VARCHAR value is a VARCHAR literal (as Calcite types one compared with a column).
    return rexBuilder.makeLiteral(value, rexBuilder.getTypeFactory().createTypeWithNullability(type, false), true);
  }
}
