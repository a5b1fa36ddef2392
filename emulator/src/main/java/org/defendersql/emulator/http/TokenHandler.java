package org.defendersql.emulator.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.defendersql.emulator.auth.TokenEndpoint;
import org.defendersql.emulator.odata.ODataException;
import org.defendersql.emulator.odata.QueryOptionsParser;

/** Serves {@code /{tenant}/oauth2/v2.0/token} over HTTP: reads the form, answers as Azure AD. */
final class TokenHandler {
  private static final int MAX_FORM = 64 * 1024;
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private final TokenEndpoint endpoint;

  TokenHandler(TokenEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  /** Handles the exchange; returns the client id the request named, for the log. */
  String handle(HttpExchange ex, String tenant) throws IOException {
    ex.getResponseHeaders().set("Cache-Control", "no-store, no-cache");
    ex.getResponseHeaders().set("Pragma", "no-cache");
    // Azure AD echoes MSAL's correlation id; MSAL logs a mismatch otherwise.
    final String correlation = ex.getRequestHeaders().getFirst("client-request-id");
    if (correlation != null) {
      ex.getResponseHeaders().set("client-request-id", correlation);
    }
    ex.getResponseHeaders().set("x-ms-request-id", java.util.UUID.randomUUID().toString());
    final TokenEndpoint.Result result;
    if (!ex.getRequestMethod().equals("POST")) {
      result = endpoint.wrongMethod(ex.getRequestMethod());
    } else {
      result = endpoint.handle(tenant, form(ex));
    }
    EmulatorServer.clientId(ex, result.clientId());
    if (result.error() != null) {
      Responses.send(ex, result.error().status(), Responses.JSON, result.error().body(Instant.now()));
      return result.clientId();
    }
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(body)) {
      g.writeStartObject();
      g.writeStringField("token_type", "Bearer");
      g.writeNumberField("expires_in", result.expiresIn());
      g.writeNumberField("ext_expires_in", result.expiresIn());
      g.writeStringField("access_token", result.accessToken());
      g.writeEndObject();
    }
    Responses.send(ex, 200, Responses.JSON, body.toByteArray());
    return result.clientId();
  }

  /** The form parameters (first value of each); anything but a form body counts as no parameters. */
  private static Map<String, String> form(HttpExchange ex) throws IOException {
    final String type = ex.getRequestHeaders().getFirst("Content-Type");
    final byte[] raw;
    try (InputStream in = ex.getRequestBody()) {
      raw = in.readNBytes(MAX_FORM);
    }
    final Map<String, String> form = new HashMap<>();
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      return form;
    }
    try {
      for (Map.Entry<String, String> p : QueryOptionsParser.decode(new String(raw, StandardCharsets.UTF_8))) {
        form.putIfAbsent(p.getKey(), p.getValue());
      }
    } catch (ODataException e) {
      return new HashMap<>();
    }
    return form;
  }
}
