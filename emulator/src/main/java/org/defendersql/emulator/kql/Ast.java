package org.defendersql.emulator.kql;

import java.util.List;
import org.defendersql.model.hunting.KqlType;

/** The syntax tree of a parsed query: a table and its tabular operators, each with scalar expressions. */
final class Ast {
  private Ast() {
  }

  /**
   * A parsed query: its source, one table or the {@code union} of several (Kusto's default {@code kind=outer}), and
   * the operators after it, in order.
   */
  record Query(List<TableRef> tables, boolean union, List<Op> operators) {
    Query {
      tables = List.copyOf(tables);
    }

    /** The first (for a plain query, the only) table's name. */
    String table() {
      return tables.get(0).name();
    }
  }

  /** A table named in the source, at an offset of the query text. */
  record TableRef(String name, int offset) {
  }

  /** A scalar expression; {@code offset} locates it in the query text for error messages. */
  sealed interface Expr permits Literal, ColumnRef, Binary, Unary, Call, In, Between, Star {
    int offset();
  }

  /** A constant of a KQL type; {@code value} null for the typed nulls such as {@code datetime(null)}. */
  record Literal(KqlType type, Object value, int offset) implements Expr {
  }

  /** A column named in the query. */
  record ColumnRef(String name, int offset) implements Expr {
  }

  /** A binary operator: {@code and}, {@code ==}, {@code contains}, {@code +}, {@code matches regex}, ... */
  record Binary(String op, Expr left, Expr right, int offset) implements Expr {
  }

  /** Unary {@code -} or {@code +}. */
  record Unary(String op, Expr operand, int offset) implements Expr {
  }

  /** A function call, e.g. {@code ago(1d)}, {@code count()}, {@code tolower(x)}. */
  record Call(String name, List<Expr> args, int offset) implements Expr {
  }

  /** {@code in}, {@code !in}, {@code in~}, {@code !in~} over a list of scalars. */
  record In(Expr value, List<Expr> list, boolean negated, boolean ignoreCase, int offset) implements Expr {
  }

  /** {@code between (low .. high)} and {@code !between}. */
  record Between(Expr value, Expr low, Expr high, boolean negated, int offset) implements Expr {
  }

  /** {@code *} as an argument of {@code arg_max}/{@code arg_min}. */
  record Star(int offset) implements Expr {
  }

  /** An expression with the name it was given ({@code name = expr}), or null when none. */
  record Named(String name, Expr expr) {
  }

  /** A sort key; {@code nullsFirst} null means the direction's default. */
  record SortKey(Expr expr, boolean ascending, Boolean nullsFirst) {
    /** Kusto's default: nulls first when ascending, last when descending. */
    boolean nullsFirstOrDefault() {
      return nullsFirst != null ? nullsFirst : ascending;
    }
  }

  /** A tabular operator after a pipe. */
  sealed interface Op permits Where, Project, Extend, Summarize, Top, Take, Sort, Distinct, Count {
    int offset();
  }

  /** {@code where predicate}. */
  record Where(Expr predicate, int offset) implements Op {
  }

  /** {@code project} of named columns. */
  record Project(List<Named> columns, int offset) implements Op {
  }

  /** {@code extend} with computed columns. */
  record Extend(List<Named> columns, int offset) implements Op {
  }

  /** {@code summarize aggregates by keys}. */
  record Summarize(List<Named> aggregates, List<Named> by, int offset) implements Op {
  }

  /** {@code top n by key}. */
  record Top(Expr count, SortKey key, int offset) implements Op {
  }

  /** {@code take n} or {@code limit n}. */
  record Take(Expr count, int offset) implements Op {
  }

  /** {@code sort by} / {@code order by} keys. */
  record Sort(List<SortKey> keys, int offset) implements Op {
  }

  /** {@code distinct} of columns, or of every column when {@code columns} is empty ({@code distinct *}). */
  record Distinct(List<Named> columns, int offset) implements Op {
  }

  /** {@code count}: the number of rows. */
  record Count(int offset) implements Op {
  }
}
