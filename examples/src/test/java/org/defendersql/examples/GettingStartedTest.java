package org.defendersql.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.defendersql.adapter.DefenderModels;
import org.defendersql.emulator.DefenderEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every statement of {@code sql/getting-started.sql} runs against the emulated tenant and returns rows. */
class GettingStartedTest {
  private static DefenderEmulator emulator;

  @BeforeAll static void start() {
    emulator = DefenderEmulator.builder().alerts(3_000).machines(300).build().start();
  }

  @AfterAll static void stop() {
    emulator.close();
  }

  @Test void everyExampleReturnsRows() throws IOException, SQLException {
    final List<String> statements = statements(Path.of("sql", "getting-started.sql"));
    assertTrue(statements.size() >= 5, "examples found: " + statements.size());
    try (Connection c = connect(); Statement s = c.createStatement()) {
      for (String sql : statements) {
        try (ResultSet rs = s.executeQuery(sql)) {
          assertTrue(rs.next(), "no rows from:\n" + sql);
        }
      }
    }
  }

  /** The statements of a SQL file: comment lines dropped, split at semicolons that end a line. */
  static List<String> statements(Path file) throws IOException {
    final List<String> out = new ArrayList<>();
    final StringBuilder current = new StringBuilder();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.trim().startsWith("--")) {
        continue;
      }
      current.append(line).append('\n');
      if (line.trim().endsWith(";")) {
        final String sql = current.toString().trim();
        out.add(sql.substring(0, sql.length() - 1));
        current.setLength(0);
      }
    }
    return out;
  }

  private static Connection connect() throws SQLException {
    final Properties p = new Properties();
    p.setProperty("model", DefenderModels.inline(DefenderModels.operand(emulator.environment())));
    p.setProperty("caseSensitive", "false");
    p.setProperty("unquotedCasing", "UNCHANGED");
    p.setProperty("timeZone", "UTC");
    return DriverManager.getConnection("jdbc:calcite:", p);
  }
}
