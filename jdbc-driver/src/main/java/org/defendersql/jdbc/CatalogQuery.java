package org.defendersql.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A query of one table of the server's {@code defender_catalog} schema, narrowed as a {@code DatabaseMetaData}
 * call's arguments say: null does not narrow, {@code ""} selects rows without a value (no catalog, no schema),
 * anything else must match. The values travel as parameters, never as SQL text.
 */
final class CatalogQuery {
  /** The server's schema of catalogue tables (the server's {@code CatalogSchema}). */
  static final String SCHEMA = "defender_catalog";

  private final String table;
  private final List<String> conditions = new ArrayList<>();
  private final List<String> values = new ArrayList<>();

  private CatalogQuery(String table) {
    this.table = table;
  }

  /** A query of every row of a table of the catalogue schema. */
  static CatalogQuery of(String table) {
    return new CatalogQuery(table);
  }

  /** Rows whose column is this name ({@code getPrimaryKeys}' catalog, schema and table arguments). */
  CatalogQuery named(String column, String name) {
    return narrowed(column, name, " = ?");
  }

  /** Rows whose column matches this search pattern ({@code %}, {@code _}, escaped by {@code \}). */
  CatalogQuery matching(String column, String pattern) {
    return narrowed(column, pattern, " LIKE ? ESCAPE '\\'");
  }

  /** Rows whose boolean column is false, when {@code only} is true. */
  CatalogQuery falseWhen(boolean only, String column) {
    if (only) {
      conditions.add(quote(column) + " = FALSE");
    }
    return this;
  }

  private CatalogQuery narrowed(String column, String value, String comparison) {
    if (value == null) {
      return this;
    }
    if (value.isEmpty()) {
      conditions.add(quote(column) + " IS NULL");
    } else {
      conditions.add(quote(column) + comparison);
      values.add(value);
    }
    return this;
  }

  /**
   * Runs the query on the connection, rows sorted by these columns. Closing the result set closes its statement.
   */
  ResultSet run(Connection connection, String... orderBy) throws SQLException {
    final PreparedStatement statement = connection.prepareStatement(sql(orderBy));
    try {
      for (int i = 0; i < values.size(); i++) {
        statement.setString(i + 1, values.get(i));
      }
      statement.closeOnCompletion();
      return statement.executeQuery();
    } catch (SQLException | RuntimeException e) {
      statement.close();
      throw e;
    }
  }

  /** The SQL text, with a parameter per value. */
  String sql(String... orderBy) {
    final StringBuilder b = new StringBuilder("SELECT * FROM ").append(quote(SCHEMA)).append('.')
        .append(quote(table));
    for (int i = 0; i < conditions.size(); i++) {
      b.append(i == 0 ? " WHERE " : " AND ").append(conditions.get(i));
    }
    for (int i = 0; i < orderBy.length; i++) {
      b.append(i == 0 ? " ORDER BY " : ", ").append(quote(orderBy[i]));
    }
    return b.toString();
  }

  private static String quote(String identifier) {
    return '"' + identifier + '"';
  }
}
