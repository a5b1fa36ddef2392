package org.defendersql.emulator.odata;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.defendersql.emulator.odata.FilterExpr.Comparison;
import org.defendersql.emulator.odata.FilterExpr.Operand;
import org.defendersql.emulator.odata.FilterToken.Kind;
import org.defendersql.model.Api;
import org.defendersql.model.Column;
import org.defendersql.model.EdmType;
import org.defendersql.model.Entity;
import org.defendersql.model.FilterOperator;

/**
 * A recursive-descent parser for {@code $filter} that type-checks against the model: which properties exist,
 * which are filterable with which operators, and what literal each type takes.
 *
 * <p>Precedence follows OData: {@code not} binds to a primary, then comparisons, then {@code and}, then
 * {@code or}; so {@code not status eq 'New'} is a type error, as in ASP.NET OData, and needs parentheses.
 */
public final class FilterParser {
  /** OData operators and canonical functions the service does not offer, so they get a clear message. */
  private static final Set<String> UNSUPPORTED_OPERATORS = Set.of("has", "in", "add", "sub", "mul", "div",
      "divby", "mod");
  private static final Set<String> CANONICAL_FUNCTIONS = Set.of("contains", "endswith", "length", "indexof",
      "substring", "matchespattern", "tolower", "toupper", "trim", "concat", "year", "month", "day", "hour",
      "minute", "second", "fractionalseconds", "totalseconds", "date", "time", "totaloffsetminutes", "now",
      "mindatetime", "maxdatetime", "round", "floor", "ceiling", "cast", "isof", "hassubset", "hassubsequence");

  private final String text;
  private final Entity entity;
  private final List<FilterToken> tokens;
  private final Deque<String> rangeVariables = new ArrayDeque<>();
  private int at;

  private FilterParser(String text, Entity entity) {
    this.text = text;
    this.entity = entity;
    this.tokens = FilterLexer.tokenize(text);
  }

  /**
   * Parses a URL-decoded {@code $filter} value against an entity.
   *
   * @throws ODataException (400 {@code ODataError}) naming the problem
   */
  public static FilterExpr parse(String text, Entity entity) {
    final FilterParser p = new FilterParser(text, entity);
    if (p.peek().is(Kind.END)) {
      throw ODataException.badQuery("The $filter query option must not be empty.");
    }
    final FilterExpr e = p.toBool(p.parseOr());
    if (!p.peek().is(Kind.END)) {
      throw p.syntaxError(p.peek().pos());
    }
    return e;
  }

  // ---- grammar

  private Term parseOr() {
    Term left = parseAnd();
    while (peek().isWord("or")) {
      next();
      final Term right = parseAnd();
      left = new BoolTerm(new FilterExpr.Or(toBool(left), toBool(right)));
    }
    return left;
  }

  private Term parseAnd() {
    Term left = parseComparison();
    while (peek().isWord("and")) {
      next();
      final Term right = parseComparison();
      left = new BoolTerm(new FilterExpr.And(toBool(left), toBool(right)));
    }
    return left;
  }

  private Term parseComparison() {
    Term left = parseUnary();
    while (true) {
      final FilterToken t = peek();
      if (t.is(Kind.IDENTIFIER) && UNSUPPORTED_OPERATORS.contains(t.text())) {
        throw ODataException.badQuery("The operator '" + t.text() + "' is not supported in $filter.");
      }
      final Comparison op = t.is(Kind.IDENTIFIER) ? Comparison.of(t.text()) : null;
      if (op == null) {
        return left;
      }
      next();
      final Term right = parseUnary();
      left = new BoolTerm(compare(left, op, right));
    }
  }

  private Term parseUnary() {
    if (peek().isWord("not")) {
      next();
      final Term operand = parseUnary();
      if (!isBoolean(operand)) {
        throw ODataException.badQuery("A unary operator with an incompatible type was detected. Found operand "
            + "type '" + typeName(operand) + "' for operator kind 'Not'.");
      }
      return new BoolTerm(new FilterExpr.Not(toBool(operand)));
    }
    return parsePrimary();
  }

  private Term parsePrimary() {
    final FilterToken t = next();
    switch (t.kind()) {
      case OPEN: {
        final Term inner = parseOr();
        expect(Kind.CLOSE);
        return inner;
      }
      case STRING: case INTEGER: case DECIMAL: case DATE_TIME: case GUID:
        return new Literal(t);
      case IDENTIFIER:
        if (t.text().equals("true") || t.text().equals("false") || t.text().equals("null")) {
          return new Literal(t);
        }
        if (peek().is(Kind.OPEN)) {
          return function(t);
        }
        if (rangeVariables.contains(t.text())) {
          if (peek().is(Kind.SLASH)) {
            throw ODataException.badQuery("The range variable '" + t.text() + "' is a string and has no "
                + "properties.");
          }
          return new Prop(new Operand.RangeVariable(t.text()), null);
        }
        return property(t);
      default:
        throw syntaxError(t.pos());
    }
  }

  private Term property(FilterToken t) {
    final Optional<Column> found = entity.property(t.text());
    if (found.isEmpty()) {
      final boolean complex = entity.columns().stream()
          .anyMatch(c -> c.isNested() && c.jsonName().equalsIgnoreCase(t.text()));
      if (complex) {
        throw notFilterable(entity.columns().stream()
            .filter(c -> c.jsonName().equalsIgnoreCase(t.text())).findFirst().orElseThrow().jsonName());
      }
      throw ODataException.badQuery("Could not find a property named '" + t.text() + "' on type '"
          + EdmNames.entityType(entity) + "'.");
    }
    final Column column = found.get();
    final Operand.Property operand = new Operand.Property(column, entity.indexOf(column));
    if (peek().is(Kind.SLASH)) {
      next();
      return lambda(operand);
    }
    return new Prop(operand, column);
  }

  /** {@code collection/any(v: body)} or {@code collection/any()}. */
  private Term lambda(Operand.Property collection) {
    final FilterToken fn = next();
    final Column column = collection.column();
    if (column.edmType() != EdmType.STRING_COLLECTION) {
      if (fn.is(Kind.IDENTIFIER) && (fn.text().equals("any") || fn.text().equals("all"))) {
        throw ODataException.badQuery("The '" + fn.text() + "' operator can only be applied to a collection; '"
            + column.jsonName() + "' is of type '" + EdmNames.of(column.edmType()) + "'.");
      }
      throw ODataException.badQuery("The property '" + column.jsonName() + "' of type '"
          + EdmNames.of(column.edmType()) + "' has no property '" + fn.text() + "'.");
    }
    if (fn.isWord("all")) {
      throw operatorNotAllowed("all", column);
    }
    if (!fn.isWord("any")) {
      throw syntaxError(fn.pos());
    }
    requireOperator(column, FilterOperator.ANY, "any");
    expect(Kind.OPEN);
    if (peek().is(Kind.CLOSE)) {
      next();
      return new BoolTerm(new FilterExpr.Any(collection, null, null));
    }
    final FilterToken variable = expect(Kind.IDENTIFIER);
    expect(Kind.COLON);
    rangeVariables.push(variable.text());
    final FilterExpr body = toBool(parseOr());
    rangeVariables.pop();
    expect(Kind.CLOSE);
    return new BoolTerm(new FilterExpr.Any(collection, variable.text(), body));
  }

  private Term function(FilterToken name) {
    expect(Kind.OPEN);
    final List<Term> args = new ArrayList<>();
    if (!peek().is(Kind.CLOSE)) {
      args.add(parseOr());
      while (peek().is(Kind.COMMA)) {
        next();
        args.add(parseOr());
      }
    }
    expect(Kind.CLOSE);
    final String fn = name.text();
    if (!fn.equals("startswith") && !CANONICAL_FUNCTIONS.contains(fn)) {
      throw ODataException.badQuery("An unknown function with name '" + fn + "' was found. This may also be a "
          + "function import or a key lookup on a navigation property, which is not allowed.");
    }
    final Prop subject = args.isEmpty() ? null : args.get(0) instanceof Prop p ? p : null;
    if (subject != null && subject.column() != null) {
      if (subject.column().filterOps().isEmpty()) {
        throw notFilterable(subject.column().jsonName());
      }
      if (!fn.equals("startswith")) {
        throw operatorNotAllowed(fn, subject.column());
      }
    }
    if (!fn.equals("startswith")) {
      throw ODataException.badQuery("The function '" + fn + "' is not supported in $filter.");
    }
    if (args.size() != 2) {
      throw ODataException.badQuery("No function signature for the function with name 'startswith' matches "
          + "the specified arguments: it takes a property and a string literal.");
    }
    if (subject == null || subject.operand().type() != EdmType.STRING
        || !(args.get(1) instanceof Literal prefix) || !prefix.token().is(Kind.STRING)) {
      throw ODataException.badQuery("No function signature for the function with name 'startswith' matches "
          + "the specified arguments: it takes a string property and a string literal.");
    }
    if (subject.column() != null) {
      requireOperator(subject.column(), FilterOperator.STARTSWITH, "startswith");
    }
    return new BoolTerm(new FilterExpr.StartsWith(subject.operand(), prefix.token().text()));
  }

  // ---- comparisons and literal conversion

  private FilterExpr compare(Term left, Comparison op, Term right) {
    if (left instanceof Literal && right instanceof Prop) {
      return compare(right, op.flipped(), left);
    }
    if (left instanceof Prop p && right instanceof Literal lit) {
      if (p.column() != null) {
        requireOperator(p.column(), FilterOperator.valueOf(op.name()), op.keyword());
      }
      return new FilterExpr.Compare(p.operand(), op, convert(p.operand(), lit, op));
    }
    if (left instanceof Literal lit && right instanceof BoolTerm) {
      return compare(right, op.flipped(), lit);
    }
    if (left instanceof BoolTerm b && right instanceof Literal lit && lit.isBoolean()
        && (op == Comparison.EQ || op == Comparison.NE)) {
      return new FilterExpr.BoolCompare(b.expr(), op == Comparison.EQ, lit.token().text().equals("true"));
    }
    if (left instanceof Prop a && right instanceof Prop b && a.column() != null && b.column() != null) {
      throw ODataException.badQuery("Comparing two properties ('" + a.column().jsonName() + "' and '"
          + b.column().jsonName() + "') is not supported in $filter.");
    }
    if (left instanceof Literal && right instanceof Literal) {
      throw ODataException.badQuery("A comparison in $filter must compare a property with a literal.");
    }
    throw incompatible(typeName(left), typeName(right), op);
  }

  private Object convert(Operand operand, Literal lit, Comparison op) {
    final FilterToken t = lit.token();
    if (t.isWord("null")) {
      return null;
    }
    final EdmType type = operand.type();
    switch (type) {
      case STRING:
        if (t.is(Kind.STRING)) {
          return t.text();
        }
        break;
      case ENUM:
        if (t.is(Kind.STRING)) {
          // Graph's members are camelCase and taken only as written ('High' is refused, the stricter reading of
          // Graph's answers); the Defender API compares them ignoring case.
          final boolean exact = entity.api() == Api.GRAPH;
          for (String member : operand.enumValues()) {
            if (exact ? member.equals(t.text()) : member.equalsIgnoreCase(t.text())) {
              return member;
            }
          }
          throw ODataException.badQuery("The string '" + t.text() + "' is not a valid enumeration type "
              + "constant.");
        }
        break;
      case GUID:
        if (t.is(Kind.GUID)) {
          return t.text().toLowerCase(Locale.ROOT);
        }
        break;
      case INT32: case INT64:
        if (t.is(Kind.INTEGER) || t.is(Kind.DECIMAL)) {
          final BigDecimal d = new BigDecimal(t.text());
          try {
            return d.longValueExact();
          } catch (ArithmeticException notIntegral) {
            return d;
          }
        }
        break;
      case DOUBLE:
        if (t.is(Kind.INTEGER) || t.is(Kind.DECIMAL)) {
          return Double.parseDouble(t.text());
        }
        break;
      case BOOLEAN:
        if (lit.isBoolean()) {
          return Boolean.valueOf(t.text());
        }
        break;
      case DATE_TIME_OFFSET:
        if (t.is(Kind.DATE_TIME)) {
          return EdmDateTime.parseLiteral(t.text());
        }
        break;
      default:
        break;
    }
    throw incompatible(EdmNames.of(type), lit.typeName(), op);
  }

  private void requireOperator(Column column, FilterOperator op, String written) {
    if (column.filterOps().isEmpty()) {
      throw notFilterable(column.jsonName());
    }
    if (!column.supports(op)) {
      throw operatorNotAllowed(written, column);
    }
  }

  private FilterExpr toBool(Term t) {
    if (t instanceof BoolTerm b) {
      return b.expr();
    }
    if (t instanceof Literal lit && lit.isBoolean()) {
      return new FilterExpr.Constant(lit.token().text().equals("true"));
    }
    if (t instanceof Prop p && p.operand().type() == EdmType.BOOLEAN && p.column() != null) {
      requireOperator(p.column(), FilterOperator.EQ, "eq");
      return new FilterExpr.Compare(p.operand(), Comparison.EQ, Boolean.TRUE);
    }
    throw ODataException.badQuery("The $filter expression must evaluate to a single boolean value; found '"
        + typeName(t) + "'.");
  }

  private static boolean isBoolean(Term t) {
    return t instanceof BoolTerm || (t instanceof Literal lit && lit.isBoolean())
        || (t instanceof Prop p && p.operand().type() == EdmType.BOOLEAN);
  }

  private static String typeName(Term t) {
    if (t instanceof Literal lit) {
      return lit.typeName();
    }
    if (t instanceof Prop p) {
      return EdmNames.of(p.operand().type());
    }
    return "Edm.Boolean";
  }

  // ---- errors

  private ODataException notFilterable(String property) {
    return ODataException.badQuery("The property '" + property + "' cannot be used in the $filter query option.");
  }

  private ODataException operatorNotAllowed(String operator, Column column) {
    final String allowed = column.filterOps().stream().sorted().map(FilterOperator::odata)
        .collect(Collectors.joining(", "));
    return ODataException.badQuery("The operator '" + operator + "' is not allowed on the property '"
        + column.jsonName() + "' in the $filter query option; allowed: " + allowed + ".");
  }

  private static ODataException incompatible(String left, String right, Comparison op) {
    return ODataException.badQuery("A binary operator with incompatible types was detected. Found operand types '"
        + left + "' and '" + right + "' for operator kind '" + op.kind() + "'.");
  }

  private ODataException syntaxError(int pos) {
    return ODataException.badQuery("Syntax error at position " + pos + " in '" + text + "'.");
  }

  // ---- tokens

  private FilterToken peek() {
    return tokens.get(at);
  }

  private FilterToken next() {
    final FilterToken t = tokens.get(at);
    if (!t.is(Kind.END)) {
      at++;
    }
    return t;
  }

  private FilterToken expect(Kind kind) {
    final FilterToken t = next();
    if (!t.is(kind)) {
      throw syntaxError(t.pos());
    }
    return t;
  }

  // ---- intermediate terms

  /** What a primary expression turned out to be, before it is known where it is used. */
  private sealed interface Term {
  }

  /** A property, or the range variable (column null). */
  private record Prop(Operand operand, Column column) implements Term {
  }

  /** A literal token, converted to a value only once the property it is compared with is known. */
  private record Literal(FilterToken token) implements Term {
    boolean isBoolean() {
      return token.isWord("true") || token.isWord("false");
    }

    String typeName() {
      return switch (token.kind()) {
        case STRING -> "Edm.String";
        case INTEGER -> {
          final BigDecimal d = new BigDecimal(token.text());
          yield d.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0
              && d.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) >= 0 ? "Edm.Int32" : "Edm.Int64";
        }
        case DECIMAL -> token.text().contains("e") || token.text().contains("E") ? "Edm.Double" : "Edm.Decimal";
        case DATE_TIME -> "Edm.DateTimeOffset";
        case GUID -> "Edm.Guid";
        default -> isBoolean() ? "Edm.Boolean" : "<null>";
      };
    }
  }

  /** A boolean-valued expression. */
  private record BoolTerm(FilterExpr expr) implements Term {
  }
}
