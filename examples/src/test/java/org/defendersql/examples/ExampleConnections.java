package org.defendersql.examples;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import org.defendersql.adapter.DefenderModels;

/** The embedded Calcite connection the example searches run on, with the properties an analyst's would have. */
final class ExampleConnections {
  private ExampleConnections() {
  }

  /** A connection to the Defender schema of {@code operand}. */
  static Connection open(Map<String, Object> operand) throws SQLException {
    final Properties p = new Properties();
    p.setProperty("model", DefenderModels.inline(operand));
    p.setProperty("caseSensitive", "false");
    p.setProperty("unquotedCasing", "UNCHANGED");
    p.setProperty("timeZone", "UTC");
    p.setProperty("defaultNullCollation", "LAST");
    return DriverManager.getConnection("jdbc:calcite:", p);
  }
}
