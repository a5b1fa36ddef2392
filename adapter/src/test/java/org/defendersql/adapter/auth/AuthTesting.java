package org.defendersql.adapter.auth;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.defendersql.adapter.DefenderModels;
import org.defendersql.adapter.EmulatedTenant;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.model.DefenderModel;

/** What the sign-in tests share: the operand of an emulator without its secret, a query, the emulator's rows. */
final class AuthTesting {
  private AuthTesting() {
  }

  /** The emulator's settings without the client secret, so only the sign-in under test can get a token. */
  static Map<String, Object> operand(DefenderEmulator e) {
    final Map<String, Object> operand = new LinkedHashMap<>(DefenderModels.operand(e.environment()));
    operand.remove("clientSecret");
    operand.put("rateLimits", "off");
    return operand;
  }

  /** The machine ids a query through these settings answers. */
  static Set<String> machineIds(Map<String, Object> operand) throws SQLException {
    final Set<String> ids = new TreeSet<>();
    try (Connection c = EmulatedTenant.connect(DefenderModels.inline(operand)); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select id from machines")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }

  /** The emulator's own machine ids. */
  static Set<String> machineIds(DefenderEmulator e) {
    final int id = DefenderModel.MACHINES.indexOf(DefenderModel.MACHINES.column("id").orElseThrow());
    return e.data().rows(DefenderModel.MACHINES).map(r -> (String) r[id])
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** Every message of an exception's chain, which is what a user reads. */
  static String messages(Throwable e) {
    final StringBuilder b = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      b.append(t.getMessage()).append(" | ");
    }
    return b.toString();
  }
}
