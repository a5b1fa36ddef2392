package org.defendersql.server.metadata;

import static org.apache.calcite.sql.type.SqlTypeName.BIGINT;
import static org.apache.calcite.sql.type.SqlTypeName.BOOLEAN;
import static org.apache.calcite.sql.type.SqlTypeName.SMALLINT;
import static org.apache.calcite.sql.type.SqlTypeName.VARCHAR;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.defendersql.server.metadata.CatalogTable.Column;

/**
 * The read-only schema {@code defender_catalog}: the model's keys, the index on each primary key and the server's
 * functions as tables, each in the columns of the {@code DatabaseMetaData} call it answers (named, typed and
 * ordered as JDBC says). The defender-sql JDBC driver answers {@code getPrimaryKeys}, {@code getImportedKeys},
 * {@code getExportedKeys}, {@code getCrossReference}, {@code getIndexInfo} and {@code getFunctions} by querying
 * it, as Avatica's protocol has no requests for them; anyone else can read the keys with SQL.
 *
 * <p>It is listed by {@code getSchemas} and {@code getTables} like Calcite's own {@code metadata} schema: a client
 * on Avatica's stock driver, which gets no keys from {@code DatabaseMetaData}, can see and query it, and hiding
 * a schema that still answers queries would only surprise.
 */
public final class CatalogSchema extends AbstractSchema {
  /** The schema's name. */
  public static final String NAME = "defender_catalog";

  private static final Column TABLE_CAT = new Column("TABLE_CAT", VARCHAR, true);
  private static final Column TABLE_SCHEM = new Column("TABLE_SCHEM", VARCHAR, true);
  private static final Column TABLE_NAME = new Column("TABLE_NAME", VARCHAR, false);
  private static final Column COLUMN_NAME = new Column("COLUMN_NAME", VARCHAR, false);

  private static final List<Column> PRIMARY_KEYS = List.of(TABLE_CAT, TABLE_SCHEM, TABLE_NAME, COLUMN_NAME,
      new Column("KEY_SEQ", SMALLINT, false), new Column("PK_NAME", VARCHAR, true));

  private static final List<Column> FOREIGN_KEYS = List.of(new Column("PKTABLE_CAT", VARCHAR, true),
      new Column("PKTABLE_SCHEM", VARCHAR, true), new Column("PKTABLE_NAME", VARCHAR, false),
      new Column("PKCOLUMN_NAME", VARCHAR, false), new Column("FKTABLE_CAT", VARCHAR, true),
      new Column("FKTABLE_SCHEM", VARCHAR, true), new Column("FKTABLE_NAME", VARCHAR, false),
      new Column("FKCOLUMN_NAME", VARCHAR, false), new Column("KEY_SEQ", SMALLINT, false),
      new Column("UPDATE_RULE", SMALLINT, false), new Column("DELETE_RULE", SMALLINT, false),
      new Column("FK_NAME", VARCHAR, true), new Column("PK_NAME", VARCHAR, true),
      new Column("DEFERRABILITY", SMALLINT, false));

  private static final List<Column> INDEX_INFO = List.of(TABLE_CAT, TABLE_SCHEM, TABLE_NAME,
      new Column("NON_UNIQUE", BOOLEAN, false), new Column("INDEX_QUALIFIER", VARCHAR, true),
      new Column("INDEX_NAME", VARCHAR, true), new Column("TYPE", SMALLINT, false),
      new Column("ORDINAL_POSITION", SMALLINT, false), new Column("COLUMN_NAME", VARCHAR, true),
      new Column("ASC_OR_DESC", VARCHAR, true), new Column("CARDINALITY", BIGINT, true),
      new Column("PAGES", BIGINT, true), new Column("FILTER_CONDITION", VARCHAR, true));

  private static final List<Column> FUNCTIONS = List.of(new Column("FUNCTION_CAT", VARCHAR, true),
      new Column("FUNCTION_SCHEM", VARCHAR, true), new Column("FUNCTION_NAME", VARCHAR, false),
      new Column("REMARKS", VARCHAR, true), new Column("FUNCTION_TYPE", SMALLINT, false),
      new Column("SPECIFIC_NAME", VARCHAR, false));

  /** Each table's REMARKS, for {@code getTables}. */
  private static final Map<String, String> REMARKS = Map.of(
      "primary_keys", "The primary key of each Defender table, one row per column, as"
          + " DatabaseMetaData.getPrimaryKeys answers it.",
      "foreign_keys", "The foreign keys between Defender tables, one row per column, as"
          + " DatabaseMetaData.getImportedKeys, getExportedKeys and getCrossReference answer them. The API"
          + " enforces none of them.",
      "index_info", "The unique index on each primary key (the API's lookup by key), as"
          + " DatabaseMetaData.getIndexInfo answers it.",
      "functions", "The functions SQL on this server can call, built in and of the model's schemas, as"
          + " DatabaseMetaData.getFunctions answers them.");

  private final Connection connection;

  private CatalogSchema(Connection connection) {
    this.connection = connection;
  }

  /**
   * Adds the schema to a server connection to Calcite, unless its model already has a schema of that name.
   *
   * @param connection the Calcite connection, read again at each scan (its Defender schemas and functions)
   */
  public static void addTo(Connection connection) throws SQLException {
    final SchemaPlus root = connection.unwrap(CalciteConnection.class).getRootSchema();
    if (root.subSchemas().get(NAME) == null) {
      root.add(NAME, new CatalogSchema(connection));
    }
  }

  /** The REMARKS of a table of this schema, or null for an unknown one. */
  static String remarks(String table) {
    return REMARKS.get(table);
  }

  @Override protected Map<String, Table> getTableMap() {
    final Map<String, Table> t = new LinkedHashMap<>();
    t.put("primary_keys", table(PRIMARY_KEYS, m -> m.primaryKeyRows(null, null)));
    t.put("foreign_keys", table(FOREIGN_KEYS, CatalogMetadata::foreignKeyRows));
    t.put("index_info", table(INDEX_INFO, CatalogMetadata::indexRows));
    t.put("functions", table(FUNCTIONS, m -> m.functionRows(null, null, null)));
    return t;
  }

  /** A table whose rows the connection's {@link CatalogMetadata} builds at each scan. */
  private CatalogTable table(List<Column> columns, Function<CatalogMetadata, List<Map<String, Object>>> rows) {
    return new CatalogTable(columns, () -> rows.apply(CatalogMetadata.of(connection)));
  }
}
