package org.defendersql.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.defendersql.adapter.DefenderModels;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.model.settings.Setting;
import org.junit.jupiter.api.Test;

/** A wrong client secret reaches the JDBC client as an error that names the cause, and no secret leaks. */
class CredentialErrorTest {

  @Test void wrongSecretNamesTheAadCodeAndWhatToCheckWithoutLeakingSecrets() throws Exception {
    final String wrongSecret = "wrong-Secret-Value-0123456789~xyz";
    final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    final PrintStream originalErr = System.err;
    final PrintStream originalOut = System.out;
    final SQLException e;
    try (DefenderEmulator emulator = DefenderEmulator.builder().alerts(10).machines(5).build().start()) {
      final Map<String, String> env = new LinkedHashMap<>(emulator.environment());
      env.put(Setting.CLIENT_SECRET.env, wrongSecret);
      final TenantSource tenant =
          new TenantSource(DefenderModels.inline(DefenderModels.operand(env)), "wrong secret", null);
      final PrintStream tee = new PrintStream(captured, true, StandardCharsets.UTF_8);
      System.setErr(tee);
      System.setOut(tee);
      try (DefenderServer server = DefenderServer.start(tenant, "127.0.0.1", 0)) {
        e = assertThrows(SQLException.class, () -> {
          try (Connection c = DriverManager.getConnection(server.jdbcUrl()); Statement s = c.createStatement()) {
            s.executeQuery("select id from alerts").close();
          }
        });
      } finally {
        System.setErr(originalErr);
        System.setOut(originalOut);
      }
      final String message = e.getMessage();
      assertTrue(message.contains("AADSTS7000215"), message);
      assertTrue(message.contains("Check the client secret"), message);
      assertTrue(message.contains(emulator.clientId()), message);
      final String logs = captured.toString(StandardCharsets.UTF_8);
      for (String secret : new String[] {wrongSecret, emulator.clientSecret()}) {
        assertFalse(message.contains(secret), "secret in the message");
        assertFalse(logs.contains(secret), "secret in the logs");
        for (Throwable t = e; t != null; t = t.getCause()) {
          assertFalse(String.valueOf(t.getMessage()).contains(secret), "secret in a cause");
        }
      }
    }
  }
}
