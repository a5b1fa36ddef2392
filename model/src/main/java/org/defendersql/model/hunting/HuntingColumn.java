package org.defendersql.model.hunting;

import java.util.Objects;
import org.defendersql.model.SqlType;

/**
 * One column of a hunting table: Microsoft's name (case-sensitive in KQL), its KQL type and what it holds.
 *
 * @param name        the column name as KQL and Microsoft's reference spell it
 * @param type        the KQL type
 * @param description one short sentence for the documentation and JDBC tools' REMARKS
 */
public record HuntingColumn(String name, KqlType type, String description) {
  public HuntingColumn {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    description = description == null ? "" : description.strip();
    if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException("not a plain KQL column name: " + name);
    }
  }

  /** The SQL shape of the column. */
  public SqlType sqlType() {
    return type.sqlType();
  }

  /**
   * Whether the column can hold null: every type but {@code string}, which KQL never makes null (an absent string is
   * empty, so SQL's {@code IS NULL} on it reads as {@code isempty()}).
   */
  public boolean nullable() {
    return type != KqlType.STRING;
  }

  /** The SQL type as DDL writes it, e.g. {@code TIMESTAMP(3)}. */
  public String sqlTypeName() {
    return type.sqlTypeName();
  }
}
