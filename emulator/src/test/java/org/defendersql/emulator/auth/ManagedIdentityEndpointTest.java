package org.defendersql.emulator.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import okhttp3.Request;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.TestClient;
import org.defendersql.emulator.TestClient.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The App Service style managed-identity endpoint over HTTPS: its token JSON, the identity it names in the token,
 * and its refusals (header, API version, resource, identity).
 */
class ManagedIdentityEndpointTest {
  private static final String USER = "5d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6";
  private static final String RESOURCE = "https://api.securitycenter.microsoft.com";
  private static DefenderEmulator emulator;
  private static TestClient client;

  @BeforeAll static void start() {
    emulator = DefenderEmulator.builder().alerts(10).machines(5).systemAssignedIdentity()
        .userAssignedIdentity(USER, "0a1b2c3d-4e5f-4a6b-9c8d-7e6f5a4b3c2d", "/subscriptions/s/rg/mi").build().start();
    client = new TestClient(emulator);
  }

  @AfterAll static void stop() {
    emulator.close();
  }

  private static Reply get(String query, String header) {
    final Map<String, String> env = emulator.managedIdentityEnvironment();
    final Request.Builder b = new Request.Builder().url(env.get("IDENTITY_ENDPOINT") + "?" + query);
    if (header != null) {
      b.header("X-IDENTITY-HEADER", header);
    }
    return client.execute(b.build());
  }

  private static String header() {
    return emulator.managedIdentityEnvironment().get("IDENTITY_HEADER");
  }

  private static JsonNode claims(String token) throws Exception {
    return TestClient.JSON.readTree(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
  }

  @Test void theSystemAssignedIdentitysToken() throws Exception {
    final Reply r = get("api-version=2019-08-01&resource=" + RESOURCE, header());
    assertEquals(200, r.status(), r.body());
    final JsonNode json = r.json();
    assertEquals("Bearer", json.get("token_type").asText());
    assertEquals(RESOURCE, json.get("resource").asText());
    final String system = emulator.managedIdentities().stream().filter(ManagedIdentity::systemAssigned).findFirst()
        .orElseThrow().clientId();
    assertEquals(system, json.get("client_id").asText());
    final JsonNode claims = claims(json.get("access_token").asText());
    assertEquals(system, claims.get("appid").asText());
    assertEquals(RESOURCE, claims.get("aud").asText());
    assertEquals(claims.get("exp").asLong(), json.get("expires_on").asLong(), 2);
    // The token is good for the API.
    assertEquals(200, client.get("/api/machines?$top=1", json.get("access_token").asText()).status());
  }

  @Test void aUserAssignedIdentityByEachOfItsIds() throws Exception {
    for (String id : new String[] {"client_id=" + USER, "mi_res_id=/subscriptions/s/rg/mi",
        "object_id=0a1b2c3d-4e5f-4a6b-9c8d-7e6f5a4b3c2d"}) {
      final Reply r = get("api-version=2019-08-01&resource=" + RESOURCE + "&" + id, header());
      assertEquals(200, r.status(), r.body());
      assertEquals(USER, claims(r.json().get("access_token").asText()).get("appid").asText());
    }
  }

  @Test void refusals() {
    assertEquals(401, get("api-version=2019-08-01&resource=" + RESOURCE, null).status());
    assertEquals(401, get("api-version=2019-08-01&resource=" + RESOURCE, header() + "x").status());
    final Reply version = get("api-version=2017-09-01&resource=" + RESOURCE, header());
    assertEquals(400, version.status());
    assertTrue(version.body().contains("Invalid api-version"), version.body());
    final Reply resource = get("api-version=2019-08-01&resource=https://vault.azure.net", header());
    assertEquals(400, resource.status());
    assertTrue(resource.body().contains("AADSTS500011"), resource.body());
    final Reply unknown = get("api-version=2019-08-01&resource=" + RESOURCE + "&client_id=nobody", header());
    assertEquals(400, unknown.status());
    assertTrue(unknown.json().get("message").asText().startsWith("No User Assigned or Delegated Managed Identity"),
        unknown.body());
  }
}
