package org.defendersql.adapter;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.defendersql.emulator.DefenderEmulator;

/** Embedded Calcite connections to a Defender schema over an emulator, as a user's application would open them. */
public final class EmulatedTenant {
  private EmulatedTenant() {
  }

  /** The inline model of a Defender schema pointed at the emulator, without a client-side call budget. */
  public static String model(DefenderEmulator e) {
    final java.util.Map<String, Object> operand = DefenderModels.operand(e.environment());
    // The emulator enforces no quota here; the process-wide client budget would only slow the tests down.
    operand.put("rateLimits", "off");
    return DefenderModels.inline(operand);
  }

  public static Connection connect(DefenderEmulator e) throws SQLException {
    return connect(model(e));
  }

  /** A connection to the emulator whose scans never push anything down: the reference for differential tests. */
  public static Connection connectWithoutPushdown(DefenderEmulator e) throws SQLException {
    return connect(DefenderModels.withoutPushdown(model(e)));
  }

  /**
   * The reference of the differential tests: no pushdown, so every query of a table sends the same full scan,
   * and the shared cache of API answers on, so that scan is read once per time-to-live instead of once per query.
   */
  public static Connection connectReference(String model) throws SQLException {
    return connect(DefenderModels.withOperand(DefenderModels.withoutPushdown(model), "cache", "on"));
  }

  /** A connection with the server's lexical policy, time zone and NULL ordering. */
  public static Connection connect(String model) throws SQLException {
    final Properties p = new Properties();
    p.setProperty("model", model);
    p.setProperty("defaultNullCollation", "LAST");
    p.setProperty("caseSensitive", "false");
    p.setProperty("unquotedCasing", "UNCHANGED");
    p.setProperty("timeZone", "UTC");
    return DriverManager.getConnection("jdbc:calcite:", p);
  }
}
