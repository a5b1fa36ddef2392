package org.defendersql.server.metadata;

import java.sql.Types;
import org.defendersql.model.SqlType;

/**
 * How a column of the model reads in {@code DatabaseMetaData.getColumns}, as JDBC defines its columns: a plain
 * type name (no {@code NOT NULL}, no precision), the maximum length of character data, the precision of numbers,
 * and for a {@code TIMESTAMP(3)} the length of its text (23, {@code yyyy-mm-dd hh:mm:ss.fff}) with 3 fractional
 * digits.
 *
 * @param dataType      the {@link Types} code
 * @param typeName      the type's name as {@code getTypeInfo} lists it
 * @param columnSize    {@code COLUMN_SIZE}, or null where JDBC says it does not apply
 * @param decimalDigits {@code DECIMAL_DIGITS}: fractional digits, or null where it does not apply
 * @param radix         {@code NUM_PREC_RADIX}: 10 for numbers, null otherwise
 * @param octetLength   {@code CHAR_OCTET_LENGTH}: the most bytes of character data, null otherwise
 */
public record JdbcColumnType(int dataType, String typeName, Integer columnSize, Integer decimalDigits,
    Integer radix, Integer octetLength) {

  /**
   * The length reported for VARCHAR: Defender's strings (and the JSON arrays kept as text) have no declared
   * bound, so, as pgjdbc does for {@code text}, the largest int rather than Calcite's default of 65536, which a
   * tool could take as a limit and cut values at.
   */
  public static final int UNBOUNDED = Integer.MAX_VALUE;

  /** Fractional digits of the model's timestamps: milliseconds. */
  public static final int TIMESTAMP_DIGITS = 3;

  /** Characters of {@code yyyy-mm-dd hh:mm:ss} and, when there are fractional digits, the point and them. */
  public static int timestampLength(int fractionalDigits) {
    return 19 + (fractionalDigits > 0 ? fractionalDigits + 1 : 0);
  }

  /** The JDBC reading of a model column's SQL shape. */
  public static JdbcColumnType of(SqlType type) {
    return switch (type) {
      case VARCHAR, JSON -> varchar();
      case INTEGER -> new JdbcColumnType(Types.INTEGER, "INTEGER", 10, 0, 10, null);
      case BIGINT -> new JdbcColumnType(Types.BIGINT, "BIGINT", 19, 0, 10, null);
      // Calcite's DOUBLE holds 15 significant decimal digits (its type system's precision).
      case DOUBLE -> new JdbcColumnType(Types.DOUBLE, "DOUBLE", 15, null, 10, null);
      case BOOLEAN -> new JdbcColumnType(Types.BOOLEAN, "BOOLEAN", 1, null, null, null);
      case TIMESTAMP -> new JdbcColumnType(Types.TIMESTAMP, "TIMESTAMP", timestampLength(TIMESTAMP_DIGITS),
          TIMESTAMP_DIGITS, null, null);
      // An array has no size of its own; its element type (VARCHAR) is in the column's REMARKS.
      case VARCHAR_ARRAY -> new JdbcColumnType(Types.ARRAY, "ARRAY", null, null, null, null);
    };
  }

  /** An unbounded VARCHAR. */
  public static JdbcColumnType varchar() {
    return new JdbcColumnType(Types.VARCHAR, "VARCHAR", UNBOUNDED, null, null, UNBOUNDED);
  }
}
