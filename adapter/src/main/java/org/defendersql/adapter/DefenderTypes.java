package org.defendersql.adapter;

import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;
import org.defendersql.model.Column;

/** Maps the model's SQL shapes onto Calcite types. */
public final class DefenderTypes {
  private DefenderTypes() {
  }

  /** The row type of the given columns, in order. */
  public static RelDataType rowType(RelDataTypeFactory typeFactory, List<Column> columns) {
    final RelDataTypeFactory.Builder b = typeFactory.builder();
    for (Column c : columns) {
      b.add(c.sqlName(), typeFactory.createTypeWithNullability(type(typeFactory, c), c.nullable()));
    }
    return b.build();
  }

  private static RelDataType type(RelDataTypeFactory f, Column c) {
    return switch (c.sqlType()) {
      case VARCHAR, JSON -> f.createSqlType(SqlTypeName.VARCHAR);
      case INTEGER -> f.createSqlType(SqlTypeName.INTEGER);
      case BIGINT -> f.createSqlType(SqlTypeName.BIGINT);
      case DOUBLE -> f.createSqlType(SqlTypeName.DOUBLE);
      case BOOLEAN -> f.createSqlType(SqlTypeName.BOOLEAN);
      case TIMESTAMP -> f.createSqlType(SqlTypeName.TIMESTAMP, 3);
      case VARCHAR_ARRAY -> f.createArrayType(
          f.createTypeWithNullability(f.createSqlType(SqlTypeName.VARCHAR), true), -1);
    };
  }
}
