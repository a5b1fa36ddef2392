package org.defendersql.model;

import java.util.Objects;

/**
 * The row of another table a column's value names, e.g. {@code alerts.machine_id} names a row of {@code machines}
 * by its {@code id}: a foreign key, for documentation and for the keys JDBC tools draw relations from.
 *
 * @param table  the SQL name of the referenced table
 * @param column the SQL name of the referenced column (that table's primary key)
 */
public record Reference(String table, String column) {
  public Reference {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(column, "column");
  }

  @Override public String toString() {
    return table + "." + column;
  }
}
