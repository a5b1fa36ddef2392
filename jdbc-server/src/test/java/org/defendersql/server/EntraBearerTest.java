package org.defendersql.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.avatica.AvaticaConnection;
import org.defendersql.adapter.DefenderModels;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.RecordedRequest;
import org.defendersql.emulator.auth.EntraIssuer;
import org.defendersql.emulator.auth.EntraSigningKey;
import org.defendersql.server.security.EntraOptions;
import org.defendersql.server.security.RawHttp;
import org.defendersql.server.security.SecurityConfigException;
import org.defendersql.server.security.SecurityOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --auth entra} over a real server and the real Avatica driver ({@code authentication=BEARER}), with tokens
 * the emulated tenant issues and publishes keys for: a valid token reads the tenant's rows as its user; an absent,
 * expired, wrong-audience, wrongly signed, unsigned, HMAC-signed or foreign-issuer token, or one without the
 * required role, is refused with 401 and a {@code WWW-Authenticate} description of what was wrong, recorded in the
 * audit log; the tenant's keys are read once for all of it.
 */
class EntraBearerTest {
  private static final String API = "api://defender-sql";
  private static final String ROLE = "DefenderSql.Read";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private static DefenderEmulator emulator;
  private static EntraIssuer entra;
  private static EntraIssuer.ProtectedApi api;
  private static DefenderServer server;
  private static Path audit;

  @BeforeAll static void start() throws Exception {
    emulator = SecureServers.emulator();
    entra = emulator.entra();
    api = entra.registerApi(API, 2);
    entra.grantRoles(emulator.clientId(), API, Set.of(ROLE));
    audit = dir.resolve("audit.jsonl");
    server = DefenderServer.start(tenant(), "127.0.0.1", 0, ServerLimits.DEFAULT, SecurityOptions.NONE.withEntra(
        options()), audit.toString());
  }

  @AfterAll static void stop() {
    if (server != null) {
      server.close();
    }
    emulator.close();
  }

  private static EntraOptions options() {
    return new EntraOptions(emulator.tenantId(), List.of(API, api.clientId()), emulator.authorityHost(), ROLE,
        emulator.certificateFile());
  }

  private static TenantSource tenant() {
    return new TenantSource(DefenderModels.inline(DefenderModels.operand(emulator.environment())), "entra test",
        null);
  }

  @Test void anAppsClientCredentialsTokenReadsRowsAsTheApp() throws Exception {
    final String token = EntraTokens.clientCredentials(emulator, API + "/.default");
    final Map<String, Object> claims = EntraTokens.claims(token);
    assertEquals(api.clientId(), claims.get("aud"));
    assertEquals(emulator.clientId(), claims.get("azp"));
    assertEquals(List.of(ROLE), claims.get("roles"));
    final String oid = (String) claims.get("oid");
    assertNotNull(oid);
    try (Connection c = DriverManager.getConnection(server.jdbcUrl(), bearer(token))) {
      assertEquals(SecureServers.machineIds(emulator), SecureServers.machineIds(c));
      // An app-only token names no user: its service principal's object id is the server user.
      assertEquals(Optional.of(oid), server.connectionUser(((AvaticaConnection) c).id));
    }
    final JsonNode line = awaitLine(l -> l.path("event").asText().equals("statement")
        && l.path("user").asText().equals(oid));
    assertEquals("select id from machines order by id", line.path("sql").asText());
  }

  @Test void aUsersTokenIsServedAsThatUserV2AndV1() throws Exception {
    final String v2 = entra.userToken("alice@contoso.example", emulator.clientId(), api, List.of(ROLE), List.of());
    try (Connection c = DriverManager.getConnection(server.jdbcUrl(), bearer(v2))) {
      assertEquals(SecureServers.machineIds(emulator), SecureServers.machineIds(c));
      assertEquals(Optional.of("alice@contoso.example"), server.connectionUser(((AvaticaConnection) c).id));
    }
    // A v1.0 token: the sts.windows.net issuer, the app ID URI as audience, the user as upn, a delegated scope.
    final Map<String, Object> v1 = entra.userClaims("bob@contoso.example", emulator.clientId(),
        new EntraIssuer.ProtectedApi(API, api.clientId(), 1), List.of(), List.of(ROLE));
    assertEquals("https://sts.windows.net/" + emulator.tenantId() + "/", v1.get("iss"));
    try (Connection c = DriverManager.getConnection(server.jdbcUrl(), bearer(entra.sign(v1)))) {
      assertEquals(SecureServers.machineIds(emulator), SecureServers.machineIds(c));
      assertEquals(Optional.of("bob@contoso.example"), server.connectionUser(((AvaticaConnection) c).id));
    }
  }

  @Test void aTokenFileIsReadThroughAProviderClass() throws Exception {
    final Path file = dir.resolve("token.jwt");
    Files.writeString(file, entra.userToken("carol@contoso.example", emulator.clientId(), api, List.of(ROLE),
        List.of()) + "\n");
    final Properties p = new Properties();
    p.setProperty("authentication", "BEARER");
    p.setProperty("token_file", file.toString());
    p.setProperty("bearer_token_provider_class", TokenFileProvider.class.getName());
    try (Connection c = DriverManager.getConnection(server.jdbcUrl(), p)) {
      assertEquals(SecureServers.machineIds(emulator), SecureServers.machineIds(c));
      assertEquals(Optional.of("carol@contoso.example"), server.connectionUser(((AvaticaConnection) c).id));
    }
  }

  @Test void withoutATokenTheClientIsChallenged() throws Exception {
    final Exception e = assertThrows(Exception.class, () -> DriverManager.getConnection(server.jdbcUrl()).close());
    assertTrue(String.valueOf(e.getMessage()).contains("HTTP/401"), e.toString());
    final RawHttp.Answer a = post(null);
    assertEquals(401, a.status(), a.body());
    assertEquals("Bearer realm=\"defender-sql\"", a.headers().get("www-authenticate"));
    assertTrue(a.body().contains("requires an Entra ID access token"), a.body());
    // The banner's URL tells clients what to send.
    assertTrue(DefenderServerMain.banner(server, 0).contains(";authentication=BEARER;bearer_token=ACCESS_TOKEN"),
        DefenderServerMain.banner(server, 0));
    // The metrics are behind the same authentication.
    final RawHttp.Answer metrics = RawHttp.send(server.port(), "GET /metrics HTTP/1.1\nHost: 127.0.0.1:"
        + server.port() + "\nConnection: close", null);
    assertEquals(401, metrics.status(), metrics.body());
  }

  @Test void expiredTokensAreRefused() throws Exception {
    final Map<String, Object> c = valid();
    final long expired = Instant.now().minusSeconds(6 * 60).getEpochSecond();
    c.put("iat", expired - 3600);
    c.put("nbf", expired - 3600);
    c.put("exp", expired);
    refused(entra.sign(c), "expired: the token expired at " + Instant.ofEpochSecond(expired));
    // Within the 5 minutes of allowed clock skew, a token just past its expiry still works.
    final Map<String, Object> skewed = valid();
    skewed.put("exp", Instant.now().minusSeconds(60).getEpochSecond());
    assertEquals(SecureServers.machineIds(emulator), SecureServers.machineIds(server.jdbcUrl(),
        bearer(entra.sign(skewed))));
  }

  @Test void tokensForAnotherAudienceAreRefused() throws Exception {
    final Map<String, Object> c = valid();
    c.put("aud", "api://another-app");
    refused(entra.sign(c), "wrong audience: the token is for api://another-app, not for this server");
    // The tenant's real token for the Defender API, which a client might paste by mistake.
    final Map<String, Object> defender = valid();
    defender.put("aud", "https://api.securitycenter.microsoft.com");
    refused(entra.sign(defender), "wrong audience");
  }

  @Test void tokensNotSignedByTheTenantAreRefused() throws Exception {
    final EntraSigningKey forger = EntraSigningKey.generate();
    refused(forger.sign(valid()), "bad signature: the token is signed by a key that is not among tenant "
        + emulator.tenantId() + "'s signing keys (kid " + forger.kid() + ")");
    // A forger who copies the tenant's key id still cannot make the signature verify.
    final EntraSigningKey sameKid = EntraSigningKey.generate(entra.currentKey().kid());
    refused(sameKid.sign(valid()), "bad signature: the token's signature does not verify");
    refused(EntraTokens.unsigned(valid()), "the token is unsigned (alg none)");
    // HS256 keyed with the tenant's published key: the algorithm confusion attack.
    refused(EntraTokens.hs256(valid(), entra.currentKey().kid(), JSON.writeValueAsBytes(entra.jwks())),
        "the token is signed with HS256; only RS256");
    refused("not-a-jwt", "the token is not a JWT");
  }

  @Test void tokensOfAnotherIssuerAreRefused() throws Exception {
    final Map<String, Object> c = valid();
    c.put("iss", "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0");
    refused(entra.sign(c), "unknown issuer: the token was issued by"
        + " https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0, not by tenant "
        + emulator.tenantId());
  }

  @Test void tokensWithoutTheRequiredRoleAreRefused() throws Exception {
    final String token = entra.userToken("mallory@contoso.example", emulator.clientId(), api, List.of("Other"),
        List.of("User.Read"));
    refused(token, "the token lacks the app role or scope " + ROLE);
  }

  @Test void refusalsAreAuditedWithTheClaimedUserAndTheKeysAreReadOnce() throws Exception {
    final Map<String, Object> c = entra.userClaims("eve@contoso.example", emulator.clientId(), api, List.of(ROLE),
        List.of());
    c.put("aud", "api://elsewhere");
    final String token = entra.sign(c);
    refused(token, "wrong audience");
    final JsonNode line = awaitLine(l -> l.path("event").asText().equals("authentication_failed")
        && l.path("user").asText().equals("eve@contoso.example"));
    assertEquals("Bearer", line.path("scheme").asText());
    final String text = Files.readString(audit, StandardCharsets.UTF_8);
    assertFalse(text.contains(token.split("\\.")[2]), "the audit log holds a token's signature");
    // Forged key ids do not make the server read the key set again for each: at most once (a minute may have
    // passed since its last read; this class's other servers read their own, hence no count over the class).
    final long before = keyReads().size();
    for (int i = 0; i < 5; i++) {
      final EntraSigningKey forger = EntraSigningKey.generate();
      refused(forger.sign(valid()), "(kid " + forger.kid() + ")");
    }
    assertTrue(keyReads().size() - before <= 1, keyReads().toString());
  }

  /** The emulator's answers to key-set reads (it logs each before answering). */
  private static List<RecordedRequest> keyReads() {
    return emulator.requestLog().stream().filter(r -> r.path().endsWith("/discovery/v2.0/keys")).toList();
  }

  @Test void aServerOnEveryInterfaceStartsWithEntraAuthenticationFromTheCommandLine() throws Exception {
    final ServerOptions cli = ServerOptions.parse(new String[] {"--host", "0.0.0.0", "--auth", "entra",
        "--entra-tenant", emulator.tenantId(), "--entra-audience", API + "," + api.clientId(),
        "--entra-authority", emulator.authorityHost(), "--entra-required-role", ROLE,
        "--entra-ca-cert", emulator.certificateFile().toString()});
    final SecurityOptions parsed = cli.securityOptions(name -> null, warning -> { });
    assertEquals(options(), parsed.entra());
    final SecurityConfigException withoutAuth = assertThrows(SecurityConfigException.class,
        () -> ServerOptions.parse(new String[] {"--entra-tenant", "contoso.example"}).securityOptions(
            name -> null, warning -> { }));
    assertTrue(withoutAuth.getMessage().contains("need --auth entra"), withoutAuth.getMessage());
    final SecurityConfigException noAudience = assertThrows(SecurityConfigException.class,
        () -> ServerOptions.parse(new String[] {"--auth", "entra", "--entra-tenant", "contoso.example"})
            .securityOptions(name -> null, warning -> { }));
    assertTrue(noAudience.getMessage().contains("--entra-audience AUD"), noAudience.getMessage());
    final SecurityConfigException common = assertThrows(SecurityConfigException.class,
        () -> ServerOptions.parse(new String[] {"--auth", "entra", "--entra-tenant", "common", "--entra-audience",
            API}).securityOptions(name -> null, warning -> { }));
    assertTrue(common.getMessage().contains("must name one tenant"), common.getMessage());
    try (DefenderServer open = DefenderServer.start(tenant(), cli.host(), 0, ServerLimits.DEFAULT, parsed)) {
      final String token = entra.userToken("dave@contoso.example", emulator.clientId(), api, List.of(ROLE),
          List.of());
      assertEquals(SecureServers.machineIds(emulator), SecureServers.machineIds(open.jdbcUrl(), bearer(token)));
      final Exception e = assertThrows(Exception.class, () -> DriverManager.getConnection(open.jdbcUrl()).close());
      assertTrue(String.valueOf(e.getMessage()).contains("HTTP/401"), e.toString());
    }
  }

  /** The claims of a valid v2.0 user token with the required role. */
  private static Map<String, Object> valid() {
    return entra.userClaims("frank@contoso.example", emulator.clientId(), api, List.of(ROLE), List.of());
  }

  /**
   * Asserts that the driver is refused with {@code token}, and that the server's 401 describes why in
   * {@code WWW-Authenticate} and its body, without echoing the token.
   */
  private static void refused(String token, String why) throws Exception {
    // Avatica's client throws a RuntimeException naming only the status.
    final Exception e = assertThrows(Exception.class,
        () -> DriverManager.getConnection(server.jdbcUrl(), bearer(token)).close());
    assertTrue(String.valueOf(e.getMessage()).contains("HTTP/401"), e.toString());
    final RawHttp.Answer a = post(token);
    assertEquals(401, a.status(), a.body());
    final String challenge = a.headers().get("www-authenticate");
    assertNotNull(challenge, a.headers().toString());
    assertTrue(challenge.startsWith("Bearer realm=\"defender-sql\", error=\"invalid_token\", error_description=\""),
        challenge);
    assertTrue(challenge.contains(why), challenge + " should say " + why);
    assertTrue(a.body().contains(why), a.body());
    final String signature = token.substring(token.lastIndexOf('.') + 1);
    assertFalse(!signature.isEmpty() && (challenge.contains(signature) || a.body().contains(signature)),
        "the answer echoes the token");
  }

  /** A JSON request of Avatica's protocol with this bearer token (null: none). */
  private static RawHttp.Answer post(String token) throws Exception {
    return RawHttp.post(server.port(), "127.0.0.1:" + server.port(), "application/json",
        token == null ? "" : "Authorization: Bearer " + token,
        "{\"request\":\"openConnection\",\"connectionId\":\"raw-1\"}".getBytes(StandardCharsets.UTF_8));
  }

  private static Properties bearer(String token) {
    final Properties p = new Properties();
    p.setProperty("authentication", "BEARER");
    p.setProperty("bearer_token", token);
    return p;
  }

  private static JsonNode awaitLine(java.util.function.Predicate<JsonNode> wanted) throws Exception {
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      final List<JsonNode> lines = new ArrayList<>();
      if (Files.exists(audit)) {
        for (String l : Files.readAllLines(audit, StandardCharsets.UTF_8)) {
          if (!l.isBlank()) {
            lines.add(JSON.readTree(l));
          }
        }
      }
      final Optional<JsonNode> found = lines.stream().filter(wanted).findFirst();
      if (found.isPresent()) {
        return found.get();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no such audit line in " + lines);
      }
      Thread.sleep(50);
    }
  }
}
