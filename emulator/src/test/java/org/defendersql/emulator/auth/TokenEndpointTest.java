package org.defendersql.emulator.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import okhttp3.Request;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.RecordedRequest;
import org.defendersql.emulator.TestClient;
import org.defendersql.emulator.TestClient.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Azure AD token endpoint over HTTPS: success shape, JWT claims and each AAD error. */
class TokenEndpointTest {
  private static final String SCOPE = "https://api.securitycenter.microsoft.com/.default";
  private static DefenderEmulator emulator;
  private static TestClient client;

  @BeforeAll static void start() {
    emulator = DefenderEmulator.builder().alerts(10).machines(5).build().start();
    client = new TestClient(emulator);
  }

  @AfterAll static void stop() {
    emulator.close();
  }

  private Reply token(String... overrides) {
    final String[] form = {"grant_type", "client_credentials", "client_id", emulator.clientId(), "client_secret",
        emulator.clientSecret(), "scope", SCOPE};
    for (int i = 0; i < overrides.length; i += 2) {
      for (int j = 0; j < form.length; j += 2) {
        if (form[j].equals(overrides[i])) {
          form[j + 1] = overrides[i + 1];
        }
      }
    }
    final List<String> kept = new java.util.ArrayList<>();
    for (int j = 0; j < form.length; j += 2) {
      if (form[j + 1] != null) {
        kept.add(form[j]);
        kept.add(form[j + 1]);
      }
    }
    return client.token(emulator.tenantId(), kept.toArray(String[]::new));
  }

  @Test void issuesABearerTokenLikeAzureAd() throws Exception {
    final Reply r = token();
    assertEquals(200, r.status());
    assertEquals("application/json; charset=utf-8", r.contentType());
    final JsonNode json = r.json();
    assertEquals("Bearer", json.get("token_type").asText());
    assertEquals(3599, json.get("expires_in").asInt());
    assertEquals(3599, json.get("ext_expires_in").asInt());
    final String[] parts = json.get("access_token").asText().split("\\.");
    assertEquals(3, parts.length);
    final JsonNode claims = TestClient.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    assertEquals("https://api.securitycenter.microsoft.com", claims.get("aud").asText());
    assertEquals("https://sts.windows.net/" + emulator.tenantId() + "/", claims.get("iss").asText());
    assertEquals(emulator.tenantId(), claims.get("tid").asText());
    assertEquals(emulator.clientId(), claims.get("appid").asText());
    assertEquals(claims.get("iat").asLong() + 3599, claims.get("exp").asLong());
    assertTrue(claims.get("nbf").asLong() <= claims.get("iat").asLong());
    // The default app holds every table's least-privilege read role and the hunting ones; the claim lists the
    // Defender API's sorted (ThreatHunting.Read.All, a Graph permission, goes into Graph tokens only).
    final List<String> roles = new java.util.ArrayList<>();
    claims.get("roles").forEach(n -> roles.add(n.asText()));
    assertEquals(List.of("AdvancedQuery.Read.All", "Alert.Read.All", "File.Read.All", "Ip.Read.All",
        "Machine.Read.All", "RemediationTasks.Read.All", "Score.Read.All", "SecurityRecommendation.Read.All",
        "Software.Read.All", "Ti.ReadWrite.All", "Url.Read.All", "User.Read.All", "Vulnerability.Read.All"), roles);
    final JsonNode header = TestClient.JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[0]),
        StandardCharsets.UTF_8));
    assertEquals("HS256", header.get("alg").asText());
  }

  @Test void acceptsEveryDefenderScopeForm() {
    for (String scope : List.of("https://api.security.microsoft.com/.default",
        "https://securitycenter.onmicrosoft.com/windowsatpservice/.default", SCOPE + " openid profile")) {
      assertEquals(200, token("scope", scope).status(), scope);
    }
  }

  private static void assertAadError(Reply r, int status, String error, int code, String descriptionStart) {
    assertEquals(status, r.status(), r.body());
    assertEquals("application/json; charset=utf-8", r.contentType());
    final JsonNode json = r.json();
    assertEquals(error, json.get("error").asText());
    assertEquals(code, json.get("error_codes").get(0).asInt());
    final String description = json.get("error_description").asText();
    assertTrue(description.startsWith("AADSTS" + code + ": " + descriptionStart), description);
    assertTrue(description.contains("Trace ID: " + json.get("trace_id").asText()), description);
    assertTrue(json.get("correlation_id").asText().matches("[0-9a-f-]{36}"));
    assertTrue(json.get("timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ"));
    assertEquals("https://login.microsoftonline.com/error?code=" + code, json.get("error_uri").asText());
    assertFalse(r.body().contains(emulator.clientSecret()), "never echo the secret");
  }

  @Test void unknownTenant() {
    final Reply r = client.token("00000000-0000-0000-0000-000000000000", "grant_type", "client_credentials",
        "client_id", emulator.clientId(), "client_secret", emulator.clientSecret(), "scope", SCOPE);
    assertAadError(r, 400, "invalid_request", 90002, "Tenant '00000000-0000-0000-0000-000000000000' not found. "
        + "Check to make sure you have the correct tenant ID and are signing into the correct cloud.");
  }

  @Test void unknownClient() {
    assertAadError(token("client_id", "11111111-2222-3333-4444-555555555555"), 400, "unauthorized_client", 700016,
        "Application with identifier '11111111-2222-3333-4444-555555555555' was not found in the directory '"
            + emulator.tenantId() + "'.");
  }

  @Test void wrongSecret() {
    assertAadError(token("client_secret", "wrong"), 401, "invalid_client", 7000215, "Invalid client secret "
        + "provided. Ensure the secret being sent in the request is the client secret value, not the client secret "
        + "ID, for a secret added to app '" + emulator.clientId() + "'.");
    assertAadError(token("client_secret", null), 401, "invalid_client", 7000216, "'client_assertion'");
  }

  @Test void wrongGrantType() {
    assertAadError(token("grant_type", "password"), 400, "unsupported_grant_type", 70003,
        "The app requested an unsupported grant type 'password'.");
    assertAadError(token("grant_type", null), 400, "invalid_request", 900144,
        "The request body must contain the following parameter: 'grant_type'.");
  }

  @Test void unknownOrMalformedScope() {
    assertAadError(token("scope", "https://vault.azure.net/.default"), 400, "invalid_resource", 500011,
        "The resource principal named https://vault.azure.net was not found");
    assertAadError(token("scope", "https://api.securitycenter.microsoft.com/Alert.Read.All"), 400, "invalid_scope",
        1002012, "The provided value for scope");
    assertAadError(token("scope", null), 400, "invalid_request", 900144,
        "The request body must contain the following parameter: 'scope'.");
  }

  @Test void onlyPost() {
    final Reply r = client.execute(new Request.Builder()
        .url(emulator.authorityHost() + "/" + emulator.tenantId() + "/oauth2/v2.0/token").get().build());
    assertAadError(r, 400, "invalid_request", 900561, "The endpoint only accepts POST requests.");
  }

  @Test void extraAppsGetTheirOwnRoles() throws Exception {
    emulator.registerApp("aaaaaaaa-0000-0000-0000-000000000001", "s3cret", java.util.Set.of("Machine.Read.All"));
    final String token = client.accessToken("aaaaaaaa-0000-0000-0000-000000000001", "s3cret");
    final JsonNode claims = TestClient.JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    assertEquals(1, claims.get("roles").size());
    assertEquals("Machine.Read.All", claims.get("roles").get(0).asText());
    emulator.registerApp("aaaaaaaa-0000-0000-0000-000000000002", "s3cret", java.util.Set.of());
    final String roleless = client.accessToken("aaaaaaaa-0000-0000-0000-000000000002", "s3cret");
    assertNull(TestClient.JSON.readTree(Base64.getUrlDecoder().decode(roleless.split("\\.")[1])).get("roles"));
  }

  @Test void tokenRequestsAreLoggedWithTheirClientButNoSecret() {
    emulator.clearRequestLog();
    token("client_secret", "wrong");
    final List<RecordedRequest> log = emulator.requestLog();
    assertEquals(1, log.size());
    final RecordedRequest r = log.get(0);
    assertEquals("POST", r.method());
    assertEquals("/" + emulator.tenantId() + "/oauth2/v2.0/token", r.path());
    assertEquals(401, r.status());
    assertEquals(emulator.clientId(), r.clientId());
    assertNull(r.rawQuery());
    assertEquals("", r.query());
    assertNotNull(r.time());
    assertFalse(r.toString().contains("wrong"));
  }
}
