package org.defendersql.adapter.status;

import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.defendersql.adapter.client.DefenderClient;

/**
 * {@code select * from connection_status}: "test connection" in SQL. Each scan gets a token and probes every
 * table's permission anew, one row per check, with the fix when it fails.
 */
public final class ConnectionStatusTable extends AbstractTable implements ScannableTable {
  /** The table's name in the Defender schema. */
  public static final String NAME = "connection_status";

  private final DefenderClient client;

  public ConnectionStatusTable(DefenderClient client) {
    this.client = client;
  }

  @Override public RelDataType getRowType(RelDataTypeFactory f) {
    final RelDataType text = f.createTypeWithNullability(f.createSqlType(SqlTypeName.VARCHAR), true);
    final RelDataType notNull = f.createSqlType(SqlTypeName.VARCHAR);
    return f.builder().add("area", notNull).add("permission", text).add("status", notNull).add("probe", notNull)
        .add("detail", text).add("fix", text).build();
  }

  @Override public Enumerable<Object[]> scan(DataContext root) {
    return Linq4j.asEnumerable(ConnectionProbe.run(client).checks().stream()
        .map(c -> new Object[] {c.area(), c.permission(), c.status().name(), c.probe(), c.detail(), c.fix()})
        .toList());
  }
}
