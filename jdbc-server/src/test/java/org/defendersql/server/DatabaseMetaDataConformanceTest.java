package org.defendersql.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.calcite.avatica.AvaticaSpecificDatabaseMetaData;
import org.apache.calcite.avatica.Meta.DatabaseProperty;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.model.Api;
import org.defendersql.model.Column;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;
import org.defendersql.model.FilterOperator;
import org.defendersql.model.ProjectVersion;
import org.defendersql.model.SqlType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Walks {@link DatabaseMetaData} over a real server with Avatica's real driver as DBeaver does: on connecting
 * (product, driver, schemas, catalogs, table types, tables, types, functions, quoting, keywords) and on opening
 * each table (columns, primary, imported and exported keys, indexes), and checks what the protocol carries against
 * the model for every entity: REMARKS, type names, sizes, nullability.
 */
class DatabaseMetaDataConformanceTest {
  private static final String SCHEMA = "defender";
  private static DefenderEmulator emulator;
  private static DefenderServer server;

  @BeforeAll static void start() throws Exception {
    emulator = DefenderEmulator.builder().alerts(30).machines(6).seed(11)
        .now(Instant.parse("2026-11-20T12:00:00Z")).build().start();
    server = DefenderServer.start(TenantSource.emulated(emulator), "127.0.0.1", 0);
  }

  @AfterAll static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl());
  }

  @Test void onConnectEveryCallDBeaverMakesAnswers() throws SQLException {
    try (Connection c = connect()) {
      final DatabaseMetaData md = c.getMetaData();
      // Avatica's driver answers these from its own jar, whatever the server says.
      assertNotNull(md.getDatabaseProductName());
      assertNotNull(md.getDatabaseProductVersion());
      assertNotNull(md.getDriverName());
      assertNotNull(md.getDriverVersion());
      assertEquals("\"", md.getIdentifierQuoteString());
      assertTrue(md.getSQLKeywords().contains("JSON_VALUE"), md.getSQLKeywords());
      assertFalse(md.getNumericFunctions().isEmpty());
      assertFalse(md.getStringFunctions().isEmpty());
      assertFalse(md.getTimeDateFunctions().isEmpty());
      assertTrue(names(md.getSchemas(), "TABLE_SCHEM").contains(SCHEMA));
      drain(md.getCatalogs());
      assertTrue(names(md.getTableTypes(), "TABLE_TYPE").contains("TABLE"));
      drain(md.getFunctions(null, null, "%"));
      drain(md.getClientInfoProperties());

      // The server's own properties travel: they name defender-sql and its version.
      final Properties remote = md.unwrap(AvaticaSpecificDatabaseMetaData.class).getRemoteAvaticaProperties();
      assertEquals("defender-sql", remote.getProperty(DatabaseProperty.GET_DATABASE_PRODUCT_NAME.name()));
      assertEquals(ProjectVersion.version(),
          remote.getProperty(DatabaseProperty.GET_DATABASE_PRODUCT_VERSION.name()));
      assertTrue(ProjectVersion.version().matches("\\d+\\.\\d+\\.\\d+.*"), ProjectVersion.version());
      assertEquals(Integer.toString(ProjectVersion.major()),
          remote.getProperty(DatabaseProperty.GET_DATABASE_MAJOR_VERSION.name()));
      assertEquals(Integer.toString(ProjectVersion.minor()),
          remote.getProperty(DatabaseProperty.GET_DATABASE_MINOR_VERSION.name()));
    }
  }

  @Test void typeInfoListsTheTypesTheColumnsUse() throws SQLException {
    try (Connection c = connect(); ResultSet rs = c.getMetaData().getTypeInfo()) {
      final Map<String, Map<String, Object>> types = new HashMap<>();
      while (rs.next()) {
        final Map<String, Object> row = new HashMap<>();
        for (String k : List.of("DATA_TYPE", "PRECISION", "MINIMUM_SCALE", "MAXIMUM_SCALE")) {
          row.put(k, rs.getObject(k));
        }
        types.put(rs.getString("TYPE_NAME"), row);
      }
      for (Entity e : DefenderModel.entities()) {
        for (Column col : e.columns()) {
          final Expected x = Expected.of(col.sqlType());
          assertTrue(types.containsKey(x.typeName), x.typeName + " of " + e.tableName() + "." + col.sqlName());
          assertEquals(x.dataType, ((Number) types.get(x.typeName).get("DATA_TYPE")).intValue(), x.typeName);
        }
      }
      // JDBC: a datetime's precision is the length of its text; its fractional digits are the scale.
      assertEquals(23, ((Number) types.get("TIMESTAMP").get("PRECISION")).intValue());
      assertEquals(3, ((Number) types.get("TIMESTAMP").get("MAXIMUM_SCALE")).intValue());
    }
  }

  @Test void everyDefenderTableHasTheModelsRemarks() throws SQLException {
    final Map<String, String> remarks = new HashMap<>();
    try (Connection c = connect(); ResultSet rs = c.getMetaData().getTables(null, SCHEMA, "%", null)) {
      while (rs.next()) {
        remarks.put(rs.getString("TABLE_NAME"), rs.getString("REMARKS"));
      }
    }
    for (Entity e : DefenderModel.entities()) {
      final String r = remarks.get(e.tableName());
      assertNotNull(r, e.tableName() + " has no REMARKS");
      assertFalse(r.contains("\n"), "one line: " + r);
      assertTrue(r.startsWith(e.description().substring(0, 10).replace("`", "")), r);
      assertTrue(r.contains("Permission: " + e.readRole() + (e.api() == Api.GRAPH ? " on Microsoft Graph." : ".")),
          r);
      assertEquals(e.hasGraphSuccessor(), r.contains(" Retiring: the MDE API stops working after 1 February 2027;"
          + " on Graph use " + e.successor() + "."), r);
      // A retiring table that nothing on Graph replaces says so, and why.
      assertEquals(e.api() == Api.MDE && !e.hasGraphSuccessor(), r.contains(" Retiring: the MDE API stops working"
          + " after 1 February 2027; Graph successor: none ("), r);
      if (e.isScannable()) {
        assertTrue(r.contains("GET " + e.path()), r);
      } else {
        assertTrue(r.contains("Requires " + e.lookups().get(0).keyColumn() + " "), r);
        for (String p : e.lookups().get(0).parameters()) {
          assertTrue(r.contains(" and " + p + " (=)"), r); // machines_by_ip needs its time too
        }
      }
      if (!e.primaryKey().isEmpty()) {
        assertTrue(r.contains("Primary key: " + String.join(", ", e.primaryKey()) + "."), r);
      }
    }
    assertEquals("An alert of Defender for Endpoint. Reads GET /api/alerts; by key: GET /api/alerts/{id}, GET"
        + " /api/machines/{machine_id}/alerts. Permission: Alert.Read.All. Primary key: id. Retiring: the MDE API"
        + " stops working after 1 February 2027; on Graph use graph_alerts.", remarks.get("alerts"));
    assertEquals("An evidence item (device, file, process, user, mailbox, IP, URL, registry...) of a Graph alert."
        + " Reads GET /v1.0/security/alerts_v2 (evidence inline), one row per item; by key: GET"
        + " /v1.0/security/alerts_v2/{alert_id}. Permission: SecurityAlert.Read.All on Microsoft Graph.",
        remarks.get("graph_alert_evidence"));
    assertTrue(remarks.get("graph_incidents").contains("Reads GET /v1.0/security/incidents; by key: GET"
        + " /v1.0/security/incidents/{id}. Permission: SecurityIncident.Read.All on Microsoft Graph."),
        remarks.get("graph_incidents"));
    assertTrue(remarks.get("users").contains("Requires machine_id in WHERE"), remarks.get("users"));
    assertNotNull(remarks.get("connection_status"));
  }

  @Test void everyColumnOfEveryEntityReadsAsTheModelSays() throws SQLException {
    try (Connection c = connect()) {
      final DatabaseMetaData md = c.getMetaData();
      for (Entity e : DefenderModel.entities()) {
        final List<String> seen = new ArrayList<>();
        try (ResultSet rs = md.getColumns(null, SCHEMA, e.tableName(), "%")) {
          while (rs.next()) {
            final Column col = e.column(rs.getString("COLUMN_NAME")).orElseThrow();
            assertColumn(e, col, rs);
            seen.add(col.sqlName());
          }
        }
        assertEquals(e.columns().stream().map(Column::sqlName).toList(), seen, e.tableName());
        openTable(md, e.tableName());
      }
    }
  }

  private static void assertColumn(Entity e, Column col, ResultSet rs) throws SQLException {
    final String where = e.tableName() + "." + col.sqlName();
    final Expected x = Expected.of(col.sqlType());
    assertEquals(x.typeName, rs.getString("TYPE_NAME"), where);
    assertEquals(x.dataType, rs.getInt("DATA_TYPE"), where);
    assertEquals(x.columnSize, (Integer) rs.getObject("COLUMN_SIZE"), where);
    assertEquals(x.decimalDigits, (Integer) rs.getObject("DECIMAL_DIGITS"), where);
    assertEquals(col.nullable() ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls,
        rs.getInt("NULLABLE"), where);
    assertEquals(col.nullable() ? "YES" : "NO", rs.getString("IS_NULLABLE"), where);
    assertEquals(e.indexOf(col) + 1, rs.getInt("ORDINAL_POSITION"), where);
    final String remarks = rs.getString("REMARKS");
    assertNotNull(remarks, where);
    assertFalse(remarks.contains("\n"), where);
    assertTrue(remarks.startsWith(col.description()), where + ": " + remarks);
    if (col.isProperty()) {
      assertTrue(remarks.contains("JSON: " + String.join(".", col.jsonPath()) + "."), where + ": " + remarks);
    }
    if (col.filterOps().isEmpty()) {
      assertFalse(remarks.contains("Pushed down"), where + ": " + remarks);
    } else {
      for (FilterOperator op : col.filterOps()) {
        assertTrue(remarks.matches(".*Pushed down: [a-z, ]*\\b" + op.odata() + "\\b.*"), where + ": " + remarks);
      }
    }
    if (col.reference() != null) {
      assertTrue(remarks.contains("References " + col.reference() + "."), where + ": " + remarks);
    }
  }

  /** What a tool asks on opening a table: none of it may fail. */
  private static void openTable(DatabaseMetaData md, String table) throws SQLException {
    drain(md.getPrimaryKeys(null, SCHEMA, table));
    drain(md.getImportedKeys(null, SCHEMA, table));
    drain(md.getExportedKeys(null, SCHEMA, table));
    drain(md.getIndexInfo(null, SCHEMA, table, false, true));
  }

  @Test void jsonSerializationCarriesTheSameMetadata() throws SQLException {
    final String json = server.jdbcUrl().replace("serialization=protobuf", "serialization=json");
    assertFalse(json.equals(server.jdbcUrl()), json);
    try (Connection protobuf = connect(); Connection other = DriverManager.getConnection(json)) {
      for (String table : List.of("alerts", "files", "users")) {
        assertEquals(rows(protobuf.getMetaData().getColumns(null, SCHEMA, table, "%")),
            rows(other.getMetaData().getColumns(null, SCHEMA, table, "%")), table);
      }
      assertEquals(rows(protobuf.getMetaData().getTables(null, SCHEMA, "%", null)),
          rows(other.getMetaData().getTables(null, SCHEMA, "%", null)));
    }
  }

  @Test void spotChecksOfColumnRemarks() throws SQLException {
    try (Connection c = connect()) {
      final DatabaseMetaData md = c.getMetaData();
      assertEquals("Time the alert was created (UTC). JSON: alertCreationTime. Pushed down: eq, ne, gt, ge, lt, le.",
          remarks(md, "alerts", "alert_creation_time"));
      assertEquals("Id (40 hex digits) of the device the alert is about. References machines.id. JSON: machineId."
          + " = or IN looks rows up: GET /api/machines/{machine_id}/alerts.", remarks(md, "alerts", "machine_id"));
      assertTrue(remarks(md, "machines", "computer_dns_name").endsWith("Pushed down: eq, ne, gt, ge, lt, le,"
          + " startswith."));
      assertTrue(remarks(md, "files", "org_prevalence").contains("GET /api/files/{sha1}/stats"));
      assertTrue(remarks(md, "alerts", "severity").contains("Values: UnSpecified, Informational, Low, Medium,"
          + " High."));
    }
  }

  private static String remarks(DatabaseMetaData md, String table, String column) throws SQLException {
    try (ResultSet rs = md.getColumns(null, SCHEMA, table, column)) {
      assertTrue(rs.next(), table + "." + column);
      return rs.getString("REMARKS");
    }
  }

  @Test void aQueryReportsTimestampsAsTimestamp3() throws SQLException {
    final Entity alerts = DefenderModel.ALERTS;
    final Object[] row = emulator.data().rows(alerts).findFirst().orElseThrow();
    final String id = (String) row[alerts.indexOf(alerts.key())];
    final Instant created = (Instant) row[alerts.indexOf(alerts.column("alert_creation_time").orElseThrow())];
    try (Connection c = connect();
        java.sql.PreparedStatement ps = c.prepareStatement("select alert_creation_time from alerts where id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        final ResultSetMetaData md = rs.getMetaData();
        assertEquals(Types.TIMESTAMP, md.getColumnType(1));
        assertEquals(3, md.getPrecision(1), "Avatica's client formats timestamps with this many digits");
        assertEquals(3, md.getScale(1), "the fractional digits, where JDBC tools read them");
        assertTrue(rs.next());
        final String text = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .format(EmulatorRows.utcWallClock(created));
        assertEquals(text, rs.getString(1));
      }
    }
  }

  @Test void otherSchemasOfTheModelListAsCalciteListsThem(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Files.writeString(dir.resolve("hosts.csv"), "NAME:string,SEEN:timestamp,HITS:int\n"
        + "h1,2026-01-02 03:04:05,7\n");
    final String model = csvBesideDefender(dir);
    final TenantSource tenant = new TenantSource(model, "CSV beside Defender", null);
    final DefenderServer csvServer = DefenderServer.start(tenant, "127.0.0.1", 0);
    final Properties calciteProps = DefenderServer.connectionProperties(tenant);
    try (Connection remote = DriverManager.getConnection(csvServer.jdbcUrl());
        Connection local = DriverManager.getConnection("jdbc:calcite:", calciteProps)) {
      assertEquals(rows(local.getMetaData().getTables(null, "intel", "%", null)),
          rows(remote.getMetaData().getTables(null, "intel", "%", null)));
      final List<List<Object>> columns = rows(remote.getMetaData().getColumns(null, "intel", "%", "%"));
      assertEquals(3, columns.size());
      assertEquals(rows(local.getMetaData().getColumns(null, "intel", "%", "%")), columns);
      // The Defender schema of the same model is still enriched.
      try (ResultSet rs = remote.getMetaData().getTables(null, SCHEMA, "alerts", null)) {
        assertTrue(rs.next());
        assertTrue(rs.getString("REMARKS").startsWith("An alert of Defender for Endpoint."));
      }
    } finally {
      csvServer.close();
    }
  }

  private static String csvBesideDefender(java.nio.file.Path dir) throws Exception {
    final String defender = TenantSource.emulated(emulator).model().substring("inline:".length());
    final com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    @SuppressWarnings("unchecked")
    final Map<String, Object> model = json.readValue(defender, Map.class);
    @SuppressWarnings("unchecked")
    final List<Object> schemas = new ArrayList<>((List<Object>) model.get("schemas"));
    schemas.add(Map.of("name", "intel", "type", "custom", "factory",
        "org.apache.calcite.adapter.file.FileSchemaFactory", "operand", Map.of("directory", dir.toString())));
    model.put("schemas", schemas);
    return "inline:" + json.writeValueAsString(model);
  }

  private static List<List<Object>> rows(ResultSet rs) throws SQLException {
    try (ResultSet r = rs) {
      final List<List<Object>> rows = new ArrayList<>();
      while (r.next()) {
        final List<Object> row = new ArrayList<>();
        for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
          row.add(r.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  private static Set<String> names(ResultSet rs, String column) throws SQLException {
    try (ResultSet r = rs) {
      final Set<String> names = new HashSet<>();
      while (r.next()) {
        names.add(r.getString(column));
      }
      return names;
    }
  }

  private static void drain(ResultSet rs) throws SQLException {
    try (ResultSet r = rs) {
      while (r.next()) {
        for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
          r.getObject(i);
        }
      }
    }
  }

  /**
   * What JDBC says a column of each of the model's SQL shapes reads as, written out here rather than taken from
   * the server's code: VARCHAR unbounded (the largest int, as pgjdbc reports text), TIMESTAMP(3) as 23 characters
   * with 3 fractional digits, numbers with their decimal precision.
   */
  private record Expected(String typeName, int dataType, Integer columnSize, Integer decimalDigits) {
    static Expected of(SqlType t) {
      return switch (t) {
        case VARCHAR, JSON -> new Expected("VARCHAR", Types.VARCHAR, Integer.MAX_VALUE, null);
        case INTEGER -> new Expected("INTEGER", Types.INTEGER, 10, 0);
        case BIGINT -> new Expected("BIGINT", Types.BIGINT, 19, 0);
        case DOUBLE -> new Expected("DOUBLE", Types.DOUBLE, 15, null);
        case BOOLEAN -> new Expected("BOOLEAN", Types.BOOLEAN, 1, null);
        case TIMESTAMP -> new Expected("TIMESTAMP", Types.TIMESTAMP, 23, 3);
        case VARCHAR_ARRAY -> new Expected("ARRAY", Types.ARRAY, null, null);
      };
    }
  }
}
