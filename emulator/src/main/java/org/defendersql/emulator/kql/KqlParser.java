package org.defendersql.emulator.kql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.defendersql.emulator.kql.Ast.Expr;
import org.defendersql.emulator.kql.Ast.Named;
import org.defendersql.emulator.kql.Ast.Op;
import org.defendersql.emulator.kql.Ast.SortKey;
import org.defendersql.model.hunting.KqlType;

/**
 * Parses a query of the supported subset into an {@link Ast.Query}: one table or {@code union} of tables, then
 * {@code |} operators; a trailing {@code ;} is allowed. Precedence follows Kusto: {@code or}, {@code and}, then the
 * comparison and string operators (one per level, not chained), {@code +}/{@code -}, {@code *}/{@code /}/{@code %},
 * unary signs, then literals, names, calls and parentheses. Adjacent string literals are joined, as Kusto does.
 */
public final class KqlParser {
  /** Operators and statements of KQL the emulator does not implement: refused as unsupported, not as syntax. */
  private static final Set<String> OTHER_OPERATORS = Set.of("as", "consume", "evaluate", "facet", "find", "fork",
      "getschema", "invoke", "join", "lookup", "make-series", "mv-apply", "mv-expand", "parse", "parse-where",
      "parse-kv", "partition", "print", "project-away", "project-keep", "project-rename", "project-reorder",
      "project-smart", "reduce", "render", "sample", "sample-distinct", "scan", "search", "serialize",
      "top-hitters", "top-nested", "union", "make-graph", "graph-match", "extend-schema", "externaldata");
  private static final Set<String> STATEMENTS = Set.of("let", "set", "declare", "alias", "restrict", "pattern",
      "print", "union", "datatable", "search", "find", "range", "evaluate", "externaldata", "materialize",
      "external_table", "cluster", "database", "table", "macro-expand", "view");
  /** The comparison and string operators, all at one precedence level. */
  private static final Set<String> RELATIONAL = Set.of("==", "!=", "<>", "<", "<=", ">", ">=", "=~", "!~",
      "contains", "!contains", "contains_cs", "!contains_cs", "startswith", "!startswith", "startswith_cs",
      "!startswith_cs", "endswith", "!endswith", "endswith_cs", "!endswith_cs", "has", "!has", "has_cs", "!has_cs",
      "hasprefix", "!hasprefix", "hasprefix_cs", "!hasprefix_cs", "hassuffix", "!hassuffix", "hassuffix_cs",
      "!hassuffix_cs", "matches", "in", "!in", "in~", "!in~", "between", "!between", "has_any", "!has_any",
      "has_all", "!has_all", "like", "notlike", "contains_any");
  /** Words that end an expression or a list rather than name a column. */
  private static final Set<String> RESERVED = Set.of("and", "or", "by", "asc", "desc", "nulls", "first", "last",
      "in", "between", "contains", "has", "startswith", "endswith", "matches", "regex", "not");

  private final String text;
  private final List<Token> tokens;
  private int i;

  private KqlParser(String text) {
    this.text = text;
    this.tokens = KqlLexer.tokens(text);
  }

  /** Parses a query. */
  static Ast.Query parse(String query) {
    return new KqlParser(query).query();
  }

  private Ast.Query query() {
    final Token first = peek();
    if (first.kind() == Token.Kind.EOF) {
      throw KqlException.syntax(text, first.offset(), "", "the query is empty");
    }
    if (first.is("union") && !(peek(1).is("|") || peek(1).kind() == Token.Kind.EOF)) {
      advance();
      return operators(union(), true);
    }
    if (first.kind() == Token.Kind.WORD && STATEMENTS.contains(first.text())
        && !(peek(1).is("|") || peek(1).kind() == Token.Kind.EOF)) {
      throw KqlException.unsupported("the '" + first.text() + "' statement; a query here is one table followed by "
          + "operators");
    }
    if (first.is(".")) {
      throw KqlException.unsupported("control commands");
    }
    final String table;
    if (first.is("[")) {
      table = bracketedName();
    } else if (first.kind() == Token.Kind.WORD && !first.text().startsWith("!")) {
      table = advance().text();
    } else {
      throw error(first, "expected a table name");
    }
    if (peek().is("(")) {
      throw KqlException.unsupported("calling '" + table + "(...)' as a table");
    }
    return operators(List.of(new Ast.TableRef(table, first.offset())), false);
  }

  /**
   * The tables of {@code union [kind=outer] T1, T2, ...} after the word {@code union}: plain or bracketed names.
   * {@code kind=inner}, {@code withsource}, {@code isfuzzy}, hints, wildcards and subqueries are refused as
   * unsupported.
   */
  private List<Ast.TableRef> union() {
    if (peek().kind() == Token.Kind.WORD && peek(1).is(".")) {
      throw KqlException.unsupported("'union' parameters such as '" + peek().text() + ".'");
    }
    while (peek().kind() == Token.Kind.WORD && peek(1).is("=")) {
      final Token option = advance();
      advance();
      final Token value = advance();
      if (!(option.text().equals("kind") && value.text().equals("outer"))) {
        throw KqlException.unsupported("'union " + option.text() + "=" + value.text() + "'; only the default "
            + "kind=outer is");
      }
    }
    final List<Ast.TableRef> tables = new ArrayList<>();
    do {
      final Token t = peek();
      if (t.is("(")) {
        throw KqlException.unsupported("subqueries in 'union'");
      }
      final String name;
      if (t.is("[")) {
        name = bracketedName();
      } else if (t.kind() == Token.Kind.WORD && !t.text().startsWith("!") && !RESERVED.contains(t.text())) {
        name = advance().text();
      } else {
        throw error(t, "expected a table name after 'union'");
      }
      if (peek().is("*")) {
        throw KqlException.unsupported("wildcard table names in 'union'");
      }
      if (peek().is("(")) {
        throw KqlException.unsupported("calling '" + name + "(...)' as a table");
      }
      tables.add(new Ast.TableRef(name, t.offset()));
    } while (accept(","));
    return tables;
  }

  /** The operators after the source, to the end of the query. */
  private Ast.Query operators(List<Ast.TableRef> tables, boolean union) {
    final List<Op> ops = new ArrayList<>();
    while (true) {
      final Token t = peek();
      if (t.kind() == Token.Kind.EOF) {
        break;
      }
      if (t.is(";")) {
        advance();
        if (peek().kind() != Token.Kind.EOF) {
          throw KqlException.unsupported("several statements separated by ';'");
        }
        break;
      }
      if (!t.is("|")) {
        throw error(t, "expected '|' before the next operator");
      }
      advance();
      ops.add(operator());
    }
    return new Ast.Query(tables, union, List.copyOf(ops));
  }

  private Op operator() {
    final Token t = advance();
    if (t.kind() != Token.Kind.WORD) {
      throw error(t, "expected a query operator");
    }
    switch (t.text()) {
      case "where", "filter":
        return new Ast.Where(expression(), t.offset());
      case "project":
        return new Ast.Project(namedList(true), t.offset());
      case "extend":
        return new Ast.Extend(namedList(true), t.offset());
      case "summarize":
        return summarize(t);
      case "top": {
        final Expr n = expression();
        expectWord("by");
        return new Ast.Top(n, sortKey(), t.offset());
      }
      case "take", "limit":
        return new Ast.Take(expression(), t.offset());
      case "sort", "order": {
        expectWord("by");
        final List<SortKey> keys = new ArrayList<>();
        do {
          keys.add(sortKey());
        } while (accept(","));
        return new Ast.Sort(List.copyOf(keys), t.offset());
      }
      case "distinct":
        if (accept("*")) {
          return new Ast.Distinct(List.of(), t.offset());
        }
        return new Ast.Distinct(namedList(true), t.offset());
      case "count":
        return new Ast.Count(t.offset());
      default:
        if (OTHER_OPERATORS.contains(t.text())) {
          throw KqlException.unsupported("the '" + t.text() + "' operator");
        }
        throw error(t, "unknown query operator");
    }
  }

  private Op summarize(Token t) {
    final List<Named> aggregates = new ArrayList<>();
    if (!peek().is("by")) {
      aggregates.addAll(namedList(false));
    }
    List<Named> by = List.of();
    if (acceptWord("by")) {
      by = namedList(true);
    }
    if (aggregates.isEmpty() && by.isEmpty()) {
      throw error(peek(), "summarize needs aggregates or a 'by' clause");
    }
    return new Ast.Summarize(List.copyOf(aggregates), by, t.offset());
  }

  private SortKey sortKey() {
    final Expr e = expression();
    boolean ascending = false;
    if (acceptWord("asc")) {
      ascending = true;
    } else {
      acceptWord("desc");
    }
    Boolean nullsFirst = null;
    if (acceptWord("nulls")) {
      if (acceptWord("first")) {
        nullsFirst = true;
      } else if (acceptWord("last")) {
        nullsFirst = false;
      } else {
        throw error(peek(), "expected 'first' or 'last' after 'nulls'");
      }
    }
    return new SortKey(e, ascending, nullsFirst);
  }

  /** A comma list of {@code [name =] expression}; {@code required}: at least one. */
  private List<Named> namedList(boolean required) {
    final List<Named> list = new ArrayList<>();
    if (!required && (peek().kind() == Token.Kind.EOF || peek().is("|"))) {
      return list;
    }
    do {
      list.add(named());
    } while (accept(","));
    return List.copyOf(list);
  }

  private Named named() {
    final Token t = peek();
    if ((t.kind() == Token.Kind.WORD && !RESERVED.contains(t.text()) && !t.text().startsWith("!")
        && peek(1).is("=")) || (t.is("[") && isBracketedName(i) && tokenAfterBracket(i).is("="))) {
      final String name = t.is("[") ? bracketedName() : advance().text();
      expect("=");
      return new Named(name, expression());
    }
    if (t.is("(")) {
      // (a, b) = arg_max(...): several names for one expression
      int j = i + 1;
      while (j < tokens.size() && !tokens.get(j).is(")")) {
        j++;
      }
      if (j + 1 < tokens.size() && tokens.get(j + 1).is("=")) {
        throw KqlException.unsupported("naming several columns at once with (a, b) = ...");
      }
    }
    return new Named(null, expression());
  }

  // ---- expressions

  Expr expression() {
    return or();
  }

  private Expr or() {
    Expr left = and();
    while (peek().is("or")) {
      final Token op = advance();
      left = new Ast.Binary("or", left, and(), op.offset());
    }
    return left;
  }

  private Expr and() {
    Expr left = relational();
    while (peek().is("and")) {
      final Token op = advance();
      left = new Ast.Binary("and", left, relational(), op.offset());
    }
    return left;
  }

  private Expr relational() {
    final Expr left = additive();
    final Token op = peek();
    if (!((op.kind() == Token.Kind.PUNCT || op.kind() == Token.Kind.WORD) && RELATIONAL.contains(op.text()))) {
      return left;
    }
    advance();
    final Expr result;
    switch (op.text()) {
      case "in", "!in", "in~", "!in~" -> result = in(left, op);
      case "between", "!between" -> result = between(left, op);
      case "matches" -> {
        expectWord("regex");
        result = new Ast.Binary("matches regex", left, additive(), op.offset());
      }
      case "has_any", "!has_any", "has_all", "!has_all", "like", "notlike", "contains_any" ->
          throw KqlException.unsupported("the '" + op.text() + "' operator");
      case "<>" -> result = new Ast.Binary("!=", left, additive(), op.offset());
      default -> result = new Ast.Binary(op.text(), left, additive(), op.offset());
    }
    final Token next = peek();
    if ((next.kind() == Token.Kind.PUNCT || next.kind() == Token.Kind.WORD) && RELATIONAL.contains(next.text())) {
      throw error(next, "comparison operators cannot be chained; use 'and'");
    }
    return result;
  }

  private Expr in(Expr left, Token op) {
    expect("(");
    final List<Expr> list = new ArrayList<>();
    if (!peek().is(")")) {
      if (peek().kind() == Token.Kind.WORD && peek(1).is("|")) {
        throw KqlException.unsupported("'" + op.text() + "' over a subquery");
      }
      do {
        list.add(expression());
      } while (accept(","));
    }
    expect(")");
    final String o = op.text();
    return new Ast.In(left, List.copyOf(list), o.startsWith("!"), o.endsWith("~"), op.offset());
  }

  private Expr between(Expr left, Token op) {
    expect("(");
    final Expr low = additive();
    expect("..");
    final Expr high = additive();
    expect(")");
    return new Ast.Between(left, low, high, op.text().startsWith("!"), op.offset());
  }

  private Expr additive() {
    Expr left = multiplicative();
    while (peek().is("+") || peek().is("-")) {
      final Token op = advance();
      left = new Ast.Binary(op.text(), left, multiplicative(), op.offset());
    }
    return left;
  }

  private Expr multiplicative() {
    Expr left = unary();
    while (peek().is("*") || peek().is("/") || peek().is("%")) {
      final Token op = advance();
      left = new Ast.Binary(op.text(), left, unary(), op.offset());
    }
    return left;
  }

  private Expr unary() {
    if (peek().is("-") || peek().is("+")) {
      final Token op = advance();
      final Expr operand = unary();
      if (op.text().equals("-") && operand instanceof Ast.Literal l && l.value() instanceof Long v) {
        return new Ast.Literal(KqlType.LONG, -v, op.offset());
      }
      return new Ast.Unary(op.text(), operand, op.offset());
    }
    return primary();
  }

  private Expr primary() {
    final Token t = peek();
    switch (t.kind()) {
      case STRING: {
        final StringBuilder b = new StringBuilder();
        while (peek().kind() == Token.Kind.STRING) {
          b.append((String) advance().value());
        }
        return new Ast.Literal(KqlType.STRING, b.toString(), t.offset());
      }
      case LONG:
        advance();
        return new Ast.Literal(KqlType.LONG, t.value(), t.offset());
      case REAL:
        advance();
        return new Ast.Literal(KqlType.DOUBLE, t.value(), t.offset());
      case TIMESPAN:
        advance();
        return new Ast.Literal(KqlType.TIMESPAN, t.value(), t.offset());
      case BOOL:
        advance();
        return new Ast.Literal(KqlType.BOOL, t.value(), t.offset());
      case GOO:
        advance();
        return goo(t);
      case PUNCT:
        if (t.is("(")) {
          advance();
          final Expr e = expression();
          expect(")");
          return e;
        }
        if (t.is("[")) {
          return new Ast.ColumnRef(bracketedName(), t.offset());
        }
        if (t.is("*")) {
          advance();
          return new Ast.Star(t.offset());
        }
        throw error(t, "expected an expression");
      case WORD: {
        if (RESERVED.contains(t.text()) && !(t.text().equals("not") && peek(1).is("("))) {
          throw error(t, "expected an expression");
        }
        if (t.text().startsWith("!") || t.text().contains("-")) {
          throw error(t, "expected an expression");
        }
        advance();
        if (peek().is("(")) {
          return call(t);
        }
        if (peek().is(".")) {
          throw KqlException.unsupported("member access ('" + t.text() + ".')");
        }
        return new Ast.ColumnRef(t.text(), t.offset());
      }
      default:
        throw error(t, "expected an expression");
    }
  }

  private Expr call(Token name) {
    expect("(");
    final List<Expr> args = new ArrayList<>();
    if (!peek().is(")")) {
      do {
        args.add(expression());
      } while (accept(","));
    }
    expect(")");
    return new Ast.Call(name.text(), List.copyOf(args), name.offset());
  }

  private Expr goo(Token t) {
    final String content = (String) t.value();
    final String type = t.gooType();
    final boolean isNull = content.equals("null");
    switch (type) {
      case "datetime", "date":
        return new Ast.Literal(KqlType.DATETIME, DateTimes.parse(content, text, t.offset()), t.offset());
      case "timespan", "time":
        return new Ast.Literal(KqlType.TIMESPAN, Timespans.parse(content, text, t.offset()), t.offset());
      case "long", "int64":
        return new Ast.Literal(KqlType.LONG, isNull ? null : number(t, content, true), t.offset());
      case "int", "int32": {
        final Object v = isNull ? null : number(t, content, true);
        if (v != null && ((Long) v > Integer.MAX_VALUE || (Long) v < Integer.MIN_VALUE)) {
          throw error(t, "the value is out of the range of int");
        }
        return new Ast.Literal(KqlType.INT, v == null ? null : ((Long) v).intValue(), t.offset());
      }
      case "real", "double":
        return new Ast.Literal(KqlType.DOUBLE, isNull ? null : number(t, content, false), t.offset());
      case "bool":
        if (isNull) {
          return new Ast.Literal(KqlType.BOOL, null, t.offset());
        }
        if (content.equalsIgnoreCase("true") || content.equalsIgnoreCase("false")) {
          return new Ast.Literal(KqlType.BOOL, content.equalsIgnoreCase("true"), t.offset());
        }
        throw error(t, "not a valid bool literal");
      case "guid":
        if (isNull) {
          return new Ast.Literal(KqlType.GUID, null, t.offset());
        }
        if (content.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
          return new Ast.Literal(KqlType.GUID, content.toLowerCase(java.util.Locale.ROOT), t.offset());
        }
        throw error(t, "not a valid guid literal");
      default:
        throw KqlException.unsupported("'" + type + "(...)' literals");
    }
  }

  private Object number(Token t, String content, boolean integral) {
    try {
      return integral ? (Object) Long.parseLong(content) : (Object) Double.parseDouble(content);
    } catch (NumberFormatException e) {
      throw error(t, "not a valid number");
    }
  }

  // ---- names and tokens

  private boolean isBracketedName(int at) {
    return at + 2 < tokens.size() && tokens.get(at).is("[") && tokens.get(at + 1).kind() == Token.Kind.STRING;
  }

  private Token tokenAfterBracket(int at) {
    int j = at + 1;
    while (j < tokens.size() && tokens.get(j).kind() == Token.Kind.STRING) {
      j++;
    }
    return j + 1 < tokens.size() ? tokens.get(j + 1) : tokens.get(tokens.size() - 1);
  }

  /** {@code ['name']} or {@code ["name"]}: the name is the string literal's value. */
  private String bracketedName() {
    expect("[");
    final Token t = peek();
    if (t.kind() != Token.Kind.STRING) {
      throw error(t, "expected a quoted name after '['");
    }
    final StringBuilder b = new StringBuilder();
    while (peek().kind() == Token.Kind.STRING) {
      b.append((String) advance().value());
    }
    expect("]");
    return b.toString();
  }

  private Token peek() {
    return tokens.get(i);
  }

  private Token peek(int ahead) {
    return tokens.get(Math.min(i + ahead, tokens.size() - 1));
  }

  private Token advance() {
    final Token t = tokens.get(i);
    if (t.kind() != Token.Kind.EOF) {
      i++;
    }
    return t;
  }

  private boolean accept(String punct) {
    if (peek().is(punct)) {
      advance();
      return true;
    }
    return false;
  }

  private boolean acceptWord(String word) {
    return accept(word);
  }

  private void expect(String punct) {
    if (!accept(punct)) {
      throw error(peek(), "expected '" + punct + "'");
    }
  }

  private void expectWord(String word) {
    if (!acceptWord(word)) {
      throw error(peek(), "expected '" + word + "'");
    }
  }

  private KqlException error(Token t, String detail) {
    return KqlException.syntax(text, t.offset(), t.kind() == Token.Kind.EOF ? "<end of query>" : t.text(), detail);
  }
}
