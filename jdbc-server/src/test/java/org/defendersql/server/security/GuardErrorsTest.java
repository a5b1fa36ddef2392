package org.defendersql.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.AbstractHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Failures outside Avatica's own error handling (a Java {@code Error} while a request is handled, Jetty's own
 * error pages) reach the client as Avatica JSON errors with a SQLState, never as Jetty's HTML page.
 */
class GuardErrorsTest {
  private static final byte[] JSON = "{\"request\":\"openConnection\",\"connectionId\":\"c\"}".getBytes(
      StandardCharsets.UTF_8);
  private Server server;
  private int port;

  @BeforeEach void start() throws Exception {
    server = new Server();
    final ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    final RequestGuard guard = new RequestGuard(AllowedHosts.of("127.0.0.1", InetAddress.getByName("127.0.0.1"),
        List.of()), false, 1 << 20, SecurityEvents.NONE);
    guard.setHandler(new AbstractHandler() {
      @Override public void handle(String target, Request baseRequest, HttpServletRequest request,
          HttpServletResponse response) throws java.io.IOException {
        request.getInputStream().readAllBytes();
        switch (request.getHeader("X-Fail")) {
        case "stack" -> throw new StackOverflowError();
        case "heap" -> throw new OutOfMemoryError("Java heap space");
        case "jetty" -> response.sendError(500, "secret internals at com.example.Foo.bar(Foo.java:12)");
        default -> throw new IllegalStateException("boom");
        }
      }
    });
    server.setHandler(guard);
    server.setErrorHandler(new AvaticaErrorHandler());
    server.start();
    port = connector.getLocalPort();
  }

  @AfterEach void stop() throws Exception {
    server.stop();
  }

  private JsonNode fail(String how, int status) throws Exception {
    final RawHttp.Answer a = RawHttp.post(port, "localhost:" + port, "application/json", "X-Fail: " + how, JSON);
    assertEquals(status, a.status(), a.toString());
    assertFalse(a.body().toLowerCase(java.util.Locale.ROOT).contains("<html"), a.body());
    assertTrue(a.headers().get("content-type").startsWith("application/json"), a.toString());
    final JsonNode error = new ObjectMapper().readTree(a.body());
    assertEquals("error", error.get("response").asText(), a.body());
    return error;
  }

  @Test void aStackOverflowIsAnAvaticaErrorWithItsSqlState() throws Exception {
    final JsonNode e = fail("stack", 500);
    assertEquals("54001", e.get("sqlState").asText());
    assertTrue(e.get("errorMessage").asText().contains("nested too deeply"), e.toString());
  }

  @Test void anExhaustedHeapIsAnAvaticaErrorWithItsSqlState() throws Exception {
    assertEquals("53200", fail("heap", 500).get("sqlState").asText());
  }

  @Test void anyOtherFailureIsAnInternalErrorWithoutItsDetails() throws Exception {
    final JsonNode e = fail("other", 500);
    assertEquals("XX000", e.get("sqlState").asText());
    assertFalse(e.toString().contains("boom"), e.toString());
  }

  @Test void jettysOwnErrorPageIsJsonWithoutTheServersInternals() throws Exception {
    final JsonNode e = fail("jetty", 500);
    assertFalse(e.toString().contains("com.example"), e.toString());
  }
}
