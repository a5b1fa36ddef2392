package org.defendersql.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.server.security.AuthMode;
import org.defendersql.server.security.SecurityConfigException;
import org.defendersql.server.security.SecurityOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's security options on the command line, and where it refuses to start: beyond loopback without
 * authentication (before anything listens), with a users file of plain-text passwords.
 */
class ServerOptionsTest {
  @TempDir Path dir;

  private static SecurityOptions parse(Map<String, String> env, List<String> warnings, String... args) {
    final DefenderServerMain.SecurityArgs a = new DefenderServerMain.SecurityArgs();
    for (int i = 0; i < args.length; i += 2) {
      assertTrue(a.accept(args, i), args[i]);
    }
    return a.options(env::get, warnings::add);
  }

  @Test void optionsAreParsedAndTheKeyStorePasswordReadFromWhereItIsKept() throws Exception {
    final Path pw = dir.resolve("pw");
    Files.writeString(pw, "from-a-file\n");
    final List<String> warnings = new ArrayList<>();
    final SecurityOptions o = parse(Map.of(), warnings, "--auth", "DIGEST", "--users", "u.properties",
        "--tls-keystore", "ks.p12", "--tls-keystore-password", "file:" + pw, "--public-host", "a.example, b.example",
        "--public-host", "c.example", "--max-request-bytes", "2m");
    assertEquals(AuthMode.DIGEST, o.auth());
    assertEquals(Path.of("u.properties"), o.usersFile());
    assertEquals("from-a-file", o.tls().password());
    assertEquals(List.of("a.example", "b.example", "c.example"), o.publicHosts());
    assertEquals(2L << 20, o.maxRequestBytes());
    assertEquals(List.of(), warnings);
    assertEquals(SecurityOptions.DEFAULT_MAX_REQUEST_BYTES, parse(Map.of(), warnings).maxRequestBytes());
  }

  @Test void theKeyStorePasswordComesFromTheEnvironmentByDefaultAndIsWarnedAboutOnTheCommandLine() {
    final List<String> warnings = new ArrayList<>();
    assertEquals("from-env", parse(Map.of(DefenderServerMain.KEYSTORE_PASSWORD_ENV, "from-env"), warnings,
        "--tls-keystore", "ks.p12").tls().password());
    assertEquals(List.of(), warnings);
    final SecurityConfigException e = assertThrows(SecurityConfigException.class,
        () -> parse(Map.of(), warnings, "--tls-keystore", "ks.p12"));
    assertTrue(e.getMessage().contains(DefenderServerMain.KEYSTORE_PASSWORD_ENV), e.getMessage());
    assertEquals("written", parse(Map.of(), warnings, "--tls-keystore", "ks.p12", "--tls-keystore-password",
        "written").tls().password());
    assertEquals(1, warnings.size(), warnings.toString());
  }

  @Test void authenticationNeedsAUsersFile() {
    final SecurityConfigException e = assertThrows(SecurityConfigException.class,
        () -> parse(Map.of(), new ArrayList<>(), "--auth", "basic"));
    assertTrue(e.getMessage().contains("--auth basic needs --users FILE"), e.getMessage());
    assertThrows(SecurityConfigException.class, () -> parse(Map.of(), new ArrayList<>(), "--auth", "kerberos"));
  }

  @Test void everyInterfaceWithoutAuthenticationRefusesToStartAndWithItServes() throws Exception {
    try (DefenderEmulator emulator = SecureServers.emulator()) {
      final SecurityConfigException e = assertThrows(SecurityConfigException.class,
          () -> SecureServers.serve(emulator, "0.0.0.0", SecurityOptions.NONE).close());
      assertTrue(e.getMessage().startsWith("refusing to listen on every interface (0.0.0.0) without"
          + " authentication"), e.getMessage());
      assertTrue(e.getMessage().contains("--auth basic --users FILE"), e.getMessage());
      final Path users = SecureServers.usersFile(dir, AuthMode.BASIC, "alice", "every-interface");
      try (DefenderServer server = SecureServers.serve(emulator, "0.0.0.0",
          SecurityOptions.NONE.withAuth(AuthMode.BASIC, users))) {
        assertEquals(SecureServers.machineIds(emulator), SecureServers.machineIds(server.jdbcUrl(),
            SecureServers.user(AuthMode.BASIC, "alice", "every-interface")));
      }
    }
  }

  @Test void aPlainTextPasswordStopsTheServerBeforeItStarts() throws Exception {
    final Path users = dir.resolve("plain.properties");
    Files.writeString(users, "alice: a-plain-password\n");
    final SecurityConfigException e = assertThrows(SecurityConfigException.class,
        () -> org.defendersql.server.security.ServerSecurity.prepare("127.0.0.1",
            SecurityOptions.NONE.withAuth(AuthMode.BASIC, users)));
    assertTrue(e.getMessage().contains("user 'alice': the password is in plain text"), e.getMessage());
  }
}
