package org.defendersql.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Another Calcite, in this JVM, federating the server through Calcite's JDBC adapter ({@code "type": "jdbc"},
 * Avatica's remote driver, Calcite's default dbcp2 pool) with the CSV file of the examples through calcite-file,
 * as {@code examples/models/defender-and-csv.json} does embedded.
 */
class SecondCalciteTest {
  private static final Entity E = DefenderModel.ALERT_EVIDENCE;
  private static final Path DATA = Path.of(System.getProperty("examples.data", "../examples/data"));
  private static ServedTenant tenant;
  private static Properties calcite;

  @BeforeAll static void start() throws Exception {
    // 2,000 machines: the file pool the CSV's hashes were taken from (the default tenant's); fewer alerts.
    tenant = ServedTenant.start(3_000, 2_000);
    final Map<String, Object> csv = Map.of("name", "intel", "type", "custom",
        "factory", "org.apache.calcite.adapter.file.FileSchemaFactory",
        "operand", Map.of("directory", DATA.toAbsolutePath().toString()));
    final Map<String, Object> server = Map.of("name", "dsql", "type", "jdbc",
        "jdbcDriver", "org.apache.calcite.avatica.remote.Driver", "jdbcUrl", tenant.jdbcUrl(),
        "jdbcSchema", "defender");
    final String model = new ObjectMapper().writeValueAsString(
        Map.of("version", "1.0", "defaultSchema", "intel", "schemas", List.of(csv, server)));
    calcite = new Properties();
    calcite.setProperty("model", "inline:" + model);
    calcite.setProperty("caseSensitive", "false");
    calcite.setProperty("unquotedCasing", "UNCHANGED");
    calcite.setProperty("timeZone", "UTC");
  }

  @AfterAll static void stop() {
    if (tenant != null) {
      tenant.close();
    }
  }

  /** A connection of the federating Calcite: its JDBC schema asks the server for its tables and dialect. */
  private static Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:calcite:", calcite);
  }

  /** SHA-1 to source, from the CSV file itself. */
  private static Map<String, String> hashes() throws Exception {
    final Map<String, String> out = new HashMap<>();
    final List<String> lines = Files.readAllLines(DATA.resolve("SUSPICIOUS_HASHES.csv"));
    for (String line : lines.subList(1, lines.size())) {
      if (!line.isBlank()) {
        final String[] f = line.split(",");
        out.put(f[0].trim(), f[1].trim());
      }
    }
    return out;
  }

  @Test void theCsvJoinedWithTheServersEvidenceIsTheEmulatorsJoin() throws Exception {
    final Map<String, String> hashes = hashes();
    assertEquals(20, hashes.size());
    final List<String> want = new ArrayList<>();
    tenant.rows(E).forEach(r -> {
      final String sha1 = (String) ServedTenant.value(E, r, "sha1");
      if (sha1 != null && hashes.containsKey(sha1)) {
        want.add(hashes.get(sha1) + "|" + ServedTenant.value(E, r, "alert_id") + "|" + sha1 + "|"
            + ServedTenant.value(E, r, "entity_type"));
      }
    });
    assertTrue(want.size() > 100, "the tenant's evidence names the CSV's hashes: " + want.size());
    final List<String> got = new ArrayList<>();
    try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "select h.source, e.alert_id, e.sha1, e.entity_type"
            + " from intel.suspicious_hashes h join dsql.alert_evidence e on e.sha1 = h.sha1")) {
      while (rs.next()) {
        got.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4));
      }
    }
    Collections.sort(want);
    Collections.sort(got);
    assertEquals(want.size(), got.size(), "rows of the join");
    assertEquals(want, got);
  }

  @Test void anAggregateOverTheJdbcSchemaIsTheEmulatorsCount() throws SQLException {
    final long want = tenant.rows(DefenderModel.ALERTS).stream()
        .filter(r -> "High".equals(ServedTenant.value(DefenderModel.ALERTS, r, "severity"))).count();
    try (Connection c = connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select count(*) from dsql.alerts where severity = 'High'")) {
      assertTrue(rs.next());
      assertEquals(want, rs.getLong(1));
    }
  }
}
