package org.defendersql.adapter.client;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.defendersql.adapter.DefenderModels;
import org.defendersql.emulator.DefenderEmulator;

/** Runs SQL over an emulator through an embedded Calcite connection and keeps the rows and any error. */
final class FaultScans {
  private FaultScans() {
  }

  /** The rows a query returned before it ended, and the error that ended it, if any. */
  record Outcome(List<String> rows, SQLException error) {
    /** The messages of the error and its causes, as a JDBC client could read them. */
    String messages() {
      final StringBuilder b = new StringBuilder();
      for (Throwable t = error; t != null; t = t.getCause()) {
        b.append(t.getMessage()).append(" | ");
      }
      return b.toString();
    }
  }

  /** The operand of the emulator's settings plus these overrides. */
  static Map<String, Object> operand(DefenderEmulator e, Map<String, Object> overrides) {
    final Map<String, Object> operand = new LinkedHashMap<>(DefenderModels.operand(e.environment()));
    operand.putAll(overrides);
    return operand;
  }

  static Connection connect(Map<String, Object> operand) throws SQLException {
    final Properties p = new Properties();
    p.setProperty("model", DefenderModels.inline(operand));
    p.setProperty("caseSensitive", "false");
    p.setProperty("unquotedCasing", "UNCHANGED");
    p.setProperty("timeZone", "UTC");
    return DriverManager.getConnection("jdbc:calcite:", p);
  }

  /** Runs a one-column query, reading every row it yields until the end or an error. */
  static Outcome run(Map<String, Object> operand, String sql) {
    final List<String> rows = new ArrayList<>();
    try (Connection c = connect(operand); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
      return new Outcome(rows, null);
    } catch (SQLException e) {
      return new Outcome(rows, e);
    }
  }
}
