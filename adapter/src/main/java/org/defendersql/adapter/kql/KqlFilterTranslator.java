package org.defendersql.adapter.kql;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.NlsString;
import org.defendersql.model.hunting.KqlType;

/**
 * Translates a SQL filter condition into a KQL predicate at plan time, one conjunct at a time: what the service
 * evaluates exactly as SQL does is pushed, the rest stays in Calcite as the remainder. Nothing fails a query.
 *
 * <p>Each term selects exactly the rows for which SQL says TRUE, never those for which it says UNKNOWN, and no KQL
 * expression that can be null is ever negated: {@code NOT} is pushed into its operand by complementing
 * comparisons. The rules where KQL and SQL differ:
 * <ul>
 *   <li>KQL strings are never null; the adapter reads an empty string as SQL NULL (so {@code IS NULL} is
 *       {@code isempty(c)}, and {@code c = ''} selects nothing, as SQL compares no NULL equal).</li>
 *   <li>KQL's {@code null != 5} is true: {@code c <> v} on a nullable column is {@code isnotnull(c) and c != v}
 *       ({@code isnotempty} for strings).</li>
 *   <li>{@code ==}, {@code in} and the {@code _cs} string operators are case-sensitive, as SQL's {@code =} and
 *       {@code LIKE}; {@code LIKE} is {@code startswith_cs}, {@code endswith_cs}, {@code contains_cs} or an
 *       anchored {@code matches regex}, never {@code has} (which matches whole terms only).</li>
 *   <li>Date-times are 100 ns ticks in KQL and milliseconds in SQL, so {@code x > t} is {@code x >= t+1ms} and
 *       {@code x = t} is the millisecond {@code [t, t+1ms)}.</li>
 *   <li>Strings are not ordered ({@code <} on strings stays in Calcite): the service's string order is not
 *       documented to be Java's.</li>
 * </ul>
 * {@code LOWER(c) = 'x'} becomes {@code c =~ "x"}, a superset (case-insensitive equality may fold characters Java
 * does not), also kept in the remainder; so does {@code c = ?} on a string, whose value could hold characters that
 * no KQL literal may (see {@link KqlLiterals}). Values known only at execution ({@code ?},
 * {@code CURRENT_TIMESTAMP - INTERVAL '1' DAY}) become {@link KqlText.Slot slots}.
 *
 * <p>Comparisons of the table's time column with constants also give the {@link KqlTimeBound bounds} of the
 * request's time window.
 */
public final class KqlFilterTranslator {
  /** Longer predicates stay in Calcite: huge IN lists cost the service more than they save. */
  static final int MAX_LENGTH = 20_000;

  /**
   * The outcome.
   *
   * @param pushed     the predicate sent, or null if none
   * @param parameters the expressions whose values fill the slots, the scan's earlier ones first
   * @param remainder  what Calcite still evaluates, or null
   * @param supersets  the conjuncts pushed as supersets (also in the remainder), which must not be pushed again
   * @param bounds     the time bounds the pushed conjuncts imply
   */
  public record Result(KqlText pushed, List<RexNode> parameters, RexNode remainder, List<RexNode> supersets,
      List<KqlTimeBound> bounds) {
  }

  /** A translated term; {@code exact} when the service selects exactly SQL's rows, else a superset. */
  private record Term(KqlText text, boolean exact) {
  }

  private final RexBuilder rexBuilder;
  private final List<KqlColumn> columns;
  private final List<RexNode> parameters;
  private final String timeColumn;

  private KqlFilterTranslator(RexBuilder rexBuilder, List<KqlColumn> columns, List<RexNode> parameters,
      String timeColumn) {
    this.rexBuilder = rexBuilder;
    this.columns = columns;
    this.parameters = new ArrayList<>(parameters);
    this.timeColumn = timeColumn;
  }

  /**
   * Translates a condition over rows of the given columns.
   *
   * @param parameters    the slot parameters the scan already has; new slots are numbered after them
   * @param alreadyPushed conjuncts the scan already holds as supersets
   * @param timeColumn    the table's time column when the rows are table rows (bounds are then derived), else null
   */
  public static Result translate(RexNode condition, List<KqlColumn> columns, RexBuilder rexBuilder,
      List<RexNode> parameters, List<RexNode> alreadyPushed, String timeColumn) {
    final KqlFilterTranslator t = new KqlFilterTranslator(rexBuilder, columns, parameters, timeColumn);
    final List<KqlText> pushed = new ArrayList<>();
    final List<RexNode> remainder = new ArrayList<>();
    final List<RexNode> supersets = new ArrayList<>();
    final List<KqlTimeBound> bounds = new ArrayList<>();
    int length = 0;
    for (RexNode conjunct : RelOptUtil.conjunctions(condition)) {
      if (alreadyPushed.contains(conjunct)) {
        remainder.add(conjunct);
        continue;
      }
      final int before = t.parameters.size();
      final Term term = t.term(conjunct, false);
      if (term == null || length + term.text().toString().length() > MAX_LENGTH) {
        t.dropParametersAfter(before);
        remainder.add(conjunct);
        continue;
      }
      length += term.text().toString().length() + 5;
      pushed.add(term.text());
      if (!term.exact()) {
        remainder.add(conjunct);
        supersets.add(conjunct);
      }
      if (timeColumn != null) {
        t.bounds(conjunct, bounds);
      }
    }
    return new Result(pushed.isEmpty() ? null : KqlText.join("and", pushed), t.parameters,
        remainder.isEmpty() ? null : RexUtil.composeConjunction(rexBuilder, remainder), supersets, bounds);
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
      final List<RexNode> operands = ((RexCall) e).getOperands();
      // NOT (a AND b) = NOT a OR NOT b, and the dual.
      final boolean and = (e.getKind() == SqlKind.AND) != negated;
      final Term in = inList(operands, e.getKind() == SqlKind.OR ? SqlKind.EQUALS : SqlKind.NOT_EQUALS, negated);
      if (in != null) {
        return in;
      }
      final List<KqlText> parts = new ArrayList<>();
      boolean exact = true;
      for (RexNode operand : operands) {
        final Term t = term(operand, negated);
        if (t == null) {
          return null;
        }
        parts.add(t.text());
        exact &= t.exact();
      }
      return new Term(KqlText.join(and ? "and" : "or", parts), exact);
    }
    case NOT:
      return term(((RexCall) e).getOperands().get(0), !negated);
    case SEARCH:
      return term(RexUtil.expandSearch(rexBuilder, null, e), negated);
    case IS_NULL:
    case IS_NOT_NULL: {
      final KqlColumn c = column(((RexCall) e).getOperands().get(0));
      if (c == null || !pushable(c)) {
        return null;
      }
      final boolean isNull = (e.getKind() == SqlKind.IS_NULL) != negated;
      final String fn = c.isText() ? (isNull ? "isempty" : "isnotempty") : (isNull ? "isnull" : "isnotnull");
      return exact(fn + "(" + name(c) + ")");
    }
    case IS_TRUE:
    case IS_NOT_TRUE:
    case IS_FALSE:
    case IS_NOT_FALSE: {
      final KqlColumn c = column(((RexCall) e).getOperands().get(0));
      if (c == null || c.type() != KqlType.BOOL) {
        return null;
      }
      final boolean not = e.getKind() == SqlKind.IS_NOT_TRUE || e.getKind() == SqlKind.IS_NOT_FALSE;
      final boolean value = e.getKind() == SqlKind.IS_TRUE || e.getKind() == SqlKind.IS_NOT_TRUE;
      return isBoolean(c, value, not != negated);
    }
    case INPUT_REF: {
      // a boolean column as a predicate: TRUE when it is true, FALSE when it is false, UNKNOWN when null
      final KqlColumn c = column(e);
      if (c == null || c.type() != KqlType.BOOL) {
        return null;
      }
      return exact(name(c) + " == " + KqlLiterals.bool(!negated));
    }
    case EQUALS:
    case NOT_EQUALS:
    case GREATER_THAN:
    case GREATER_THAN_OR_EQUAL:
    case LESS_THAN:
    case LESS_THAN_OR_EQUAL:
      return comparison((RexCall) e, negated);
    case LIKE:
      return like((RexCall) e, negated);
    default:
      return null;
    }
  }

  /** {@code c IS [NOT] value}, which is never UNKNOWN: {@code isnull(c) or c == !value} for the negative form. */
  private Term isBoolean(KqlColumn c, boolean value, boolean not) {
    if (!not) {
      return exact(name(c) + " == " + KqlLiterals.bool(value));
    }
    return exact("isnull(" + name(c) + ") or " + name(c) + " == " + KqlLiterals.bool(!value));
  }

  /**
   * {@code c = a OR c = b ...} as {@code c in (a, b)}, and {@code c <> a AND c <> b} (what {@code NOT IN} becomes)
   * as {@code c !in (a, b)} with the null guard; null when the operands are not such comparisons of one column.
   */
  private Term inList(List<RexNode> operands, SqlKind kind, boolean negated) {
    KqlColumn column = null;
    final List<String> literals = new ArrayList<>();
    for (RexNode o : operands) {
      if (o.getKind() != kind) {
        return null;
      }
      final RexCall call = (RexCall) o;
      RexNode ref = call.getOperands().get(0);
      RexNode value = call.getOperands().get(1);
      if (column(ref) == null) {
        ref = value;
        value = call.getOperands().get(0);
      }
      final KqlColumn c = column(ref);
      if (c == null || (column != null && !c.equals(column)) || !(value instanceof RexLiteral lit) || lit.isNull()) {
        return null;
      }
      column = c;
      final Optional<String> literal;
      if (c.type() == KqlType.STRING) {
        final String s = string(lit);
        if (s == null) {
          return null;
        }
        if (s.isEmpty()) {
          continue; // no SQL value equals '' (an empty string reads as NULL): it adds nothing either way
        }
        literal = KqlLiterals.string(s);
      } else if (c.type() == KqlType.LONG || c.type() == KqlType.INT) {
        literal = integer(lit).map(KqlLiterals::number);
      } else {
        return null;
      }
      if (literal.isEmpty()) {
        return null;
      }
      literals.add(literal.get());
    }
    if (column == null || !pushable(column)) {
      return null;
    }
    // Selecting TRUE of an OR of equalities, or FALSE of an AND of inequalities, is membership.
    final boolean member = (kind == SqlKind.EQUALS) != negated;
    if (literals.isEmpty()) {
      return exact(member ? "false" : notNull(column));
    }
    final String list = "(" + String.join(", ", literals) + ")";
    return member ? exact(name(column) + " in " + list)
        : exact(notNull(column) + " and " + name(column) + " !in " + list);
  }

  private Term comparison(RexCall call, boolean negated) {
    RexNode left = call.getOperands().get(0);
    RexNode right = call.getOperands().get(1);
    SqlKind kind = call.getKind();
    if (column(left) == null && lowerCased(left) == null) {
      final RexNode t = left;
      left = right;
      right = t;
      kind = kind.reverse();
    }
    if (kind == SqlKind.EQUALS && !negated && lowerCased(left) != null) {
      return caseInsensitive(lowerCased(left), right);
    }
    final KqlColumn c = column(left);
    if (c == null || !pushable(c) || !isConstant(right)) {
      return null;
    }
    if (negated) {
      kind = kind.negate(); // the comparison TRUE exactly when kind is FALSE (non-null operands)
    }
    return switch (c.type()) {
      case LONG, INT -> number(c, kind, right);
      case DATETIME -> dateTime(c, kind, right);
      case BOOL -> bool(c, kind, right);
      case STRING -> string(c, kind, right, negated);
      default -> null;
    };
  }

  private Term number(KqlColumn c, SqlKind kind, RexNode value) {
    if (value instanceof RexLiteral lit) {
      final Optional<Long> n = integer(lit);
      return n.map(v -> exact(compare(c, kind, KqlLiterals.number(v)))).orElse(null);
    }
    if (!SqlTypeName.INT_TYPES.contains(value.getType().getSqlTypeName())) {
      return null;
    }
    return new Term(guarded(c, kind, slot(c, kind, value, 0)), true);
  }

  private Term bool(KqlColumn c, SqlKind kind, RexNode value) {
    if (!(value instanceof RexLiteral lit) || !(lit.getValue() instanceof Boolean b)
        || (kind != SqlKind.EQUALS && kind != SqlKind.NOT_EQUALS)) {
      return null;
    }
    // c <> b is c == !b for a non-null c
    return exact(name(c) + " == " + KqlLiterals.bool(b == (kind == SqlKind.EQUALS)));
  }

  /**
   * SQL sees the service's 100 ns times cut to milliseconds (floor), so with {@code t} in whole milliseconds:
   * {@code x > t} is {@code x >= t+1ms}, {@code x <= t} is {@code x < t+1ms}, {@code x = t} is
   * {@code [t, t+1ms)}.
   */
  private Term dateTime(KqlColumn c, SqlKind kind, RexNode value) {
    if (value.getType().getSqlTypeName() != SqlTypeName.TIMESTAMP || value.getType().getPrecision() > 3) {
      return null;
    }
    final Long millis = value instanceof RexLiteral lit ? lit.getValueAs(Long.class) : null;
    if (value instanceof RexLiteral && millis == null) {
      return null;
    }
    final java.util.function.BiFunction<String, Long, KqlText> bound = (op, adjust) -> millis != null
        ? KqlText.of(name(c) + " " + op + " " + KqlLiterals.datetime(millis + adjust))
        : KqlText.slot(new KqlText.Slot(addParameter(value), KqlType.DATETIME, adjust, value.toString(),
            name(c) + " " + op + " ", "false", "false"));
    return switch (kind) {
      case GREATER_THAN -> new Term(bound.apply(">=", 1L), true);
      case GREATER_THAN_OR_EQUAL -> new Term(bound.apply(">=", 0L), true);
      case LESS_THAN -> new Term(bound.apply("<", 0L), true);
      case LESS_THAN_OR_EQUAL -> new Term(bound.apply("<", 1L), true);
      case EQUALS -> new Term(KqlText.join("and", List.of(bound.apply(">=", 0L), bound.apply("<", 1L))), true);
      case NOT_EQUALS -> {
        final KqlText outside = KqlText.join("or", List.of(bound.apply("<", 0L), bound.apply(">=", 1L)));
        yield new Term(c.nullable() ? KqlText.join("and", List.of(KqlText.of(notNull(c)), outside)) : outside,
            true);
      }
      default -> null;
    };
  }

  /**
   * Equality with a string: exact for a literal ({@code ==} is case-sensitive, as SQL's {@code =}); a superset for
   * a parameter, whose value may be unwritable ({@code true} then, and Calcite decides).
   */
  private Term string(KqlColumn c, SqlKind kind, RexNode value, boolean negated) {
    if (kind != SqlKind.EQUALS && kind != SqlKind.NOT_EQUALS) {
      return null;
    }
    if (value instanceof RexLiteral lit) {
      final String s = string(lit);
      if (s == null) {
        return null;
      }
      if (s.isEmpty()) {
        // NULL = '' is UNKNOWN and no other value is '': = selects nothing, <> every non-null value
        return exact(kind == SqlKind.EQUALS ? "false" : notNull(c));
      }
      return KqlLiterals.string(s).map(l -> exact(compare(c, kind, l))).orElse(null);
    }
    if (kind != SqlKind.EQUALS || negated || !SqlTypeName.CHAR_TYPES.contains(value.getType().getSqlTypeName())) {
      return null;
    }
    return new Term(KqlText.slot(new KqlText.Slot(addParameter(value), KqlType.STRING, 0, value.toString(),
        name(c) + " == ", "false", "true")), false);
  }

  /** {@code LOWER(c) = 'x'} as {@code c =~ "x"} when {@code x} is lower-case ASCII; a superset, checked again. */
  private Term caseInsensitive(KqlColumn c, RexNode value) {
    if (!(value instanceof RexLiteral lit)) {
      return null;
    }
    final String s = string(lit);
    if (s == null || s.isEmpty() || !s.chars().allMatch(ch -> ch < 0x80)
        || !s.equals(s.toLowerCase(Locale.ROOT))) {
      return null;
    }
    return KqlLiterals.string(s).map(l -> new Term(KqlText.of(name(c) + " =~ " + l), false)).orElse(null);
  }

  /** The column {@code LOWER(column)} reads, or null. */
  private KqlColumn lowerCased(RexNode e) {
    if (e instanceof RexCall call && call.getOperator().getName().equalsIgnoreCase("LOWER")
        && call.getOperands().size() == 1) {
      final KqlColumn c = column(call.getOperands().get(0));
      return c != null && c.type() == KqlType.STRING ? c : null;
    }
    return null;
  }

  private Term like(RexCall call, boolean negated) {
    if (call.getOperands().size() != 2 || !(call.getOperands().get(1) instanceof RexLiteral lit)) {
      return null;
    }
    final KqlColumn c = column(call.getOperands().get(0));
    final String pattern = lit.isNull() ? null : string(lit);
    if (c == null || c.type() != KqlType.STRING || pattern == null) {
      return null;
    }
    final Optional<String> positive = LikePatterns.kql(name(c), pattern);
    if (positive.isEmpty()) {
      return null;
    }
    if (!negated) {
      return exact(positive.get());
    }
    // KQL's string operators are never null: their negation is safe once SQL's NULL (empty) is excluded
    return positive.get().equals("false") ? exact(notNull(c))
        : exact(notNull(c) + " and not(" + positive.get() + ")");
  }

  /** {@code c op literal}; {@code c <> v} also excludes nulls, which KQL's {@code !=} would keep. */
  private String compare(KqlColumn c, SqlKind kind, String literal) {
    final String f = name(c) + " " + op(kind) + " " + literal;
    return kind == SqlKind.NOT_EQUALS && (c.nullable() || c.isText()) ? notNull(c) + " and " + f : f;
  }

  private KqlText guarded(KqlColumn c, SqlKind kind, KqlText comparison) {
    return kind == SqlKind.NOT_EQUALS && c.nullable()
        ? KqlText.join("and", List.of(KqlText.of(notNull(c)), comparison)) : comparison;
  }

  private KqlText slot(KqlColumn c, SqlKind kind, RexNode value, long adjust) {
    return KqlText.slot(new KqlText.Slot(addParameter(value), c.type(), adjust, value.toString(),
        name(c) + " " + op(kind) + " ", "false", "false"));
  }

  private int addParameter(RexNode value) {
    parameters.add(value);
    return parameters.size() - 1;
  }

  /** Adds the time bounds a pushed conjunct implies: its comparisons of the time column with a constant. */
  private void bounds(RexNode conjunct, List<KqlTimeBound> out) {
    for (RexNode e : RelOptUtil.conjunctions(RexUtil.expandSearch(rexBuilder, null, conjunct))) {
      if (!(e instanceof RexCall call) || call.getOperands().size() != 2) {
        continue;
      }
      RexNode left = call.getOperands().get(0);
      RexNode right = call.getOperands().get(1);
      SqlKind kind = call.getKind();
      if (column(left) == null) {
        left = call.getOperands().get(1);
        right = call.getOperands().get(0);
        kind = kind.reverse();
      }
      final KqlColumn c = column(left);
      if (c == null || !c.name().equals(timeColumn) || !isConstant(right)
          || right.getType().getSqlTypeName() != SqlTypeName.TIMESTAMP || right.getType().getPrecision() > 3) {
        continue;
      }
      switch (kind) {
      case GREATER_THAN -> out.add(bound(true, right, 1));
      case GREATER_THAN_OR_EQUAL -> out.add(bound(true, right, 0));
      case LESS_THAN -> out.add(bound(false, right, 0));
      case LESS_THAN_OR_EQUAL -> out.add(bound(false, right, 1));
      case EQUALS -> {
        out.add(bound(true, right, 0));
        out.add(bound(false, right, 1));
      }
      default -> {
      }
      }
    }
  }

  private KqlTimeBound bound(boolean lower, RexNode value, long adjust) {
    if (value instanceof RexLiteral lit) {
      return KqlTimeBound.literal(lower, lit.getValueAs(Long.class) + adjust);
    }
    return KqlTimeBound.parameter(lower, addParameter(value), adjust);
  }

  private static String op(SqlKind kind) {
    return switch (kind) {
      case EQUALS -> "==";
      case NOT_EQUALS -> "!=";
      case GREATER_THAN -> ">";
      case GREATER_THAN_OR_EQUAL -> ">=";
      case LESS_THAN -> "<";
      case LESS_THAN_OR_EQUAL -> "<=";
      default -> throw new IllegalArgumentException(kind.toString());
    };
  }


  private static Term exact(String text) {
    return new Term(KqlText.of(text), true);
  }

  /** Whether the service can test the column at all: JSON, GUID and timespan text is compared in Calcite. */
  private static boolean pushable(KqlColumn c) {
    return switch (c.type()) {
      case STRING, LONG, INT, BOOL, DATETIME -> true;
      default -> false;
    };
  }

  /** The KQL test that SQL sees the column as not null. */
  private static String notNull(KqlColumn c) {
    return (c.isText() ? "isnotempty(" : "isnotnull(") + name(c) + ")";
  }

  private static String name(KqlColumn c) {
    return KqlLiterals.identifier(c.name());
  }

  /**
   * The column an expression reads: directly, or through a cast between integer types that keeps every value
   * (Calcite widens an {@code int} column to compare it with a {@code bigint} literal).
   */
  private KqlColumn column(RexNode e) {
    if (e instanceof RexInputRef ref) {
      return columns.get(ref.getIndex());
    }
    if (e.getKind() == SqlKind.CAST && ((RexCall) e).getOperands().get(0) instanceof RexInputRef ref) {
      final KqlColumn c = columns.get(ref.getIndex());
      final SqlTypeName to = e.getType().getSqlTypeName();
      final boolean widening = (c.type() == KqlType.INT && (to == SqlTypeName.INTEGER || to == SqlTypeName.BIGINT))
          || (c.type() == KqlType.LONG && to == SqlTypeName.BIGINT);
      return widening ? c : null;
    }
    return null;
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

  /** A whole-number literal's value, or empty when it has a fraction or is not a number. */
  private static Optional<Long> integer(RexLiteral lit) {
    final Object v = lit.getValue();
    if (!(v instanceof BigDecimal d)) {
      return Optional.empty();
    }
    try {
      return Optional.of(d.longValueExact());
    } catch (ArithmeticException notWhole) {
      return Optional.empty();
    }
  }

  /**
   * A string literal's value; null when it is no string, or a padded CHAR (Calcite pads the literals of an IN list
   * to one length, and a padded value is not the one written).
   */
  private static String string(RexLiteral lit) {
    final Comparable<?> v = lit.getValue();
    if (!(v instanceof NlsString n)) {
      return null;
    }
    final String s = n.getValue();
    if (lit.getType().getSqlTypeName() == SqlTypeName.CHAR && s.endsWith(" ")) {
      return null;
    }
    return s;
  }
}
