package org.defendersql.adapter.hunting;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.defendersql.adapter.DefenderModels;
import org.defendersql.adapter.EmulatedTenant;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.model.settings.Setting;

/** Embedded Calcite connections to the Defender and hunting schemas of an emulated tenant, for the hunting tests. */
public final class HuntingTenant {
  private HuntingTenant() {
  }

  /**
   * The operand of both schemas: the emulator's settings, its Graph root, and no client-side call budgets (the
   * emulator enforces no quota unless a test asks it to).
   */
  public static Map<String, Object> operand(DefenderEmulator e) {
    final Map<String, Object> operand = DefenderModels.operand(e.environment());
    operand.put(Setting.GRAPH_URL.operand, e.graphUrl());
    operand.put(Setting.RATE_LIMITS.operand, "off");
    operand.put(Setting.HUNTING_RATE_LIMITS.operand, "off");
    return operand;
  }

  public static Connection connect(DefenderEmulator e) throws SQLException {
    return EmulatedTenant.connect(DefenderModels.inline(operand(e)));
  }

  public static Connection connect(Map<String, Object> operand) throws SQLException {
    return EmulatedTenant.connect(DefenderModels.inline(operand));
  }

  /** A connection whose scans push nothing: the reference of the differential tests. */
  public static Connection connectWithoutPushdown(Map<String, Object> operand) throws SQLException {
    return EmulatedTenant.connect(DefenderModels.withoutPushdown(DefenderModels.inline(operand)));
  }

  /** The reference of the differential tests: no pushdown, API answers cached (see EmulatedTenant). */
  public static Connection connectReference(Map<String, Object> operand) throws SQLException {
    return EmulatedTenant.connectReference(DefenderModels.inline(operand));
  }
}
