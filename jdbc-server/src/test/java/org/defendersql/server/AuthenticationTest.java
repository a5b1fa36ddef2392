package org.defendersql.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Optional;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.ConnectionConfigImpl;
import org.apache.calcite.avatica.remote.AvaticaHttpClient;
import org.apache.calcite.avatica.remote.AvaticaHttpClientFactoryImpl;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.RemoteProtobufService;
import org.apache.calcite.avatica.remote.Service;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.server.security.AuthMode;
import org.defendersql.server.security.SecurityOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * BASIC and DIGEST authentication through the real Avatica driver: without credentials or with a wrong password
 * the client is refused, with the right one it reads the emulator's rows, and the server knows the connection's
 * user, whose connection no other user can use.
 */
class AuthenticationTest {
  @TempDir static Path dir;
  private static DefenderEmulator emulator;

  @BeforeAll static void start() {
    emulator = SecureServers.emulator();
  }

  @AfterAll static void stop() {
    emulator.close();
  }

  private static DefenderServer server(AuthMode mode) throws Exception {
    return SecureServers.serve(emulator, "127.0.0.1", SecurityOptions.NONE.withAuth(mode,
        SecureServers.usersFile(dir, mode, "alice", "alice's long passphrase", "bob", "bob-pass-2026")));
  }

  @ParameterizedTest @EnumSource(value = AuthMode.class, names = {"BASIC", "DIGEST"})
  void onlyTheRightPasswordGetsIn(AuthMode mode) throws Exception {
    try (DefenderServer server = server(mode)) {
      final Exception none = assertThrows(Exception.class,
          () -> DriverManager.getConnection(server.jdbcUrl()).close());
      assertTrue(String.valueOf(none.getMessage()).contains("HTTP/401"), none.toString());
      final Exception wrong = assertThrows(Exception.class,
          () -> DriverManager.getConnection(server.jdbcUrl(), SecureServers.user(mode, "alice", "bob-pass-2026"))
              .close());
      assertTrue(String.valueOf(wrong.getMessage()).contains("HTTP/401"), wrong.toString());
      final Exception unknown = assertThrows(Exception.class,
          () -> DriverManager.getConnection(server.jdbcUrl(), SecureServers.user(mode, "mallory", "x")).close());
      assertTrue(String.valueOf(unknown.getMessage()).contains("HTTP/401"), unknown.toString());

      try (Connection c = DriverManager.getConnection(server.jdbcUrl(),
          SecureServers.user(mode, "alice", "alice's long passphrase"))) {
        assertEquals(SecureServers.machineIds(emulator), SecureServers.machineIds(c));
        assertEquals(Optional.of("alice"), server.connectionUser(((AvaticaConnection) c).id));
      }
    }
  }

  @ParameterizedTest @EnumSource(value = AuthMode.class, names = {"BASIC", "DIGEST"})
  void aConnectionIsItsUsersOnly(AuthMode mode) throws Exception {
    try (DefenderServer server = server(mode);
         Connection alice = DriverManager.getConnection(server.jdbcUrl(),
             SecureServers.user(mode, "alice", "alice's long passphrase"))) {
      final String aliceId = ((AvaticaConnection) alice).id;
      final Service bob = service(server, SecureServers.user(mode, "bob", "bob-pass-2026"));
      final RuntimeException e = assertThrows(RuntimeException.class,
          () -> bob.apply(new Service.CreateStatementRequest(aliceId)));
      assertTrue(e.getMessage().contains("is another user's"), e.getMessage());
      // Alice's connection still works, and Bob's own does.
      assertEquals(SecureServers.machineIds(emulator), SecureServers.machineIds(alice));
      assertEquals(SecureServers.machineIds(emulator), SecureServers.machineIds(server.jdbcUrl(),
          SecureServers.user(mode, "bob", "bob-pass-2026")));
    }
  }

  /** Avatica's protobuf service with the HTTP client the driver would make for {@code p}. */
  private static Service service(DefenderServer server, Properties p) throws Exception {
    final String url = server.jdbcUrl().replaceFirst("^jdbc:avatica:remote:url=", "").replaceFirst(";.*", "");
    final Properties all = new Properties();
    all.putAll(p);
    all.setProperty("url", url);
    final AvaticaHttpClient client = AvaticaHttpClientFactoryImpl.getInstance().getClient(new URI(url).toURL(),
        new ConnectionConfigImpl(all), null);
    return new RemoteProtobufService(client, new ProtobufTranslationImpl());
  }
}
