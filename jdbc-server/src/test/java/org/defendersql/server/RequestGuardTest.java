package org.defendersql.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.server.security.RawHttp;
import org.defendersql.server.security.SecurityOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a web page could send to a server on this machine (DNS rebinding, a cross-site form) is refused before
 * Avatica sees it: a foreign {@code Host} or any {@code Origin} gets 403, {@code text/plain} 415, a GET 405; a
 * body over the limit gets 413, with or without a length, and the server goes on answering. Requests are written
 * byte for byte; the same body with the right headers is served, so each refusal is for the header it names.
 */
class RequestGuardTest {
  private static final long LIMIT = 64 * 1024;
  private static DefenderEmulator emulator;
  private static DefenderServer server;
  private static int port;

  @BeforeAll static void start() throws Exception {
    emulator = SecureServers.emulator();
    server = SecureServers.serve(emulator, "127.0.0.1", SecurityOptions.NONE.withMaxRequestBytes(LIMIT)
        .withPublicHosts(List.of("sql.example.org")));
    port = server.port();
  }

  @AfterAll static void stop() {
    server.close();
    emulator.close();
  }

  private static byte[] openConnection(String id) {
    return ("{\"request\":\"openConnection\",\"connectionId\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
  }

  private static JsonNode json(RawHttp.Answer a) throws Exception {
    assertFalse(a.body().toLowerCase(Locale.ROOT).contains("<html"), a.body());
    return new ObjectMapper().readTree(a.body());
  }

  private static void assertRefused(RawHttp.Answer a, int status, String sqlState, String message) throws Exception {
    assertEquals(status, a.status(), a.toString());
    final JsonNode e = json(a);
    assertEquals("error", e.get("response").asText(), a.body());
    assertEquals(sqlState, e.get("sqlState").asText(), a.body());
    assertTrue(e.get("errorMessage").asText().contains(message), a.body());
  }

  @Test void avaticasOwnRequestIsServed() throws Exception {
    for (String host : List.of("localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port, "sql.example.org")) {
      final RawHttp.Answer a = RawHttp.post(port, host, "application/json; charset=UTF-8", "",
          openConnection("guard-ok-" + host.hashCode()));
      assertEquals(200, a.status(), host + ": " + a);
      assertEquals("openConnection", json(a).get("response").asText(), a.body());
    }
  }

  @Test void aForeignHostIsRefused() throws Exception {
    assertRefused(RawHttp.post(port, "rebind.attacker.example:" + port, "application/json", "",
        openConnection("guard-host")), 403, "08004", "the Host 'rebind.attacker.example:" + port + "' is not this"
        + " server's");
    assertRefused(RawHttp.send(port, "POST / HTTP/1.0\nContent-Type: application/json\nContent-Length: 2", "{}"
        .getBytes(StandardCharsets.UTF_8)), 403, "08004", "the Host (none)");
  }

  @Test void anyOriginIsRefused() throws Exception {
    for (String origin : List.of("http://rebind.attacker.example", "http://localhost:" + port, "null")) {
      assertRefused(RawHttp.post(port, "localhost:" + port, "application/json", "Origin: " + origin,
          openConnection("guard-origin")), 403, "08004", "requests from web browsers");
    }
    assertRefused(RawHttp.post(port, "localhost:" + port, "application/json", "Sec-Fetch-Site: same-origin",
        openConnection("guard-fetch")), 403, "08004", "Origin or Sec-Fetch header");
  }

  @Test void onlyAvaticasContentTypesAreRead() throws Exception {
    for (String type : List.of("text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x")) {
      assertRefused(RawHttp.post(port, "localhost:" + port, type, "", openConnection("guard-type")), 415,
          "08004", "is not Avatica's");
    }
    assertRefused(RawHttp.send(port, "POST / HTTP/1.1\nHost: localhost\nContent-Length: 2\nConnection: close",
        "{}".getBytes(StandardCharsets.UTF_8)), 415, "08004", "the content type (none)");
  }

  @Test void onlyPostIsServed() throws Exception {
    final RawHttp.Answer a = RawHttp.send(port, "GET /?request=%7B%22request%22%3A%22getCatalogs%22%7D HTTP/1.1\n"
        + "Host: localhost\nConnection: close", null);
    assertRefused(a, 405, "08004", "only POST");
    assertEquals("POST", a.headers().get("allow"));
  }

  @Test void aBodyOverTheLimitIsRefusedAndTheServerGoesOn() throws Exception {
    final byte[] big = new byte[(int) LIMIT + 1];
    big[0] = '{';
    assertRefused(RawHttp.post(port, "localhost:" + port, "application/json", "", big), 413, "54000",
        "larger than this server's limit of " + LIMIT + " bytes");
    // Without a length: chunks until the limit is passed; the server stops reading there.
    final ByteArrayOutputStream chunked = new ByteArrayOutputStream();
    for (int i = 0; i < 20; i++) {
      chunked.write("2000\r\n".getBytes(StandardCharsets.US_ASCII));
      chunked.write(new byte[0x2000], 0, 0x2000);
      chunked.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    chunked.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    final RawHttp.Answer a = RawHttp.send(port, "POST / HTTP/1.1\nHost: localhost\nContent-Type:"
        + " application/octet-stream\nTransfer-Encoding: chunked\nConnection: close", chunked.toByteArray());
    assertEquals(413, a.status(), a.toString());
    // The client's view of a statement over the limit: the status, at once; then the same connection goes on.
    try (Connection c = DriverManager.getConnection(server.jdbcUrl()); Statement s = c.createStatement()) {
      final String huge = "select id from machines where id <> '" + "x".repeat((int) LIMIT) + "'";
      final Exception e = assertThrows(Exception.class, () -> s.executeQuery(huge).close());
      assertTrue(String.valueOf(e.getMessage()).contains("HTTP/413"), e.toString());
      assertEquals(SecureServers.machineIds(emulator), SecureServers.machineIds(c));
    }
  }

  @Test void theSameRequestsThroughTheDriverWork() throws SQLException {
    assertEquals(SecureServers.machineIds(emulator), SecureServers.machineIds(server.jdbcUrl(), new Properties()));
    assertEquals(SecureServers.machineIds(emulator), SecureServers.machineIds(
        server.jdbcUrl().replace("serialization=protobuf", "serialization=json"), new Properties()));
  }
}
