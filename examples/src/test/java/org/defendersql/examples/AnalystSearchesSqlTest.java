package org.defendersql.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.defendersql.adapter.DefenderModels;
import org.defendersql.adapter.DefenderSchemaFactory;
import org.defendersql.emulator.DefenderEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every statement of {@code sql/analyst-searches.sql} returns rows on the default emulated tenant, through the
 * model {@code models/defender-and-csv.json} (pointed at the emulator); the CSV of hashes drives file lookups.
 */
class AnalystSearchesSqlTest {
  private static DefenderEmulator emulator;
  private static Connection connection;

  @BeforeAll static void start() throws IOException, SQLException {
    emulator = DefenderEmulator.builder().build().start();
    connection = connect();
  }

  @AfterAll static void stop() throws SQLException {
    connection.close();
    emulator.close();
  }

  /** The example model, with the Defender schema pointed at the emulator and the CSV directory made absolute. */
  @SuppressWarnings("unchecked")
  private static Connection connect() throws IOException, SQLException {
    final ObjectMapper mapper = new ObjectMapper();
    final Map<String, Object> model = mapper.readValue(Path.of("models", "defender-and-csv.json").toFile(), Map.class);
    for (Object o : (List<Object>) model.get("schemas")) {
      final Map<String, Object> schema = (Map<String, Object>) o;
      if (DefenderSchemaFactory.class.getName().equals(schema.get("factory"))) {
        final Map<String, Object> operand = DefenderModels.operand(emulator.environment());
        operand.put("rateLimits", "off");
        schema.put("operand", operand);
      } else {
        ((Map<String, Object>) schema.get("operand")).put("directory", Path.of("data").toAbsolutePath().toString());
      }
    }
    final Properties p = new Properties();
    p.setProperty("model", "inline:" + mapper.writeValueAsString(model));
    p.setProperty("caseSensitive", "false");
    p.setProperty("unquotedCasing", "UNCHANGED");
    p.setProperty("timeZone", "UTC");
    p.setProperty("defaultNullCollation", "LAST");
    return DriverManager.getConnection("jdbc:calcite:", p);
  }

  @Test void everySearchReturnsRows() throws IOException, SQLException {
    final List<String> statements = GettingStartedTest.statements(Path.of("sql", "analyst-searches.sql"));
    assertTrue(statements.size() >= 10, "searches found: " + statements.size());
    for (String sql : statements) {
      emulator.clearRequestLog();
      int rows = 0;
      try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        while (rs.next()) {
          rows++;
        }
      }
      assertTrue(rows > 0, "no rows from:\n" + sql);
      if (sql.contains("suspicious_hashes")) {
        assertEquals(20, rows, sql);
        final long lookups = emulator.requestLog().stream().filter(r -> r.path().startsWith("/api/")).count();
        assertTrue(lookups <= 20, lookups + " requests for 20 hashes");
      }
    }
  }
}
