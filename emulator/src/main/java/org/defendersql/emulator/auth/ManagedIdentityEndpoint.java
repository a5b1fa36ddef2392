package org.defendersql.emulator.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.defendersql.emulator.faults.Fault;
import org.defendersql.emulator.http.EmulatorServer;

/**
 * The managed-identity endpoint of an App Service or Functions host ({@code IDENTITY_ENDPOINT}, API version
 * 2019-08-01), which azure-identity's ManagedIdentityCredential calls when {@code IDENTITY_ENDPOINT} and
 * {@code IDENTITY_HEADER} are set: {@code GET ?api-version=2019-08-01&resource=...} with the
 * {@code X-IDENTITY-HEADER} secret, and {@code client_id}, {@code mi_res_id} or {@code object_id} for a
 * user-assigned identity. Answers the platform's token JSON, or its errors: a wrong header, an unsupported API
 * version, an unknown resource, no such identity on this resource.
 */
public final class ManagedIdentityEndpoint implements EmulatorServer.Extension {
  /** The path the endpoint is served at, as on App Service ({@code http://127.0.0.1:41xxx/msi/token}). */
  public static final String PATH = "/msi/token";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<ManagedIdentity> identities;
  private final Set<String> roles;
  private final TokenService tokens;
  private final String header;

  /**
   * @param header the {@code IDENTITY_HEADER} value the platform gives the process, which each request must echo
   * @param roles  the application roles granted to every identity
   */
  public ManagedIdentityEndpoint(List<ManagedIdentity> identities, Set<String> roles, TokenService tokens,
      String header) {
    this.identities = List.copyOf(identities);
    this.roles = Set.copyOf(roles);
    this.tokens = tokens;
    this.header = header;
  }

  @Override
  public boolean serves(String path) {
    return path.equals(PATH);
  }

  @Override
  public void handle(HttpExchange ex, Fault fault) throws IOException {
    final String presented = ex.getRequestHeaders().getFirst("X-IDENTITY-HEADER");
    if (presented == null || !MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
        header.getBytes(StandardCharsets.UTF_8))) {
      send(ex, 401, error(401, "The X-IDENTITY-HEADER is missing or invalid."));
      return;
    }
    if (!ex.getRequestMethod().equals("GET")) {
      send(ex, 405, error(405, "The requested resource does not support http method '" + ex.getRequestMethod()
          + "'."));
      return;
    }
    final Map<String, String> q = query(ex.getRequestURI().getRawQuery());
    if (!"2019-08-01".equals(q.get("api-version"))) {
      send(ex, 400, error(400, "Invalid api-version '" + q.get("api-version") + "'. Supported: 2019-08-01."));
      return;
    }
    final String resource = q.get("resource");
    if (resource == null || resource.isBlank()) {
      send(ex, 400, error(400, "The 'resource' query parameter is required."));
      return;
    }
    final String audience = GraphAudience.names(resource) ? GraphAudience.AUDIENCE
        : DefenderAudience.names(resource) ? DefenderAudience.AUDIENCE : null;
    if (audience == null) {
      send(ex, 400, error(400, "AADSTS500011: The resource principal named " + resource + " was not found in the"
          + " tenant."));
      return;
    }
    final String resourceId = q.containsKey("mi_res_id") ? q.get("mi_res_id") : q.get("msi_res_id");
    final String objectId = q.containsKey("object_id") ? q.get("object_id") : q.get("principal_id");
    final ManagedIdentity identity = identities.stream().filter(i -> i.named(q.get("client_id"), resourceId,
        objectId)).findFirst().orElse(null);
    if (identity == null) {
      send(ex, 400, error(400, "No User Assigned or Delegated Managed Identity found for specified"
          + " ClientId/ResourceId/PrincipalId."));
      return;
    }
    EmulatorServer.clientId(ex, identity.clientId());
    final App app = new App(identity.clientId(), UUID.randomUUID().toString(), roles);
    final long expiresOn = java.time.Instant.now().plus(tokens.lifetime()).getEpochSecond();
    final Map<String, Object> body = new LinkedHashMap<>();
    body.put("access_token", tokens.issue(app, audience));
    body.put("expires_on", String.valueOf(expiresOn));
    body.put("resource", resource);
    body.put("token_type", "Bearer");
    body.put("client_id", identity.clientId());
    send(ex, 200, JSON.writeValueAsBytes(body));
  }

  private static byte[] error(int status, String message) throws IOException {
    final Map<String, Object> body = new LinkedHashMap<>();
    body.put("statusCode", status);
    body.put("message", message);
    body.put("correlationId", UUID.randomUUID().toString());
    return JSON.writeValueAsBytes(body);
  }

  private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    // With a Content-Length the client has the answer once the last byte is written, before any close: log first.
    EmulatorServer.logBeforeAnswering(ex, status);
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  private static Map<String, String> query(String raw) {
    final Map<String, String> q = new HashMap<>();
    if (raw == null) {
      return q;
    }
    for (String pair : raw.split("&")) {
      final int eq = pair.indexOf('=');
      final String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      q.putIfAbsent(k, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return q;
  }
}
