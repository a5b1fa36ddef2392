package org.defendersql.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaDatabaseMetaData;
import org.apache.calcite.avatica.Meta.DatabaseProperty;

/**
 * What JDBC tools read about a defender-sql server through this driver. Avatica's client answers keys, indexes and
 * functions itself, with no rows, and names itself ("Avatica", "unknown version") as the product; here the
 * product and its version are the server's, and keys, the index on each primary key and functions are read from
 * the server's {@code defender_catalog} tables, sorted as JDBC specifies. Against an Avatica server that is not
 * defender-sql (no such tables), those calls answer as Avatica's client does.
 */
final class DefenderDatabaseMetaData extends AvaticaDatabaseMetaData {
  DefenderDatabaseMetaData(AvaticaConnection connection) {
    super(connection);
  }

  // ---- The product: the server's name and version, else the driver's own (DriverInfo). ----

  @Override public String getDatabaseProductName() throws SQLException {
    return serverProperty(DatabaseProperty.GET_DATABASE_PRODUCT_NAME, super.getDatabaseProductName());
  }

  @Override public String getDatabaseProductVersion() throws SQLException {
    return serverProperty(DatabaseProperty.GET_DATABASE_PRODUCT_VERSION, super.getDatabaseProductVersion());
  }

  @Override public int getDatabaseMajorVersion() throws SQLException {
    return serverNumber(DatabaseProperty.GET_DATABASE_MAJOR_VERSION, super.getDatabaseMajorVersion());
  }

  @Override public int getDatabaseMinorVersion() throws SQLException {
    return serverNumber(DatabaseProperty.GET_DATABASE_MINOR_VERSION, super.getDatabaseMinorVersion());
  }

  /** A property the server sent (Avatica's client asks once per connection and keeps the answer). */
  private String serverProperty(DatabaseProperty property, String otherwise) throws SQLException {
    final Properties server;
    try {
      server = getRemoteAvaticaProperties();
    } catch (RuntimeException e) {
      throw new SQLException("Cannot read the server's database properties (" + property.name() + "): "
          + e.getMessage(), "08006", e);
    }
    final String value = server.getProperty(property.name());
    return value == null || value.isEmpty() ? otherwise : value;
  }

  private int serverNumber(DatabaseProperty property, int otherwise) throws SQLException {
    try {
      return Integer.parseInt(serverProperty(property, Integer.toString(otherwise)));
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }

  /** Whether the server is defender-sql, whose catalogue tables this class reads. */
  private boolean defenderServer() throws SQLException {
    return DriverInfo.PRODUCT_NAME.equals(serverProperty(DatabaseProperty.GET_DATABASE_PRODUCT_NAME, null));
  }

  // ---- Keys, indexes and functions, read from defender_catalog. ----

  @Override public ResultSet getPrimaryKeys(String catalog, String schema, String table) throws SQLException {
    if (!defenderServer()) {
      return super.getPrimaryKeys(catalog, schema, table);
    }
    return CatalogQuery.of("primary_keys").named("TABLE_CAT", catalog).named("TABLE_SCHEM", schema)
        .named("TABLE_NAME", table).run(getConnection(), "COLUMN_NAME");
  }

  @Override public ResultSet getImportedKeys(String catalog, String schema, String table) throws SQLException {
    if (!defenderServer()) {
      return super.getImportedKeys(catalog, schema, table);
    }
    return CatalogQuery.of("foreign_keys").named("FKTABLE_CAT", catalog).named("FKTABLE_SCHEM", schema)
        .named("FKTABLE_NAME", table)
        .run(getConnection(), "PKTABLE_CAT", "PKTABLE_SCHEM", "PKTABLE_NAME", "KEY_SEQ", "FK_NAME");
  }

  @Override public ResultSet getExportedKeys(String catalog, String schema, String table) throws SQLException {
    if (!defenderServer()) {
      return super.getExportedKeys(catalog, schema, table);
    }
    return CatalogQuery.of("foreign_keys").named("PKTABLE_CAT", catalog).named("PKTABLE_SCHEM", schema)
        .named("PKTABLE_NAME", table)
        .run(getConnection(), "FKTABLE_CAT", "FKTABLE_SCHEM", "FKTABLE_NAME", "KEY_SEQ", "FK_NAME");
  }

  @Override public ResultSet getCrossReference(String parentCatalog, String parentSchema, String parentTable,
      String foreignCatalog, String foreignSchema, String foreignTable) throws SQLException {
    if (!defenderServer()) {
      return super.getCrossReference(parentCatalog, parentSchema, parentTable, foreignCatalog, foreignSchema,
          foreignTable);
    }
    return CatalogQuery.of("foreign_keys").named("PKTABLE_CAT", parentCatalog)
        .named("PKTABLE_SCHEM", parentSchema).named("PKTABLE_NAME", parentTable)
        .named("FKTABLE_CAT", foreignCatalog).named("FKTABLE_SCHEM", foreignSchema)
        .named("FKTABLE_NAME", foreignTable)
        .run(getConnection(), "FKTABLE_CAT", "FKTABLE_SCHEM", "FKTABLE_NAME", "KEY_SEQ", "FK_NAME");
  }

  @Override public ResultSet getIndexInfo(String catalog, String schema, String table, boolean unique,
      boolean approximate) throws SQLException {
    if (!defenderServer()) {
      return super.getIndexInfo(catalog, schema, table, unique, approximate);
    }
    return CatalogQuery.of("index_info").named("TABLE_CAT", catalog).named("TABLE_SCHEM", schema)
        .named("TABLE_NAME", table).falseWhen(unique, "NON_UNIQUE")
        .run(getConnection(), "NON_UNIQUE", "TYPE", "INDEX_NAME", "ORDINAL_POSITION");
  }

  @Override public ResultSet getFunctions(String catalog, String schemaPattern, String functionNamePattern)
      throws SQLException {
    if (!defenderServer()) {
      return super.getFunctions(catalog, schemaPattern, functionNamePattern);
    }
    return CatalogQuery.of("functions").named("FUNCTION_CAT", catalog).matching("FUNCTION_SCHEM", schemaPattern)
        .matching("FUNCTION_NAME", functionNamePattern)
        .run(getConnection(), "FUNCTION_CAT", "FUNCTION_SCHEM", "FUNCTION_NAME", "SPECIFIC_NAME");
  }
}
