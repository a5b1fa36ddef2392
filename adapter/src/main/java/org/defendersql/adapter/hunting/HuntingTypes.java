package org.defendersql.adapter.hunting;

import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;
import org.defendersql.adapter.kql.KqlColumn;
import org.defendersql.model.hunting.KqlType;

/** Maps hunting columns onto Calcite types: the SQL types the model gives each KQL type. */
final class HuntingTypes {
  private HuntingTypes() {
  }

  /** The row type of the given columns, in order. */
  static RelDataType rowType(RelDataTypeFactory f, List<KqlColumn> columns) {
    final RelDataTypeFactory.Builder b = f.builder();
    for (KqlColumn c : columns) {
      b.add(c.name(), f.createTypeWithNullability(type(f, c.type()), c.nullable()));
    }
    return b.build();
  }

  static RelDataType type(RelDataTypeFactory f, KqlType t) {
    return switch (t.sqlType()) {
      case BIGINT -> f.createSqlType(SqlTypeName.BIGINT);
      case INTEGER -> f.createSqlType(SqlTypeName.INTEGER);
      case DOUBLE -> f.createSqlType(SqlTypeName.DOUBLE);
      case BOOLEAN -> f.createSqlType(SqlTypeName.BOOLEAN);
      case TIMESTAMP -> f.createSqlType(SqlTypeName.TIMESTAMP, 3);
      default -> f.createSqlType(SqlTypeName.VARCHAR);
    };
  }

  /** The KQL type whose Java value a column of this SQL type holds, or null when no hunting value has it. */
  static KqlType ofSql(RelDataType t) {
    return switch (t.getSqlTypeName()) {
      case BIGINT -> KqlType.LONG;
      case INTEGER -> KqlType.INT;
      case DOUBLE -> KqlType.DOUBLE;
      case BOOLEAN -> KqlType.BOOL;
      case TIMESTAMP -> t.getPrecision() == 3 ? KqlType.DATETIME : null;
      case VARCHAR -> KqlType.STRING;
      default -> null;
    };
  }
}
