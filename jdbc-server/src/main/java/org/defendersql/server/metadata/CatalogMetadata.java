package org.defendersql.server.metadata;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.Meta.DatabaseProperty;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.jdbc.CalciteConnection;
import org.defendersql.model.Column;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;
import org.defendersql.model.ProjectVersion;
import org.defendersql.model.Relation;

/**
 * The catalogue metadata of one server connection, built from the model for its Defender schemas: REMARKS, JDBC
 * type names and sizes, primary keys and the keys between tables, the built-in functions, and the product's name
 * and version. Each method takes what Avatica's {@code JdbcMeta} answers from Calcite and returns it with the
 * Defender rows enriched; rows of other schemas (CSV files, JDBC sources) pass through as Calcite made them.
 */
public final class CatalogMetadata {
  /** The product name a client reads in the server's database properties. */
  public static final String PRODUCT_NAME = "defender-sql";

  /** The schema Calcite lists its built-in functions in (its {@code metadata} schema of system tables). */
  static final String BUILT_IN_SCHEMA = "metadata";

  private final Connection connection;
  private final Set<String> defenderSchemas;

  private CatalogMetadata(Connection connection, Set<String> defenderSchemas) {
    this.connection = connection;
    this.defenderSchemas = defenderSchemas;
  }

  /** The metadata of a server connection to Calcite. */
  public static CatalogMetadata of(Connection connection) {
    try {
      return new CatalogMetadata(connection, DefenderSchemas.of(connection));
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the schemas of the connection: " + e.getMessage(), e);
    }
  }

  /** {@code getTables}: REMARKS for the Defender tables and those of {@link CatalogSchema}. */
  public Meta.MetaResultSet tables(Meta.MetaResultSet calcite) {
    final List<Map<String, Object>> rows = MetaFrames.rows(calcite);
    for (Map<String, Object> row : rows) {
      if (isDefender(row.get("TABLE_SCHEM"))) {
        final String table = (String) row.get("TABLE_NAME");
        final Optional<Entity> entity = DefenderModel.entity(table);
        if (entity.isPresent()) {
          row.put("REMARKS", ModelRemarks.table(entity.get()));
        } else if (ModelRemarks.CONNECTION_STATUS.equals(table)) {
          row.put("REMARKS", ModelRemarks.connectionStatusTable());
        } else if (org.defendersql.adapter.cache.CacheTables.ENTRIES.equals(table)) {
          row.put("REMARKS", "The shared cache of API answers: one row per answer kept (reads no API).");
        } else if (org.defendersql.adapter.cache.CacheTables.STATS.equals(table)) {
          row.put("REMARKS", "The shared cache of API answers: hits, misses and size since the server started.");
        }
      } else if (CatalogSchema.NAME.equals(row.get("TABLE_SCHEM"))) {
        row.put("REMARKS", CatalogSchema.remarks((String) row.get("TABLE_NAME")));
      }
    }
    return MetaFrames.withRows(calcite, rows);
  }

  /** {@code getColumns}: REMARKS, plain type names and JDBC sizes for the Defender tables' columns. */
  public Meta.MetaResultSet columns(Meta.MetaResultSet calcite) {
    final List<Map<String, Object>> rows = MetaFrames.rows(calcite);
    for (Map<String, Object> row : rows) {
      if (!isDefender(row.get("TABLE_SCHEM"))) {
        continue;
      }
      final String table = (String) row.get("TABLE_NAME");
      final String name = (String) row.get("COLUMN_NAME");
      final Optional<Entity> entity = DefenderModel.entity(table);
      final Optional<Column> column = entity.flatMap(e -> e.column(name));
      if (column.isPresent()) {
        describe(row, JdbcColumnType.of(column.get().sqlType()), ModelRemarks.column(entity.get(), column.get()));
      } else if (ModelRemarks.CONNECTION_STATUS.equals(table)) {
        describe(row, JdbcColumnType.varchar(), ModelRemarks.connectionStatusColumn(name));
      }
    }
    return MetaFrames.withRows(calcite, rows);
  }

  private static void describe(Map<String, Object> row, JdbcColumnType type, String remarks) {
    row.put("DATA_TYPE", type.dataType());
    row.put("TYPE_NAME", type.typeName());
    row.put("COLUMN_SIZE", type.columnSize());
    row.put("DECIMAL_DIGITS", type.decimalDigits());
    row.put("NUM_PREC_RADIX", type.radix());
    row.put("CHAR_OCTET_LENGTH", type.octetLength());
    row.put("REMARKS", remarks);
    row.put("IS_AUTOINCREMENT", "NO");
    row.put("IS_GENERATEDCOLUMN", "NO");
  }

  /** {@code getPrimaryKeys}: the model's primary key of a Defender table, after Calcite's rows (none). */
  public Meta.MetaResultSet primaryKeys(Meta.MetaResultSet calcite, String schema, String table) {
    final List<Map<String, Object>> rows = MetaFrames.rows(calcite);
    rows.addAll(primaryKeyRows(schema, table));
    return MetaFrames.withRows(calcite, rows);
  }

  /**
   * One row per primary key column of the Defender tables, in key order, in the columns of {@code getPrimaryKeys};
   * a null schema or table selects every one.
   */
  List<Map<String, Object>> primaryKeyRows(String schema, String table) {
    final List<Map<String, Object>> rows = new ArrayList<>();
    for (String s : schemas(schema)) {
      for (Entity entity : DefenderModel.entities()) {
        if (table != null && !entity.tableName().equals(table)) {
          continue;
        }
        final List<String> key = entity.primaryKey();
        for (int i = 0; i < key.size(); i++) {
          final Map<String, Object> row = new HashMap<>();
          row.put("TABLE_SCHEM", s);
          row.put("TABLE_NAME", entity.tableName());
          row.put("COLUMN_NAME", key.get(i));
          row.put("KEY_SEQ", (short) (i + 1));
          row.put("PK_NAME", primaryKeyName(entity.tableName()));
          rows.add(row);
        }
      }
    }
    return rows;
  }

  /**
   * The index JDBC tools show for each primary key, in the columns of {@code getIndexInfo}: unique, one row per key
   * column. It is the API's lookup by key (e.g. {@code GET /api/alerts/{id}}), hashed rather than ordered; its
   * size is unknown without reading the table.
   */
  List<Map<String, Object>> indexRows() {
    final List<Map<String, Object>> rows = new ArrayList<>();
    for (Map<String, Object> key : primaryKeyRows(null, null)) {
      final Map<String, Object> row = new HashMap<>();
      row.put("TABLE_SCHEM", key.get("TABLE_SCHEM"));
      row.put("TABLE_NAME", key.get("TABLE_NAME"));
      row.put("NON_UNIQUE", false);
      row.put("INDEX_NAME", key.get("PK_NAME"));
      row.put("TYPE", (short) java.sql.DatabaseMetaData.tableIndexHashed);
      row.put("ORDINAL_POSITION", key.get("KEY_SEQ"));
      row.put("COLUMN_NAME", key.get("COLUMN_NAME"));
      rows.add(row);
    }
    return rows;
  }

  /** Every foreign key between Defender tables, one row per column, in the columns of {@code getImportedKeys}. */
  List<Map<String, Object>> foreignKeyRows() {
    final List<Map<String, Object>> rows = new ArrayList<>();
    for (String s : schemas(null)) {
      DefenderModel.relations().forEach(r -> rows.add(key(s, r)));
    }
    return rows;
  }

  /** {@code getImportedKeys}: the primary keys a Defender table's foreign keys reference. */
  public Meta.MetaResultSet importedKeys(Meta.StatementHandle statement, String schema, String table) {
    final List<Map<String, Object>> rows = new ArrayList<>();
    for (String s : schemas(schema)) {
      DefenderModel.entity(table).ifPresent(e -> DefenderModel.relationsFrom(e).forEach(
          r -> rows.add(avaticaKey(key(s, r)))));
    }
    rows.sort(Comparator.comparing((Map<String, Object> r) -> (String) r.get("PKTABLE_SCHEM"))
        .thenComparing(r -> (String) r.get("PKTABLE_NAME")).thenComparing(r -> (String) r.get("FK_NAME")));
    return MetaFrames.create(statement, MetaImpl.MetaImportedKey.class, rows);
  }

  /** {@code getExportedKeys}: the foreign keys that reference a Defender table's primary key. */
  public Meta.MetaResultSet exportedKeys(Meta.StatementHandle statement, String schema, String table) {
    final List<Map<String, Object>> rows = new ArrayList<>();
    for (String s : schemas(schema)) {
      DefenderModel.entity(table).ifPresent(e -> DefenderModel.relationsTo(e).forEach(
          r -> rows.add(avaticaKey(key(s, r)))));
    }
    rows.sort(Comparator.comparing((Map<String, Object> r) -> (String) r.get("FKTABLE_SCHEM"))
        .thenComparing(r -> (String) r.get("FKTABLE_NAME")).thenComparing(r -> (String) r.get("FK_NAME")));
    return MetaFrames.create(statement, MetaImpl.MetaExportedKey.class, rows);
  }

  /** One single-column foreign key, in the columns imported and exported keys share. */
  private static Map<String, Object> key(String schema, Relation r) {
    final Map<String, Object> row = new HashMap<>();
    row.put("PKTABLE_SCHEM", schema);
    row.put("PKTABLE_NAME", r.target().tableName());
    row.put("PKCOLUMN_NAME", r.targetColumn().sqlName());
    row.put("FKTABLE_SCHEM", schema);
    row.put("FKTABLE_NAME", r.table().tableName());
    row.put("FKCOLUMN_NAME", r.column().sqlName());
    row.put("KEY_SEQ", (short) 1);
    row.put("UPDATE_RULE", (short) java.sql.DatabaseMetaData.importedKeyNoAction);
    row.put("DELETE_RULE", (short) java.sql.DatabaseMetaData.importedKeyNoAction);
    row.put("FK_NAME", r.table().tableName() + "_" + r.column().sqlName() + "_fk");
    row.put("PK_NAME", primaryKeyName(r.target().tableName()));
    row.put("DEFERRABILITY", (short) java.sql.DatabaseMetaData.importedKeyNotDeferrable);
    return row;
  }

  /** A key row in the columns of Avatica's {@link MetaImpl.MetaImportedKey}, which spells one JDBC name its way. */
  private static Map<String, Object> avaticaKey(Map<String, Object> row) {
    row.put("DEFERABILITY", row.remove("DEFERRABILITY"));
    return row;
  }

  private static String primaryKeyName(String table) {
    return table + "_pk";
  }

  /**
   * {@code getFunctions}: the functions of the model's schemas as Calcite lists them, and the built-in ones, which
   * Calcite lists in its {@code metadata} schema without remarks or kind; here each has both, and the aggregate
   * functions Calcite leaves out are there too.
   */
  public Meta.MetaResultSet functions(Meta.StatementHandle statement, String catalog, String schemaPattern,
      String namePattern) {
    return MetaFrames.create(statement, MetaImpl.MetaFunction.class, functionRows(catalog, schemaPattern,
        namePattern));
  }

  /** What a function of a model's schema does: Calcite keeps no description of it. */
  private static String schemaFunctionRemarks(String name) {
    if (name.equalsIgnoreCase(org.defendersql.adapter.cache.CacheTables.CLEAR)) {
      return "Table function: empties the shared cache of API answers and returns how many it removed, e.g."
          + " select * from table(defender.clear_cache())";
    }
    if (name.equalsIgnoreCase("kql")) {
      return "Table function: runs a KQL query through advanced hunting and returns its rows, e.g."
          + " select * from table(hunting.kql('DeviceInfo | take 10'))";
    }
    return "Table function of this schema.";
  }

  /** The rows of {@link #functions}, by schema and name; null catalog and patterns select every one. */
  List<Map<String, Object>> functionRows(String catalog, String schemaPattern, String namePattern) {
    final List<Map<String, Object>> rows = new ArrayList<>();
    try (ResultSet rs = connection.getMetaData().getFunctions(catalog, schemaPattern, namePattern)) {
      final ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        final Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          row.put(md.getColumnLabel(i), rs.getObject(i));
        }
        if (!BUILT_IN_SCHEMA.equals(row.get("FUNCTION_SCHEM"))) {
          if (row.get("REMARKS") == null) {
            row.put("REMARKS", schemaFunctionRemarks(String.valueOf(row.get("FUNCTION_NAME"))));
          }
          rows.add(row);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot list the functions of the model's schemas: " + e.getMessage(), e);
    }
    if ((catalog == null || catalog.isEmpty()) && Like.matches(schemaPattern, BUILT_IN_SCHEMA)) {
      for (ServerFunctions.Function f : ServerFunctions.of(calcite())) {
        if (Like.matches(namePattern, f.name())) {
          final Map<String, Object> row = new HashMap<>();
          row.put("FUNCTION_SCHEM", BUILT_IN_SCHEMA);
          row.put("FUNCTION_NAME", f.name());
          row.put("REMARKS", f.remarks());
          row.put("FUNCTION_TYPE", f.type());
          row.put("SPECIFIC_NAME", f.name());
          rows.add(row);
        }
      }
    }
    rows.sort(Comparator.comparing((Map<String, Object> r) -> String.valueOf(r.get("FUNCTION_SCHEM")))
        .thenComparing(r -> String.valueOf(r.get("FUNCTION_NAME"))));
    return rows;
  }

  /**
   * {@code getTypeInfo}: Calcite's types, with TIMESTAMP and TIME sized as JDBC defines datetime precision (the
   * length of the text) and their fractional digits as the scale, as {@code getColumns} reports them.
   */
  public Meta.MetaResultSet typeInfo(Meta.MetaResultSet calcite) {
    final List<Map<String, Object>> rows = MetaFrames.rows(calcite);
    for (Map<String, Object> row : rows) {
      final Object name = row.get("TYPE_NAME");
      if ("TIMESTAMP".equals(name) || "TIME".equals(name)) {
        final int digits = JdbcColumnType.TIMESTAMP_DIGITS;
        row.put("PRECISION", "TIME".equals(name) ? 9 + digits : JdbcColumnType.timestampLength(digits));
        row.put("MINIMUM_SCALE", (short) 0);
        row.put("MAXIMUM_SCALE", (short) digits);
      }
    }
    return MetaFrames.withRows(calcite, rows);
  }

  /** The server's database properties, naming defender-sql and its version as the product. */
  public static Map<DatabaseProperty, Object> databaseProperties(Map<DatabaseProperty, Object> calcite) {
    final Map<DatabaseProperty, Object> p = new HashMap<>(calcite);
    p.put(DatabaseProperty.GET_DATABASE_PRODUCT_NAME, PRODUCT_NAME);
    p.put(DatabaseProperty.GET_DATABASE_PRODUCT_VERSION, ProjectVersion.version());
    p.put(DatabaseProperty.GET_DATABASE_MAJOR_VERSION, ProjectVersion.major());
    p.put(DatabaseProperty.GET_DATABASE_MINOR_VERSION, ProjectVersion.minor());
    return p;
  }

  /** The Defender schemas a JDBC schema argument selects: null selects every one. */
  private List<String> schemas(String schema) {
    return defenderSchemas.stream().filter(s -> schema == null || s.equals(schema)).toList();
  }

  private boolean isDefender(Object schema) {
    return schema != null && defenderSchemas.contains(schema.toString());
  }

  private CalciteConnection calcite() {
    try {
      return connection.unwrap(CalciteConnection.class);
    } catch (SQLException e) {
      throw new IllegalStateException("Not a Calcite connection: " + e.getMessage(), e);
    }
  }
}
