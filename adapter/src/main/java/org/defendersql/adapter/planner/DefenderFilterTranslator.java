package org.defendersql.adapter.planner;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.NlsString;
import org.defendersql.adapter.odata.ODataFilter;
import org.defendersql.adapter.odata.ODataLiterals;
import org.defendersql.model.Column;
import org.defendersql.model.EdmType;
import org.defendersql.model.FilterOperator;

/**
 * Translates a filter condition into an OData {@code $filter} at plan time, one conjunct at a time: what the API
 * can evaluate exactly is pushed; what it cannot stays in Calcite as the remainder. Nothing fails a query.
 *
 * <p>Each term is translated so that the API selects exactly the rows for which SQL says TRUE (never those for
 * which it says UNKNOWN): {@code x <> 'a'} becomes {@code x ne 'a' and x ne null}, since OData's {@code ne} keeps
 * nulls; {@code NOT} is pushed into its operand by complementing comparisons. Where the API's semantics are not
 * known to be SQL's (is string equality case-sensitive?), the term is pushed as a superset and also kept in the
 * remainder. Timestamps are milliseconds in SQL but 100 ns in the API, so {@code x > t} becomes
 * {@code x ge t+1ms}. Enum members are compared only when the literal is exactly a member, and never ordered
 * (the API orders enums by their numeric values).
 *
 * <p>Values known only at execution ({@code ?}, {@code CURRENT_TIMESTAMP - INTERVAL '7' DAY}) are values like
 * literals: at plan time a comparison with one becomes a slot of the filter (shown in EXPLAIN), pushed as a
 * literal of its type would be; when the query runs, {@link DefenderBinding} translates the condition again with
 * the values as literals, so that a prepared statement sends exactly the request of the same statement with
 * literals. What a value then turns out not to allow (an enum value that is not a member, text that is not a
 * GUID, a NULL) is decided there.
 */
final class DefenderFilterTranslator {
  /** Longer filters risk the API's URL limits; conjuncts beyond this stay in Calcite. */
  static final int MAX_FILTER_LENGTH = 2_000;

  /**
   * The outcome: the pushed filter (null if none), the slot parameters, the remainder (null if none), and the
   * conjuncts pushed as supersets, which the remainder keeps and which must not be pushed again. When the pushed
   * filter has slots, the parameters hold every value of the condition known only at execution, so that the
   * condition can be translated again with them as literals.
   */
  record Result(ODataFilter pushed, List<RexNode> parameters, RexNode remainder, List<RexNode> supersets) {
  }

  /** A translated term; {@code exact} when the API selects exactly SQL's rows, else a superset. */
  private record Term(ODataFilter filter, boolean exact) {
  }

  private final RexBuilder rexBuilder;
  private final List<Column> columns;
  private final List<RexNode> parameters;
  /** Whether only literals are values (translating at execution, where every value is one). */
  private final boolean literalsOnly;

  private DefenderFilterTranslator(RexBuilder rexBuilder, List<Column> columns, List<RexNode> parameters,
      boolean literalsOnly) {
    this.rexBuilder = rexBuilder;
    this.columns = columns;
    this.parameters = new ArrayList<>(parameters);
    this.literalsOnly = literalsOnly;
  }

  /**
   * Translates a condition over rows of the given columns.
   *
   * @param parameters the slot parameters the scan already has; new slots are numbered after them
   * @param alreadyPushed conjuncts the scan's filter already holds as supersets
   */
  static Result translate(RexNode condition, List<Column> columns, RexBuilder rexBuilder,
      List<RexNode> parameters, List<RexNode> alreadyPushed) {
    return translate(condition, columns, rexBuilder, parameters, alreadyPushed, false);
  }

  /** Translates a condition whose values are all literals, as at execution: nothing becomes a slot. */
  static Result translateLiterals(RexNode condition, List<Column> columns, RexBuilder rexBuilder) {
    return translate(condition, columns, rexBuilder, List.of(), List.of(), true);
  }

  private static Result translate(RexNode condition, List<Column> columns, RexBuilder rexBuilder,
      List<RexNode> parameters, List<RexNode> alreadyPushed, boolean literalsOnly) {
    final DefenderFilterTranslator t = new DefenderFilterTranslator(rexBuilder, columns, parameters, literalsOnly);
    final List<ODataFilter> pushed = new ArrayList<>();
    final List<RexNode> remainder = new ArrayList<>();
    final List<RexNode> supersets = new ArrayList<>();
    int length = 0;
    for (RexNode conjunct : RelOptUtil.conjunctions(condition)) {
      if (alreadyPushed.contains(conjunct)) {
        remainder.add(conjunct);
        continue;
      }
      final int before = t.parameters.size();
      final Term term = t.term(conjunct, false);
      if (term == null || length + term.filter().toString().length() > MAX_FILTER_LENGTH) {
        t.dropParametersAfter(before);
        remainder.add(conjunct);
        continue;
      }
      length += term.filter().toString().length() + 5;
      pushed.add(term.filter());
      if (!term.exact()) {
        remainder.add(conjunct);
        supersets.add(conjunct);
      }
    }
    final ODataFilter filter = pushed.isEmpty() ? null : ODataFilter.join("and", pushed);
    if (filter != null && filter.slotCount() > 0) {
      t.addExecutionValues(condition);
    }
    return new Result(filter, t.parameters,
        remainder.isEmpty() ? null : RexUtil.composeConjunction(rexBuilder, remainder), supersets);
  }

  /**
   * Adds to the parameters every value of the condition known only at execution that is not one yet (those of
   * terms not pushed too), so that the whole condition can be translated again with literals.
   */
  private void addExecutionValues(RexNode e) {
    if (e instanceof RexLiteral || e instanceof RexInputRef) {
      return;
    }
    if (isConstant(e)) {
      if (!parameters.contains(e)) {
        parameters.add(e);
      }
      return;
    }
    if (e instanceof RexCall call) {
      call.getOperands().forEach(this::addExecutionValues);
    }
  }

  private void dropParametersAfter(int size) {
    while (parameters.size() > size) {
      parameters.remove(parameters.size() - 1);
    }
  }

  /** The term selecting the rows where {@code e} is TRUE, or FALSE when {@code negated}; null if none. */
  private Term term(RexNode e, boolean negated) {
    switch (e.getKind()) {
    case AND:
    case OR: {
      // NOT (a AND b) = NOT a OR NOT b, and the dual.
      final boolean and = (e.getKind() == SqlKind.AND) != negated;
      final List<ODataFilter> parts = new ArrayList<>();
      boolean exact = true;
      for (RexNode operand : ((RexCall) e).getOperands()) {
        final Term t = term(operand, negated);
        if (t == null) {
          return null;
        }
        parts.add(t.filter());
        exact &= t.exact();
      }
      return new Term(ODataFilter.join(and ? "and" : "or", parts), exact);
    }
    case NOT:
      return term(((RexCall) e).getOperands().get(0), !negated);
    case SEARCH:
      return term(RexUtil.expandSearch(rexBuilder, null, e), negated);
    case IS_NULL:
    case IS_NOT_NULL: {
      final Column c = column(((RexCall) e).getOperands().get(0));
      if (c == null || !c.supports(FilterOperator.EQ) || c.edmType() == EdmType.STRING_COLLECTION) {
        return null;
      }
      final boolean isNull = (e.getKind() == SqlKind.IS_NULL) != negated;
      return new Term(ODataFilter.of(c.jsonName() + (isNull ? " eq null" : " ne null")), true);
    }
    case EQUALS:
    case NOT_EQUALS:
    case GREATER_THAN:
    case GREATER_THAN_OR_EQUAL:
    case LESS_THAN:
    case LESS_THAN_OR_EQUAL:
      return comparison((RexCall) e, negated);
    case LIKE:
      return negated ? null : startsWith((RexCall) e);
    default:
      return null;
    }
  }

  private Term comparison(RexCall call, boolean negated) {
    RexNode left = call.getOperands().get(0);
    RexNode right = call.getOperands().get(1);
    SqlKind kind = call.getKind();
    if (column(left) == null) {
      final RexNode t = left;
      left = right;
      right = t;
      kind = kind.reverse();
    }
    final Column c = column(left);
    if (c == null || !isValue(right)) {
      return null;
    }
    if (negated) {
      kind = kind.negate(); // the comparison TRUE exactly when kind is FALSE (non-null operands)
    }
    return switch (c.edmType()) {
      case INT32, INT64 -> number(c, kind, right);
      case DOUBLE -> decimal(c, kind, right);
      case DATE_TIME_OFFSET -> dateTime(c, kind, right);
      case ENUM -> enumMember(c, kind, right);
      case STRING, GUID -> kind == SqlKind.EQUALS ? stringEquals(c, right) : null;
      default -> null;
    };
  }

  private Term number(Column c, SqlKind kind, RexNode value) {
    if (!c.supports(FilterOperator.EQ) || value.getType().getSqlTypeName().getFamily() != SqlTypeFamily.NUMERIC) {
      return null;
    }
    if (value instanceof RexLiteral lit) {
      final BigDecimal d = lit.getValueAs(BigDecimal.class);
      if (d == null || d.stripTrailingZeros().scale() > 0) {
        return null;
      }
      return new Term(compare(c, kind, ODataLiterals.literal(d, c.edmType())), true);
    }
    // A fraction is not pushed: the execution's binding leaves it out of the filter, as it does the literal.
    return new Term(compareSlot(c, kind, value, 0), true);
  }

  /**
   * A double property (a CVSS score) compared with a number literal: pushed, and checked again on the rows, so that
   * a service rounding the literal otherwise than SQL can only return more rows, never fewer than it should.
   */
  private Term decimal(Column c, SqlKind kind, RexNode value) {
    if (!c.supports(FilterOperator.EQ) || !(value instanceof RexLiteral lit)
        || value.getType().getSqlTypeName().getFamily() != SqlTypeFamily.NUMERIC) {
      return null;
    }
    final BigDecimal d = lit.getValueAs(BigDecimal.class);
    return d == null ? null : new Term(compare(c, kind, ODataLiterals.literal(d, c.edmType())), false);
  }

  /**
   * SQL sees the API's 100 ns timestamps cut to milliseconds (floor), so with {@code t} in whole milliseconds:
   * {@code x > t} is {@code x ge t+1ms}, {@code x <= t} is {@code x lt t+1ms}, and {@code x = t} is the
   * millisecond {@code [t, t+1ms)}.
   */
  private Term dateTime(Column c, SqlKind kind, RexNode value) {
    if (!c.supports(FilterOperator.GE) || value.getType().getSqlTypeName() != SqlTypeName.TIMESTAMP
        || value.getType().getPrecision() > 3) {
      return null;
    }
    final Long millis = value instanceof RexLiteral lit ? lit.getValueAs(Long.class) : null;
    if (value instanceof RexLiteral && millis == null) {
      return null;
    }
    final java.util.function.BiFunction<String, Long, ODataFilter> bound = (op, adjust) -> millis != null
        ? ODataFilter.of(c.jsonName() + " " + op + " " + ODataLiterals.dateTime(millis + adjust))
        : slot(c.jsonName() + " " + op + " ", c, value, adjust);
    return switch (kind) {
      case GREATER_THAN -> new Term(bound.apply("ge", 1L), true);
      case GREATER_THAN_OR_EQUAL -> new Term(bound.apply("ge", 0L), true);
      case LESS_THAN -> new Term(bound.apply("lt", 0L), true);
      case LESS_THAN_OR_EQUAL -> new Term(bound.apply("lt", 1L), true);
      case EQUALS -> new Term(ODataFilter.join("and", List.of(bound.apply("ge", 0L), bound.apply("lt", 1L))), true);
      case NOT_EQUALS -> new Term(ODataFilter.join("or", List.of(bound.apply("lt", 0L), bound.apply("ge", 1L))),
          true);
      default -> null;
    };
  }

  /**
   * Enum members are canonical in the API's answers, so equality with an exact member is exact. A value known
   * only at execution is pushed as if it were one; when it is not, the execution's binding leaves it out of the
   * filter, as the literal is, and the scan checks it on the rows.
   */
  private Term enumMember(Column c, SqlKind kind, RexNode value) {
    if ((kind != SqlKind.EQUALS && kind != SqlKind.NOT_EQUALS) || !c.supports(FilterOperator.EQ)) {
      return null;
    }
    if (!(value instanceof RexLiteral lit)) {
      return isText(value) ? new Term(compareSlot(c, kind, value, 0), true) : null;
    }
    final String s = string(lit);
    if (s == null || !c.enumValues().contains(s)) {
      return null;
    }
    return new Term(compare(c, kind, ODataLiterals.literal(s, c.edmType())), true);
  }

  /** Whether the API compares strings as SQL does is not documented: push equality, and check it again. */
  private Term stringEquals(Column c, RexNode value) {
    if (!c.supports(FilterOperator.EQ)) {
      return null;
    }
    if (!(value instanceof RexLiteral lit)) {
      return isText(value) ? new Term(slot(c.jsonName() + " eq ", c, value, 0), false) : null;
    }
    final String s = string(lit);
    if (s == null) {
      return null;
    }
    if (c.edmType() == EdmType.GUID) {
      try {
        return new Term(ODataFilter.of(c.jsonName() + " eq " + ODataLiterals.guid(s)), false);
      } catch (IllegalArgumentException notAGuid) {
        return null;
      }
    }
    return new Term(ODataFilter.of(c.jsonName() + " eq " + ODataLiterals.string(s)), false);
  }

  /** {@code x LIKE 'abc%'} is {@code startswith(x,'abc')}; checked again in Calcite (case, as above). */
  private Term startsWith(RexCall call) {
    if (call.getOperands().size() != 2) {
      return null;
    }
    final Column c = column(call.getOperands().get(0));
    final RexNode patternValue = call.getOperands().get(1);
    if (c == null || !c.supports(FilterOperator.STARTSWITH) || !isValue(patternValue)) {
      return null;
    }
    if (!(patternValue instanceof RexLiteral lit)) {
      // Pushed if the execution's pattern is a prefix pattern; checked again in Calcite either way.
      return isText(patternValue)
          ? new Term(slot("startswith(" + c.jsonName() + ",", c, patternValue, 0).append(")"), false) : null;
    }
    final String pattern = string(lit);
    if (pattern == null || !pattern.endsWith("%")) {
      return null;
    }
    final String prefix = pattern.substring(0, pattern.length() - 1);
    if (prefix.isEmpty() || prefix.contains("%") || prefix.contains("_") || prefix.contains("\\")) {
      return null;
    }
    return new Term(ODataFilter.of("startswith(" + c.jsonName() + "," + ODataLiterals.string(prefix) + ")"), false);
  }

  /** {@code x op literal}; {@code x <> v} also excludes nulls, which OData's {@code ne} would keep. */
  private static ODataFilter compare(Column c, SqlKind kind, String literal) {
    final ODataFilter f = ODataFilter.of(c.jsonName() + " " + op(kind) + " " + literal);
    return kind == SqlKind.NOT_EQUALS && c.nullable()
        ? ODataFilter.join("and", List.of(f, ODataFilter.of(c.jsonName() + " ne null"))) : f;
  }

  private ODataFilter compareSlot(Column c, SqlKind kind, RexNode value, long adjust) {
    final ODataFilter f = slot(c.jsonName() + " " + op(kind) + " ", c, value, adjust);
    return kind == SqlKind.NOT_EQUALS && c.nullable()
        ? ODataFilter.join("and", List.of(f, ODataFilter.of(c.jsonName() + " ne null"))) : f;
  }

  private ODataFilter slot(String prefix, Column c, RexNode value, long adjust) {
    parameters.add(value);
    return ODataFilter.slot(prefix, parameters.size() - 1, c.edmType(), adjust, value.toString());
  }

  private static String op(SqlKind kind) {
    return switch (kind) {
      case EQUALS -> "eq";
      case NOT_EQUALS -> "ne";
      case GREATER_THAN -> "gt";
      case GREATER_THAN_OR_EQUAL -> "ge";
      case LESS_THAN -> "lt";
      case LESS_THAN_OR_EQUAL -> "le";
      default -> throw new IllegalArgumentException(kind.toString());
    };
  }


  /** The column an expression reads directly, or null. */
  private Column column(RexNode e) {
    return e instanceof RexInputRef ref ? columns.get(ref.getIndex()) : null;
  }

  /** Whether {@code e} is a value this translation may compare with: any constant, or only literals at execution. */
  private boolean isValue(RexNode e) {
    return literalsOnly ? e instanceof RexLiteral lit && !lit.isNull() : isConstant(e);
  }

  /** Whether a value known only at execution is text. */
  private static boolean isText(RexNode value) {
    return SqlTypeName.CHAR_TYPES.contains(value.getType().getSqlTypeName());
  }

  /** Whether the value is the same for every row: a literal, a parameter, or a deterministic expression of them. */
  private static boolean isConstant(RexNode e) {
    if (e instanceof RexLiteral lit) {
      return !lit.isNull();
    }
    if (e instanceof RexDynamicParam) {
      return true;
    }
    return e instanceof RexCall && !RexUtil.containsInputRef(e) && RexUtil.isDeterministic(e)
        && !RexUtil.containsFieldAccess(e);
  }

  private static String string(RexLiteral lit) {
    final Comparable<?> v = lit.getValue();
    return v instanceof NlsString n ? n.getValue() : null;
  }
}
