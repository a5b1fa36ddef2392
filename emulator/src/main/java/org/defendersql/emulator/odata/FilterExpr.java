package org.defendersql.emulator.odata;

import java.util.List;
import org.defendersql.model.Column;
import org.defendersql.model.EdmType;

/**
 * A parsed and type-checked {@code $filter} expression. Literal values are already converted to the row value
 * types of their property (see {@link Operand}), so evaluation never parses text.
 */
public sealed interface FilterExpr {

  /** {@code left or right}. */
  record Or(FilterExpr left, FilterExpr right) implements FilterExpr {
  }

  /** {@code left and right}. */
  record And(FilterExpr left, FilterExpr right) implements FilterExpr {
  }

  /** {@code not operand}. */
  record Not(FilterExpr operand) implements FilterExpr {
  }

  /** {@code true} or {@code false} written as the whole condition (or a boolean operand of one). */
  record Constant(boolean value) implements FilterExpr {
  }

  /**
   * {@code operand op value}, with the property always on the left (a literal written first is flipped).
   *
   * @param value the literal converted to the operand's row value type, or null for {@code null}
   */
  record Compare(Operand operand, Comparison op, Object value) implements FilterExpr {
  }

  /** A boolean expression compared with a boolean literal, e.g. {@code startswith(a,'b') eq false}. */
  record BoolCompare(FilterExpr expr, boolean equal, boolean value) implements FilterExpr {
  }

  /** {@code startswith(operand,'prefix')}. */
  record StartsWith(Operand operand, String prefix) implements FilterExpr {
  }

  /**
   * {@code collection/any(var: body)}, or {@code collection/any()} (collection not empty) when body is null.
   */
  record Any(Operand.Property collection, String variable, FilterExpr body) implements FilterExpr {
  }

  /** Where a compared value comes from. */
  sealed interface Operand {
    /** The value's EDM type. */
    EdmType type();

    /** The enum members when {@link #type()} is {@link EdmType#ENUM}; empty otherwise. */
    List<String> enumValues();

    /** A top-level property of the entity: the row's value at {@code index}. */
    record Property(Column column, int index) implements Operand {
      @Override
      public EdmType type() {
        return column.edmType();
      }

      @Override
      public List<String> enumValues() {
        return column.enumValues();
      }
    }

    /** The range variable of an enclosing {@code any}, standing for one string of the collection. */
    record RangeVariable(String name) implements Operand {
      @Override
      public EdmType type() {
        return EdmType.STRING;
      }

      @Override
      public List<String> enumValues() {
        return List.of();
      }
    }
  }

  /** The comparison operators, with the names ASP.NET OData uses for them in messages. */
  enum Comparison {
    EQ("eq", "Equal"), NE("ne", "NotEqual"), GT("gt", "GreaterThan"), GE("ge", "GreaterThanOrEqual"),
    LT("lt", "LessThan"), LE("le", "LessThanOrEqual");

    private final String keyword;
    private final String kind;

    Comparison(String keyword, String kind) {
      this.keyword = keyword;
      this.kind = kind;
    }

    public String keyword() {
      return keyword;
    }

    /** The operator kind as named in OData's "incompatible types" message. */
    public String kind() {
      return kind;
    }

    /** The operator with its operands swapped: {@code 5 lt x} is {@code x gt 5}. */
    Comparison flipped() {
      return switch (this) {
        case GT -> LT;
        case GE -> LE;
        case LT -> GT;
        case LE -> GE;
        default -> this;
      };
    }

    /** Whether a comparison result ({@code <0}, {@code 0}, {@code >0}) satisfies the operator. */
    boolean accepts(int cmp) {
      return switch (this) {
        case EQ -> cmp == 0;
        case NE -> cmp != 0;
        case GT -> cmp > 0;
        case GE -> cmp >= 0;
        case LT -> cmp < 0;
        case LE -> cmp <= 0;
      };
    }

    static Comparison of(String keyword) {
      for (Comparison c : values()) {
        if (c.keyword.equals(keyword)) {
          return c;
        }
      }
      return null;
    }
  }
}
