package org.defendersql.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Properties;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.server.security.AuthMode;
import org.defendersql.server.security.RawHttp;
import org.defendersql.server.security.SecurityOptions;
import org.defendersql.server.security.TestCertificates;
import org.defendersql.server.security.TlsKeyStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS from a key store made for the test: Avatica's client with the documented {@code truststore} options reads
 * the emulator's rows over HTTPS (with BASIC authentication inside it); a client that does not trust the
 * certificate, and a client given {@code http://}, fail at once with the reason, rather than hang.
 */
class TlsTest {
  /** Only against a hang (Avatica's client retries a connection closed without an answer forever). */
  private static final Duration HANG = Duration.ofSeconds(90);

  @TempDir static Path dir;
  private static TestCertificates certs;
  private static DefenderEmulator emulator;
  private static DefenderServer server;

  @BeforeAll static void start() throws Exception {
    certs = TestCertificates.create(dir);
    emulator = SecureServers.emulator();
    server = SecureServers.serve(emulator, "127.0.0.1", SecurityOptions.NONE
        .withAuth(AuthMode.BASIC, SecureServers.usersFile(dir, AuthMode.BASIC, "alice", "alice-pass-over-tls"))
        .withTls(new TlsKeyStore(certs.keyStore(), certs.password(), null)));
  }

  @AfterAll static void stop() {
    server.close();
    emulator.close();
  }

  private static Properties client(boolean trust) {
    final Properties p = SecureServers.user(AuthMode.BASIC, "alice", "alice-pass-over-tls");
    if (trust) {
      p.setProperty("truststore", certs.trustStore().toString());
      p.setProperty("truststore_password", certs.password());
    }
    return p;
  }

  @Test void theDocumentedClientOptionsReadTheRowsOverHttps() throws Exception {
    assertTrue(server.jdbcUrl().startsWith("jdbc:avatica:remote:url=https://127.0.0.1:"), server.jdbcUrl());
    assertEquals(SecureServers.machineIds(emulator), SecureServers.machineIds(server.jdbcUrl(), client(true)));
    assertEquals(SecureServers.machineIds(emulator), SecureServers.machineIds(
        server.jdbcUrl().replace("serialization=protobuf", "serialization=json"), client(true)));
  }

  @Test void aClientThatDoesNotTrustTheCertificateFails() {
    final Exception e = assertTimeoutPreemptively(HANG, () -> assertThrows(Exception.class,
        () -> DriverManager.getConnection(server.jdbcUrl(), client(false)).close()));
    assertTrue(String.valueOf(e.getMessage()).contains("PKIX") || String.valueOf(e.getMessage()).contains("SSL"),
        e.toString());
  }

  @Test void plainHttpToTheTlsPortFailsCleanly() throws Exception {
    final String http = server.jdbcUrl().replace("https://", "http://");
    final Exception e = assertTimeoutPreemptively(HANG, () -> assertThrows(Exception.class,
        () -> DriverManager.getConnection(http, client(true)).close()));
    assertTrue(String.valueOf(e.getMessage()).contains("HTTP/400"), e.toString());
    final RawHttp.Answer a = RawHttp.post(server.port(), "localhost", "application/json", "",
        "{\"request\":\"getCatalogs\"}".getBytes(StandardCharsets.UTF_8));
    assertEquals(400, a.status(), a.toString());
    assertTrue(a.body().contains("speaks HTTPS only; connect with url=https://"), a.body());
  }
}
