package org.defendersql.emulator.auth;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The tenant's own APIs as Entra ID protects them: APIs registered with an app ID URI (such as
 * {@code api://defender-sql}), the app roles granted to client apps on them, and the RS256 access tokens Entra ID
 * issues for them, signed with keys the tenant publishes (OpenID metadata and JWKS, see {@link OpenIdEndpoint}), so
 * that a server holding no secret of the tenant can check them. Tokens carry what Entra ID's do: {@code iss},
 * {@code aud}, {@code tid}, {@code oid}, the client ({@code azp} in v2.0 tokens, {@code appid} in v1.0), the
 * granted {@code roles}, and for a user {@code preferred_username} (v2.0) or {@code upn} (v1.0) and the delegated
 * {@code scp}.
 */
public final class EntraIssuer {
  private final String tenantId;
  private final Duration lifetime;
  private final Clock clock;
  /** Published keys, oldest first; the last signs. Made on first use: most emulators never issue such a token. */
  private final List<EntraSigningKey> keys = new CopyOnWriteArrayList<>();
  private final Map<String, ProtectedApi> apis = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> grants = new ConcurrentHashMap<>();
  private volatile String authority = "https://login.microsoftonline.com";

  /**
   * An API registered in the tenant.
   *
   * @param appIdUri     its application ID URI, the {@code aud} of v1.0 tokens and the resource of a scope
   * @param clientId     its application (client) id, the {@code aud} of v2.0 tokens
   * @param tokenVersion 1 or 2: the access token version the API's manifest asks for
   *                     ({@code requestedAccessTokenVersion})
   */
  public record ProtectedApi(String appIdUri, String clientId, int tokenVersion) {
  }

  public EntraIssuer(String tenantId, Duration lifetime, Clock clock) {
    this.tenantId = tenantId;
    this.lifetime = lifetime;
    this.clock = clock;
  }

  /** The authority host tokens are issued under, e.g. {@code https://localhost:43123}; set when the server binds. */
  public void authority(String baseUrl) {
    this.authority = baseUrl;
  }

  public String authority() {
    return authority;
  }

  public String tenantId() {
    return tenantId;
  }

  /** Whether a path's tenant segment designates this tenant (its id, ignoring case). */
  public boolean isTenant(String tenant) {
    return tenant.equalsIgnoreCase(tenantId);
  }

  /** The issuer of v2.0 tokens: {@code {authority}/{tenant}/v2.0}. */
  public String issuerV2() {
    return authority + "/" + tenantId + "/v2.0";
  }

  /** The issuer of v1.0 tokens, the same in every cloud Entra ID's public instance serves. */
  public String issuerV1() {
    return "https://sts.windows.net/" + tenantId + "/";
  }

  /**
   * Registers an API with this app ID URI; its client id is derived from the URI, so the same URI always has the
   * same id.
   *
   * @param tokenVersion 1 or 2, the version of the access tokens issued for it
   */
  public ProtectedApi registerApi(String appIdUri, int tokenVersion) {
    if (tokenVersion != 1 && tokenVersion != 2) {
      throw new IllegalArgumentException("token version 1 or 2, not " + tokenVersion);
    }
    final ProtectedApi api = new ProtectedApi(appIdUri, UUID.nameUUIDFromBytes(
        ("api:" + appIdUri).getBytes(StandardCharsets.UTF_8)).toString(), tokenVersion);
    apis.put(key(appIdUri), api);
    apis.put(key(api.clientId()), api);
    return api;
  }

  /** The API a resource names (its app ID URI or client id, with or without a trailing slash). */
  public Optional<ProtectedApi> api(String resource) {
    String r = key(resource);
    while (r.endsWith("/")) {
      r = r.substring(0, r.length() - 1);
    }
    return Optional.ofNullable(apis.get(r));
  }

  /** Grants a client app these app roles on an API (admin consent); they appear in the app's tokens' roles. */
  public void grantRoles(String clientId, String appIdUri, Collection<String> roles) {
    grants.computeIfAbsent(key(clientId) + " " + key(appIdUri), k -> ConcurrentHashMap.newKeySet()).addAll(roles);
  }

  /** The claims of a client-credentials (app-only) token of {@code clientId} for {@code api}. */
  public Map<String, Object> appClaims(String clientId, ProtectedApi api) {
    final Map<String, Object> claims = common(api, UUID.nameUUIDFromBytes(
        ("sp:" + key(clientId)).getBytes(StandardCharsets.UTF_8)).toString());
    client(claims, api, clientId);
    final Set<String> roles = new TreeSet<>(grants.getOrDefault(key(clientId) + " " + key(api.appIdUri()),
        Set.of()));
    if (!roles.isEmpty()) {
      // Entra ID leaves the claim out when no role of the API is granted.
      claims.put("roles", new ArrayList<>(roles));
    }
    return claims;
  }

  /**
   * The claims of a token a user got through {@code clientId} for {@code api}: the user's name as
   * {@code preferred_username} (v2.0) or {@code upn} and {@code unique_name} (v1.0), the user's app roles and the
   * delegated scopes.
   */
  public Map<String, Object> userClaims(String userName, String clientId, ProtectedApi api,
      Collection<String> roles, Collection<String> scopes) {
    final Map<String, Object> claims = common(api, UUID.nameUUIDFromBytes(
        ("user:" + userName.toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8)).toString());
    client(claims, api, clientId);
    claims.put("name", userName);
    if (api.tokenVersion() == 2) {
      claims.put("preferred_username", userName);
    } else {
      claims.put("upn", userName);
      claims.put("unique_name", userName);
    }
    if (!roles.isEmpty()) {
      claims.put("roles", new ArrayList<>(new TreeSet<>(roles)));
    }
    if (!scopes.isEmpty()) {
      claims.put("scp", String.join(" ", new TreeSet<>(scopes)));
    }
    return claims;
  }

  /** A client-credentials token of {@code clientId} for {@code api}, signed with the tenant's current key. */
  public String appToken(String clientId, ProtectedApi api) {
    return sign(appClaims(clientId, api));
  }

  /** A user's token, signed with the tenant's current key; see {@link #userClaims}. */
  public String userToken(String userName, String clientId, ProtectedApi api, Collection<String> roles,
      Collection<String> scopes) {
    return sign(userClaims(userName, clientId, api, roles, scopes));
  }

  /** Signs any claims with the tenant's current key (tests of a server's checks change them first). */
  public String sign(Map<String, Object> claims) {
    return currentKey().sign(claims);
  }

  /** The key tokens are signed with now. */
  public synchronized EntraSigningKey currentKey() {
    if (keys.isEmpty()) {
      keys.add(EntraSigningKey.generate());
    }
    return keys.get(keys.size() - 1);
  }

  /**
   * Rolls the signing key over, as Entra ID does: a new key signs from now on and is published beside the old ones.
   *
   * @return the new key
   */
  public synchronized EntraSigningKey rotateKey() {
    currentKey();
    final EntraSigningKey next = EntraSigningKey.generate();
    keys.add(next);
    return next;
  }

  /** The tenant's JSON Web Key Set: every published key. */
  public Map<String, Object> jwks() {
    currentKey();
    return Map.of("keys", keys.stream().map(EntraSigningKey::jwk).toList());
  }

  /** The v2.0 OpenID Connect metadata of the tenant, as {@code .well-known/openid-configuration} answers it. */
  public Map<String, Object> openIdConfiguration() {
    final String base = authority + "/" + tenantId;
    final Map<String, Object> m = new LinkedHashMap<>();
    m.put("token_endpoint", base + "/oauth2/v2.0/token");
    m.put("token_endpoint_auth_methods_supported", List.of("client_secret_post", "private_key_jwt",
        "client_secret_basic"));
    m.put("jwks_uri", base + OpenIdEndpoint.KEYS);
    m.put("response_modes_supported", List.of("query", "fragment", "form_post"));
    m.put("subject_types_supported", List.of("pairwise"));
    m.put("id_token_signing_alg_values_supported", List.of("RS256"));
    m.put("response_types_supported", List.of("code", "id_token", "code id_token", "id_token token"));
    m.put("scopes_supported", List.of("openid", "profile", "email", "offline_access"));
    m.put("issuer", issuerV2());
    m.put("authorization_endpoint", base + "/oauth2/v2.0/authorize");
    m.put("tenant_region_scope", "EU");
    m.put("cloud_instance_name", "microsoftonline.com");
    return m;
  }

  public Duration lifetime() {
    return lifetime;
  }

  private Map<String, Object> common(ProtectedApi api, String oid) {
    final long now = clock.instant().getEpochSecond();
    final Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("aud", api.tokenVersion() == 2 ? api.clientId() : api.appIdUri());
    claims.put("iss", api.tokenVersion() == 2 ? issuerV2() : issuerV1());
    claims.put("iat", now);
    claims.put("nbf", now);
    claims.put("exp", now + lifetime.toSeconds());
    claims.put("aio", UUID.randomUUID().toString().replace("-", ""));
    claims.put("oid", oid);
    claims.put("sub", oid);
    claims.put("tid", tenantId);
    claims.put("uti", UUID.randomUUID().toString().replace("-", "").substring(0, 22));
    claims.put("ver", api.tokenVersion() == 2 ? "2.0" : "1.0");
    return claims;
  }

  private static void client(Map<String, Object> claims, ProtectedApi api, String clientId) {
    if (api.tokenVersion() == 2) {
      claims.put("azp", clientId);
      claims.put("azpacr", "1");
    } else {
      claims.put("appid", clientId);
      claims.put("appidacr", "1");
    }
  }

  private static String key(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
