package org.defendersql.model;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A Defender entity set exposed as a SQL table: its columns, its key, where the API serves it and which
 * application roles grant reading it.
 *
 * @param tableName     the SQL table name
 * @param entitySetName the OData entity set, as in {@code $metadata#Alerts}
 * @param path          the collection endpoint, e.g. {@code /api/alerts}; the entity by key is
 *                      {@code path + "/" + key}
 * @param keyColumn     the SQL name of the key column
 * @param readRoles     the application roles any one of which grants reading (first is the least privilege)
 * @param expand        the navigation property to {@code $expand} to fill a column (e.g. {@code evidence}), or
 *                      null when no column needs it
 * @param estimatedRows a typical row count in a mid-size tenant, for the planner's statistics
 * @param columns       the columns, in table order
 */
public record Entity(String tableName, String entitySetName, String path, String keyColumn, List<String> readRoles,
    String expand, double estimatedRows, List<Column> columns) {

  public Entity {
    columns = List.copyOf(columns);
    readRoles = List.copyOf(readRoles);
    final Map<String, Column> bySql = new HashMap<>();
    for (Column c : columns) {
      if (bySql.put(c.sqlName(), c) != null) {
        throw new IllegalArgumentException(tableName + ": duplicate column " + c.sqlName());
      }
    }
    if (!bySql.containsKey(keyColumn)) {
      throw new IllegalArgumentException(tableName + ": no key column " + keyColumn);
    }
  }

  /** The key column. */
  public Column key() {
    return column(keyColumn).orElseThrow();
  }

  /** The position of a column in the table's row. */
  public int indexOf(Column column) {
    final int i = columns.indexOf(column);
    if (i < 0) {
      throw new IllegalArgumentException(column.sqlName() + " is not a column of " + tableName);
    }
    return i;
  }

  /** The column of this SQL name. */
  public Optional<Column> column(String sqlName) {
    for (Column c : columns) {
      if (c.sqlName().equals(sqlName)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /**
   * The top-level column whose JSON property has this name, ignoring case as the service does in
   * {@code $filter}.
   */
  public Optional<Column> property(String jsonName) {
    for (Column c : columns) {
      if (!c.isNested() && c.jsonName().toLowerCase(Locale.ROOT).equals(jsonName.toLowerCase(Locale.ROOT))) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** The role named in error messages and documentation: the least privilege that grants reading. */
  public String readRole() {
    return readRoles.get(0);
  }
}
