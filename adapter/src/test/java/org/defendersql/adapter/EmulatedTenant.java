package org.defendersql.adapter;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.defendersql.emulator.DefenderEmulator;

/** Embedded Calcite connections to a Defender schema over an emulator, as a user's application would open them. */
final class EmulatedTenant {
  private EmulatedTenant() {
  }

  /** The inline model of a Defender schema pointed at the emulator. */
  static String model(DefenderEmulator e) {
    return DefenderModels.inline(DefenderModels.operand(e.environment()));
  }

  static Connection connect(DefenderEmulator e) throws SQLException {
    final Properties p = new Properties();
    p.setProperty("model", model(e));
    p.setProperty("caseSensitive", "false");
    p.setProperty("unquotedCasing", "UNCHANGED");
    p.setProperty("timeZone", "UTC");
    return DriverManager.getConnection("jdbc:calcite:", p);
  }
}
