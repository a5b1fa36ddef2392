package org.defendersql.clients;

import static org.defendersql.server.JdbcResultShapes.EXPORTED_KEYS_ORDER;
import static org.defendersql.server.JdbcResultShapes.FUNCTIONS;
import static org.defendersql.server.JdbcResultShapes.FUNCTIONS_ORDER;
import static org.defendersql.server.JdbcResultShapes.IMPORTED_KEYS_ORDER;
import static org.defendersql.server.JdbcResultShapes.INDEX_INFO;
import static org.defendersql.server.JdbcResultShapes.INDEX_INFO_ORDER;
import static org.defendersql.server.JdbcResultShapes.KEYS;
import static org.defendersql.server.JdbcResultShapes.PRIMARY_KEYS;
import static org.defendersql.server.JdbcResultShapes.PRIMARY_KEYS_ORDER;
import static org.defendersql.server.JdbcResultShapes.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.server.HttpServer;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;
import org.defendersql.model.ProjectVersion;
import org.defendersql.model.Relation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Walks {@link DatabaseMetaData} through {@code jdbc:defender-sql://} as DBeaver does, with the single driver jar
 * loaded alone in its own class loader as DBeaver loads a driver: on connecting (product, driver, schemas, tables,
 * functions) and on opening each table (columns, primary, imported and exported keys, indexes). Keys are checked
 * against the model for every entity and relation; each result set's columns against JDBC's, and its rows against
 * JDBC's order.
 */
class DriverMetaDataWalkTest {
  private static final String SCHEMA = "defender";
  private static URLClassLoader loader;
  private static ServedTenant tenant;
  private static Driver driver;

  @BeforeAll static void start() throws Exception {
    final Path jar = Path.of(System.getProperty("driver.jar", "../jdbc-driver/target/defender-sql-jdbc-driver.jar"));
    assertTrue(Files.isRegularFile(jar), "no driver jar at " + jar.toAbsolutePath()
        + ": build it first (./mvnw -B -pl jdbc-driver package)");
    loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    for (Driver d : ServiceLoader.load(Driver.class, loader)) {
      if (d.getClass().getName().equals("org.defendersql.jdbc.Driver")) {
        driver = d;
      }
    }
    assertNotNull(driver, "org.defendersql.jdbc.Driver in the jar's services");
    assertSame(loader, driver.getClass().getClassLoader());
    tenant = ServedTenant.start(10, 3);
  }

  @AfterAll static void stop() throws IOException {
    if (tenant != null) {
      tenant.close();
    }
    if (loader != null) {
      loader.close();
    }
  }

  private static Connection connect() throws SQLException {
    return driver.connect("jdbc:defender-sql:" + tenant.httpAddress().substring("http:".length()), new Properties());
  }

  @Test void onConnectTheProductIsDefenderSqlOfTheServersVersion() throws SQLException {
    try (Connection c = connect()) {
      final DatabaseMetaData md = c.getMetaData();
      assertEquals("defender-sql", md.getDatabaseProductName());
      assertEquals(ProjectVersion.version(), md.getDatabaseProductVersion());
      assertTrue(ProjectVersion.version().matches("\\d+\\.\\d+\\..*"), ProjectVersion.version());
      assertEquals(ProjectVersion.major(), md.getDatabaseMajorVersion());
      assertEquals(ProjectVersion.minor(), md.getDatabaseMinorVersion());
      assertEquals("defender-sql JDBC driver", md.getDriverName());
      assertEquals(ProjectVersion.version(), md.getDriverVersion(), "driver and server built together");
      assertEquals("\"", md.getIdentifierQuoteString());
      assertEquals("\\", md.getSearchStringEscape());
      assertTrue(column(md.getSchemas(), "TABLE_SCHEM").contains(SCHEMA));
      column(md.getCatalogs(), "TABLE_CAT");
      assertTrue(column(md.getTableTypes(), "TABLE_TYPE").contains("TABLE"));
      final Set<String> tables = new HashSet<>(column(md.getTables(null, SCHEMA, "%", null), "TABLE_NAME"));
      assertTrue(tables.containsAll(DefenderModel.entities().stream().map(Entity::tableName).toList()), tables::toString);
    }
  }

  @Test void functionsAreTheServersInJdbcColumnsAndOrder() throws SQLException {
    try (Connection c = connect()) {
      final DatabaseMetaData md = c.getMetaData();
      final List<Map<String, Object>> all = read(md.getFunctions(null, null, "%"), FUNCTIONS, FUNCTIONS_ORDER);
      final Set<Object> names = all.stream().map(r -> r.get("FUNCTION_NAME")).collect(Collectors.toSet());
      assertTrue(names.containsAll(List.of("JSON_VALUE", "CARDINALITY", "TIMESTAMPADD", "COUNT")), names::toString);
      assertTrue(all.stream().allMatch(r -> r.get("REMARKS") != null), "every function has remarks");
      final List<Map<String, Object>> one = read(md.getFunctions(null, "metadata", "JSON\\_VALUE"), FUNCTIONS,
          FUNCTIONS_ORDER);
      assertEquals(1, one.size(), one::toString);
      assertTrue(one.get(0).get("REMARKS").toString().contains("evidence"), one::toString);
      assertEquals((short) DatabaseMetaData.functionNoTable, one.get(0).get("FUNCTION_TYPE"));
      assertEquals(List.of(), read(md.getFunctions(null, "nosuchschema", "%"), FUNCTIONS, FUNCTIONS_ORDER));
    }
  }

  @Test void openingEachTableShowsTheModelsKeysAndIndex() throws SQLException {
    int imported = 0;
    try (Connection c = connect()) {
      final DatabaseMetaData md = c.getMetaData();
      for (Entity e : DefenderModel.entities()) {
        final String t = e.tableName();
        assertEquals(e.columns().size(), column(md.getColumns(null, SCHEMA, t, "%"), "COLUMN_NAME").size(), t);

        final List<Map<String, Object>> pk = read(md.getPrimaryKeys(null, SCHEMA, t), PRIMARY_KEYS,
            PRIMARY_KEYS_ORDER);
        assertEquals(e.primaryKey().size(), pk.size(), t);
        for (Map<String, Object> r : pk) {
          assertEquals(t, r.get("TABLE_NAME"));
          assertEquals(SCHEMA, r.get("TABLE_SCHEM"));
          assertEquals((short) (e.primaryKey().indexOf((String) r.get("COLUMN_NAME")) + 1), r.get("KEY_SEQ"), t);
        }

        final Set<String> in = relations(read(md.getImportedKeys(null, SCHEMA, t), KEYS, IMPORTED_KEYS_ORDER));
        assertEquals(names(DefenderModel.relationsFrom(e)), in, t);
        imported += in.size();
        final Set<String> out = relations(read(md.getExportedKeys(null, SCHEMA, t), KEYS, EXPORTED_KEYS_ORDER));
        assertEquals(names(DefenderModel.relationsTo(e)), out, t);

        final List<Map<String, Object>> index = read(md.getIndexInfo(null, SCHEMA, t, false, true), INDEX_INFO,
            INDEX_INFO_ORDER);
        assertEquals(e.primaryKey(), index.stream().map(r -> r.get("COLUMN_NAME")).toList(), t);
        for (Map<String, Object> r : index) {
          assertEquals(false, r.get("NON_UNIQUE"), t);
          assertEquals(pk.get(0).get("PK_NAME"), r.get("INDEX_NAME"), t);
        }
        assertEquals(index, read(md.getIndexInfo(null, SCHEMA, t, true, true), INDEX_INFO, INDEX_INFO_ORDER), t);
      }
    }
    assertEquals(DefenderModel.relations().size(), imported, "every relation is some table's imported key");
    assertFalse(DefenderModel.relations().isEmpty());
  }

  @Test void crossReferenceNamesEachRelationBetweenItsTables() throws SQLException {
    try (Connection c = connect()) {
      final DatabaseMetaData md = c.getMetaData();
      for (Relation r : DefenderModel.relations()) {
        final Set<String> got = relations(read(md.getCrossReference(null, SCHEMA, r.target().tableName(), null,
            SCHEMA, r.table().tableName()), KEYS, EXPORTED_KEYS_ORDER));
        assertTrue(got.contains(r.toString()), r + " in " + got);
        assertEquals(names(DefenderModel.relations().stream().filter(o -> o.table() == r.table()
            && o.target() == r.target()).toList()), got, r.toString());
      }
      assertEquals(List.of(), read(md.getCrossReference(null, SCHEMA, "alerts", null, SCHEMA, "machines"), KEYS,
          EXPORTED_KEYS_ORDER), "machines references no alert");
    }
  }

  @Test void argumentsNarrowAsJdbcSays() throws SQLException {
    try (Connection c = connect()) {
      final DatabaseMetaData md = c.getMetaData();
      assertEquals(List.of("id"), pkColumns(md.getPrimaryKeys(null, null, "alerts")), "null schema: any");
      assertEquals(List.of("id"), pkColumns(md.getPrimaryKeys("", SCHEMA, "alerts")), "\"\": without a catalog");
      assertEquals(List.of(), pkColumns(md.getPrimaryKeys(null, "", "alerts")), "\"\": without a schema");
      assertEquals(List.of(), pkColumns(md.getPrimaryKeys("somecatalog", SCHEMA, "alerts")));
      assertEquals(List.of(), pkColumns(md.getPrimaryKeys(null, SCHEMA, "alert%")), "a table name, not a pattern");
      assertEquals(List.of(), pkColumns(md.getPrimaryKeys(null, SCHEMA, "alerts' or ''='")), "a value, not SQL");
      assertEquals(List.of("id", "machine_id"), pkColumns(md.getPrimaryKeys(null, SCHEMA, "users")),
          "sorted by COLUMN_NAME, as JDBC says");
    }
  }

  @Test void againstAnotherAvaticaServerItAnswersAsAvaticasDriver() throws Exception {
    final org.apache.calcite.avatica.server.ServerCustomizer<org.eclipse.jetty.server.Server> local = server -> {
      for (org.eclipse.jetty.server.Connector connector : server.getConnectors()) {
        ((org.eclipse.jetty.server.ServerConnector) connector).setHost("127.0.0.1");
      }
    };
    final HttpServer other = new HttpServer.Builder<org.eclipse.jetty.server.Server>()
        .withHandler(new LocalService(new JdbcMeta("jdbc:calcite:")),
            org.apache.calcite.avatica.remote.Driver.Serialization.PROTOBUF)
        .withPort(0).withServerCustomizers(List.of(local), org.eclipse.jetty.server.Server.class).build();
    other.start();
    try (Connection c = driver.connect("jdbc:defender-sql://127.0.0.1:" + other.getPort(), new Properties())) {
      final DatabaseMetaData md = c.getMetaData();
      assertEquals("Calcite", md.getDatabaseProductName(), "the server's own name");
      assertEquals(List.of(), pkColumns(md.getPrimaryKeys(null, "metadata", "TABLES")));
      try (ResultSet rs = md.getImportedKeys(null, "metadata", "TABLES")) {
        assertFalse(rs.next());
      }
    } finally {
      other.stop();
    }
  }

  private static List<Object> pkColumns(ResultSet rs) throws SQLException {
    final List<Object> columns = new ArrayList<>();
    try (ResultSet r = rs) {
      while (r.next()) {
        columns.add(r.getString("COLUMN_NAME"));
      }
    }
    return columns;
  }

  private static Set<String> names(List<Relation> relations) {
    return relations.stream().map(Relation::toString).collect(Collectors.toSet());
  }

  private static Set<String> relations(List<Map<String, Object>> rows) {
    final Set<String> set = new HashSet<>();
    for (Map<String, Object> r : rows) {
      assertEquals(SCHEMA, r.get("PKTABLE_SCHEM"));
      assertEquals(SCHEMA, r.get("FKTABLE_SCHEM"));
      assertEquals((short) 1, r.get("KEY_SEQ"));
      set.add(r.get("FKTABLE_NAME") + "." + r.get("FKCOLUMN_NAME") + " -> " + r.get("PKTABLE_NAME") + "."
          + r.get("PKCOLUMN_NAME"));
    }
    return set;
  }

  private static List<String> column(ResultSet rs, String name) throws SQLException {
    final List<String> values = new ArrayList<>();
    try (ResultSet r = rs) {
      while (r.next()) {
        values.add(r.getString(name));
      }
    }
    return values;
  }
}
