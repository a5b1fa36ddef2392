package org.defendersql.emulator.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.defendersql.emulator.faults.Fault;
import org.defendersql.emulator.http.EmulatorServer;

/**
 * The tenant's OpenID Connect discovery as Entra ID serves it beside the token endpoint:
 * {@code GET /{tenant}/v2.0/.well-known/openid-configuration} (issuer, {@code jwks_uri}, endpoints) and
 * {@code GET /{tenant}/discovery/v2.0/keys} (the JSON Web Key Set of {@link EntraIssuer}'s signing keys), which a
 * server validating the tenant's access tokens reads.
 */
public final class OpenIdEndpoint implements EmulatorServer.Extension {
  /** The key set's path under {@code /{tenant}}. */
  static final String KEYS = "/discovery/v2.0/keys";
  private static final Pattern PATH = Pattern.compile(
      "/([^/]+)(/v2\\.0/\\.well-known/openid-configuration|" + Pattern.quote(KEYS) + ")/?");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final EntraIssuer issuer;

  public OpenIdEndpoint(EntraIssuer issuer) {
    this.issuer = issuer;
  }

  @Override
  public boolean serves(String path) {
    return PATH.matcher(path).matches();
  }

  @Override
  public void handle(HttpExchange ex, Fault fault) throws IOException {
    final Matcher m = PATH.matcher(ex.getRequestURI().getPath());
    if (!m.matches()) {
      send(ex, 404, Map.of());
      return;
    }
    if (!ex.getRequestMethod().equals("GET")) {
      send(ex, 405, error("invalid_request", "AADSTS900561: The endpoint only accepts GET requests."));
      return;
    }
    if (!issuer.isTenant(m.group(1))) {
      send(ex, 400, error("invalid_tenant", "AADSTS90002: Tenant '" + m.group(1) + "' not found. Check to make"
          + " sure you have the correct tenant ID and are signing into the correct cloud."));
      return;
    }
    send(ex, 200, m.group(2).equals(KEYS) ? issuer.jwks() : issuer.openIdConfiguration());
  }

  private static Map<String, Object> error(String code, String description) {
    final Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", code);
    body.put("error_description", description);
    body.put("error_codes", List.of(Integer.parseInt(description.substring(6, description.indexOf(':')))));
    body.put("trace_id", UUID.randomUUID().toString());
    return body;
  }

  private static void send(HttpExchange ex, int status, Map<String, Object> body) throws IOException {
    final byte[] bytes = JSON.writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    ex.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
    // With a Content-Length the client has the answer once the last byte is written, before any close: log first.
    EmulatorServer.logBeforeAnswering(ex, status);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }
}
