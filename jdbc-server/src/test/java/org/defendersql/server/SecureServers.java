package org.defendersql.server;

import java.io.IOException;
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
import org.defendersql.model.DefenderModel;
import org.defendersql.server.security.AuthMode;
import org.defendersql.server.security.PasswordHashes;
import org.defendersql.server.security.SecurityOptions;

/** Servers with security options over one emulated tenant, and what tests check through them. */
final class SecureServers {
  private SecureServers() {
  }

  /** A small emulated tenant. */
  static DefenderEmulator emulator() {
    return DefenderEmulator.builder().alerts(40).machines(12).seed(11).build().start();
  }

  /** A server of {@code emulator} on a free port of {@code host}, which does not stop the emulator. */
  static DefenderServer serve(DefenderEmulator emulator, String host, SecurityOptions options) throws SQLException {
    final TenantSource tenant = new TenantSource(DefenderModels.inline(DefenderModels.operand(
        emulator.environment())), "secure test", null);
    return DefenderServer.start(tenant, host, 0, ServerLimits.DEFAULT, options);
  }

  /** A users file in {@code dir} for {@code mode}: each pair is a user and a password. */
  static Path usersFile(Path dir, AuthMode mode, String... userPasswords) throws IOException {
    final StringBuilder b = new StringBuilder("# users of a test server\n");
    for (int i = 0; i < userPasswords.length; i += 2) {
      b.append(PasswordHashes.line(mode, userPasswords[i], userPasswords[i + 1])).append('\n');
    }
    final Path f = Files.createTempFile(dir, "users-" + mode.optionName(), ".properties");
    Files.writeString(f, b);
    return f;
  }

  /** Avatica's client properties of a user. */
  static Properties user(AuthMode mode, String user, String password) {
    final Properties p = new Properties();
    p.setProperty("authentication", mode.name());
    p.setProperty("avatica_user", user);
    p.setProperty("avatica_password", password);
    return p;
  }

  /** The machine ids the emulator holds, sorted. */
  static List<String> machineIds(DefenderEmulator emulator) {
    final int id = DefenderModel.MACHINES.indexOf(DefenderModel.MACHINES.key());
    return emulator.data().rows(DefenderModel.MACHINES).map(r -> (String) r[id]).sorted().toList();
  }

  /** The machine ids a query through {@code c} returns, sorted. */
  static List<String> machineIds(Connection c) throws SQLException {
    final List<String> ids = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select id from machines order by id")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }

  /** The machine ids through a new connection of {@code url} with {@code p}. */
  static List<String> machineIds(String url, Properties p) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, p)) {
      return machineIds(c);
    }
  }
}
