package org.defendersql.model;

/**
 * A foreign key between two tables of the model, resolved from a column's {@link Reference}: the column's value
 * names the target table's row whose target column holds the same value.
 *
 * @param table        the referencing table
 * @param column       the referencing column
 * @param target       the referenced table
 * @param targetColumn the referenced column, part of the target's primary key
 */
public record Relation(Entity table, Column column, Entity target, Column targetColumn) {
  @Override public String toString() {
    return table.tableName() + "." + column.sqlName() + " -> " + target.tableName() + "." + targetColumn.sqlName();
  }
}
