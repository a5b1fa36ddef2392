package org.defendersql.model.hunting;

import java.util.Locale;
import java.util.Optional;
import org.defendersql.model.SqlType;

/**
 * A KQL scalar type as the hunting tables use it: its name in KQL, its name in the {@code schema} of a hunting
 * answer (.NET type names: {@code DateTime}, {@code String}, ...), and the SQL type a column of it has.
 *
 * <p>Date-times are {@code TIMESTAMP(3)} like every other timestamp of the product, although KQL keeps 100 ns ticks:
 * a SQL value is the hunting value truncated to the millisecond, so a translator must widen time predicates to
 * whole milliseconds rather than compare sub-millisecond values for equality.
 */
public enum KqlType {
  STRING("string", "String", SqlType.VARCHAR, "VARCHAR"),
  LONG("long", "Int64", SqlType.BIGINT, "BIGINT"),
  INT("int", "Int32", SqlType.INTEGER, "INTEGER"),
  BOOL("bool", "Boolean", SqlType.BOOLEAN, "BOOLEAN"),
  DATETIME("datetime", "DateTime", SqlType.TIMESTAMP, "TIMESTAMP(3)"),
  DOUBLE("double", "Double", SqlType.DOUBLE, "DOUBLE"),
  /** JSON (an array or a property bag), kept as its JSON text in SQL. */
  DYNAMIC("dynamic", "Object", SqlType.VARCHAR, "VARCHAR"),
  GUID("guid", "Guid", SqlType.VARCHAR, "VARCHAR"),
  /** Only computed columns have it (no table column does); its text form {@code [d.]hh:mm:ss[.fffffff]}. */
  TIMESPAN("timespan", "TimeSpan", SqlType.VARCHAR, "VARCHAR");

  private final String kqlName;
  private final String schemaName;
  private final SqlType sqlType;
  private final String sqlTypeName;

  KqlType(String kqlName, String schemaName, SqlType sqlType, String sqlTypeName) {
    this.kqlName = kqlName;
    this.schemaName = schemaName;
    this.sqlType = sqlType;
    this.sqlTypeName = sqlTypeName;
  }

  /** The name in KQL, as in {@code datatable(x: long)} and Microsoft's table reference. */
  public String kqlName() {
    return kqlName;
  }

  /** The type name a hunting answer's {@code schema} gives a column of this type. */
  public String schemaName() {
    return schemaName;
  }

  /** The SQL shape of a column of this type. */
  public SqlType sqlType() {
    return sqlType;
  }

  /** The SQL type as DDL writes it, e.g. {@code TIMESTAMP(3)}. */
  public String sqlTypeName() {
    return sqlTypeName;
  }

  /**
   * The type of a KQL type name, ignoring case; {@code boolean}, {@code real} and {@code int64}-style synonyms
   * included.
   */
  public static Optional<KqlType> ofKqlName(String name) {
    final String n = name.trim().toLowerCase(Locale.ROOT);
    switch (n) {
      case "boolean":
        return Optional.of(BOOL);
      case "real":
        return Optional.of(DOUBLE);
      case "uniqueid":
        return Optional.of(GUID);
      case "time":
        return Optional.of(TIMESPAN);
      case "date":
        return Optional.of(DATETIME);
      default:
        break;
    }
    for (KqlType t : values()) {
      if (t.kqlName.equals(n)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /**
   * The type of an answer's schema type name, ignoring case ({@code DateTime}, {@code Int64}, ...; the KQL names
   * and {@code System.}-qualified names too), or empty for a name this model does not know.
   */
  public static Optional<KqlType> ofSchemaName(String name) {
    String n = name.trim();
    if (n.regionMatches(true, 0, "System.", 0, 7)) {
      n = n.substring(7);
    }
    for (KqlType t : values()) {
      if (t.schemaName.equalsIgnoreCase(n)) {
        return Optional.of(t);
      }
    }
    if (n.equalsIgnoreCase("SByte") || n.equalsIgnoreCase("Bool")) {
      return Optional.of(BOOL);
    }
    return ofKqlName(n);
  }
}
