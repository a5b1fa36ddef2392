package org.defendersql.server.metadata;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A table of {@link CatalogSchema}: the columns of one {@code DatabaseMetaData} result set, named, typed and ordered
 * as JDBC specifies them, whose rows are rebuilt from the model on every scan (they are few, and the Defender
 * schemas of a connection are read when asked).
 */
final class CatalogTable extends AbstractTable implements ScannableTable {
  /** A column: its JDBC name, SQL type and whether it may be null. */
  record Column(String name, SqlTypeName type, boolean nullable) {
  }

  private final List<Column> columns;
  private final Supplier<List<Map<String, Object>>> rows;

  /**
   * @param columns the JDBC columns, in JDBC's order
   * @param rows    the rows, each by JDBC column name
   */
  CatalogTable(List<Column> columns, Supplier<List<Map<String, Object>>> rows) {
    this.columns = List.copyOf(columns);
    this.rows = rows;
  }

  @Override public RelDataType getRowType(RelDataTypeFactory f) {
    final RelDataTypeFactory.Builder b = f.builder();
    for (Column c : columns) {
      b.add(c.name(), f.createTypeWithNullability(f.createSqlType(c.type()), c.nullable()));
    }
    return b.build();
  }

  @Override public Enumerable<Object[]> scan(DataContext root) {
    return Linq4j.asEnumerable(rows.get().stream().map(this::values).toList());
  }

  private Object[] values(Map<String, Object> row) {
    final Object[] values = new Object[columns.size()];
    for (int i = 0; i < values.length; i++) {
      final Column c = columns.get(i);
      final Object v = row.get(c.name());
      // Calcite's Enumerable rows hold the Java type of the SQL type exactly: SMALLINT is a Short.
      values[i] = v instanceof Number n && c.type() == SqlTypeName.SMALLINT ? (Object) n.shortValue() : v;
      if (values[i] == null && !c.nullable()) {
        throw new IllegalStateException("catalogue row without " + c.name() + ": " + row);
      }
    }
    return values;
  }
}
