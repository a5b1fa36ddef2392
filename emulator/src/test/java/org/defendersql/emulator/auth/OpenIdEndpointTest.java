package org.defendersql.emulator.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.TestClient;
import org.defendersql.emulator.TestClient.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tenant's own APIs as Entra ID protects them: the token endpoint answers a client-credentials request for a
 * registered API's {@code /.default} scope with an RS256 token carrying the granted roles, and the OpenID metadata
 * and key set served beside it verify that token with nothing but the JDK.
 */
class OpenIdEndpointTest {
  private static final String API = "api://defender-sql";
  private static DefenderEmulator emulator;
  private static TestClient client;
  private static EntraIssuer.ProtectedApi api;

  @BeforeAll static void start() {
    emulator = DefenderEmulator.builder().alerts(5).machines(2).build().start();
    client = new TestClient(emulator);
    api = emulator.entra().registerApi(API, 2);
    emulator.entra().grantRoles(emulator.clientId(), API, Set.of("DefenderSql.Read"));
  }

  @AfterAll static void stop() {
    emulator.close();
  }

  @Test void aClientCredentialsTokenVerifiesWithThePublishedKeys() throws Exception {
    final Reply r = client.token(emulator.tenantId(), "grant_type", "client_credentials", "client_id",
        emulator.clientId(), "client_secret", emulator.clientSecret(), "scope", API + "/.default");
    assertEquals(200, r.status(), r.body());
    final String token = r.json().path("access_token").asText();
    final String[] parts = token.split("\\.");
    final JsonNode header = TestClient.JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
    final JsonNode claims = TestClient.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    assertEquals("RS256", header.path("alg").asText());
    assertEquals(api.clientId(), claims.path("aud").asText());
    assertEquals(emulator.baseUrl() + "/" + emulator.tenantId() + "/v2.0", claims.path("iss").asText());
    assertEquals(emulator.clientId(), claims.path("azp").asText());
    assertEquals(emulator.tenantId(), claims.path("tid").asText());
    assertEquals("DefenderSql.Read", claims.path("roles").get(0).asText());
    assertFalse(claims.path("oid").asText().isEmpty());

    final Reply metadata = client.get("/" + emulator.tenantId() + "/v2.0/.well-known/openid-configuration", null);
    assertEquals(200, metadata.status(), metadata.body());
    assertEquals(claims.path("iss").asText(), metadata.json().path("issuer").asText());
    final String jwksUri = metadata.json().path("jwks_uri").asText();
    assertTrue(jwksUri.startsWith(emulator.baseUrl() + "/"), jwksUri);
    final Reply keys = client.getUrl(jwksUri, "unused");
    assertEquals(200, keys.status(), keys.body());
    JsonNode jwk = null;
    for (JsonNode k : keys.json().path("keys")) {
      if (k.path("kid").asText().equals(header.path("kid").asText())) {
        jwk = k;
      }
    }
    assertTrue(jwk != null, keys.body());
    final Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initVerify(publicKey(jwk));
    rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertTrue(rsa.verify(Base64.getUrlDecoder().decode(parts[2])));
  }

  @Test void aRolledOverKeyIsPublishedBesideTheOldOne() throws Exception {
    final String before = emulator.entra().currentKey().kid();
    final String after = emulator.entra().rotateKey().kid();
    final Reply keys = client.get("/" + emulator.tenantId() + "/discovery/v2.0/keys", null);
    final List<String> kids = new java.util.ArrayList<>();
    keys.json().path("keys").forEach(k -> kids.add(k.path("kid").asText()));
    assertTrue(kids.containsAll(List.of(before, after)), kids.toString());
  }

  @Test void anotherTenantsMetadataIsNotFound() {
    final Reply r = client.get("/00000000-0000-0000-0000-000000000000/v2.0/.well-known/openid-configuration",
        null);
    assertEquals(400, r.status());
    assertTrue(r.body().contains("AADSTS90002"), r.body());
  }

  @Test void anUnregisteredApiIsStillUnknown() {
    final Reply r = client.token(emulator.tenantId(), "grant_type", "client_credentials", "client_id",
        emulator.clientId(), "client_secret", emulator.clientSecret(), "scope", "api://not-registered/.default");
    assertEquals(400, r.status(), r.body());
    assertTrue(r.body().contains("AADSTS500011"), r.body());
  }

  private static PublicKey publicKey(JsonNode jwk) throws Exception {
    final Base64.Decoder d = Base64.getUrlDecoder();
    return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
        new BigInteger(1, d.decode(jwk.path("n").asText())), new BigInteger(1, d.decode(jwk.path("e").asText()))));
  }
}
