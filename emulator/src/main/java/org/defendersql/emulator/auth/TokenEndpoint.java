package org.defendersql.emulator.auth;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The client-credentials flow of Azure AD's v2.0 token endpoint, {@code POST /{tenant}/oauth2/v2.0/token},
 * independent of HTTP: takes the tenant from the path and the decoded form, answers a token or an
 * {@link AadError}, validating in the order Azure AD does (tenant, grant type, client, credential, scope). The
 * credential is the client secret or a signed client assertion: a JWT signed with the app's certificate, or a
 * federated token (workload identity), see {@link ClientAssertions}.
 */
public final class TokenEndpoint {
  /** Scopes OpenID Connect adds, which MSAL may send along and which name no resource. */
  private static final Set<String> OIDC_SCOPES = Set.of("openid", "profile", "offline_access");

  private final String tenantId;
  private final AppRegistry apps;
  private final TokenService tokens;
  private final ClientAssertions assertions;
  private final Clock assertionClock;
  private volatile String authority;
  private volatile EntraIssuer ownApis;

  /** The only {@code client_assertion_type} Entra ID accepts. */
  public static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

  public TokenEndpoint(String tenantId, AppRegistry apps, TokenService tokens) {
    this(tenantId, apps, tokens, Clock.systemUTC());
  }

  /**
   * An endpoint that checks the times of client assertions on {@code assertionClock} (a clock ahead of the
   * machine's plays a client whose clock is late).
   */
  public TokenEndpoint(String tenantId, AppRegistry apps, TokenService tokens, Clock assertionClock) {
    this.tenantId = tenantId;
    this.apps = apps;
    this.tokens = tokens;
    this.assertions = new ClientAssertions(apps);
    this.assertionClock = assertionClock;
  }

  /**
   * The authority host this endpoint is reached at, e.g. {@code https://localhost:43123}: client assertions must
   * be addressed to its token endpoint. Until set, any host's token endpoint of this tenant is accepted.
   */
  public void authority(String baseUrl) {
    this.authority = baseUrl;
  }

  /**
   * The tenant's own APIs ({@code api://...}): a scope naming one of them is answered with {@code issuer}'s RS256
   * token for it, carrying the roles granted to the client on that API.
   */
  public void protectedApis(EntraIssuer issuer) {
    this.ownApis = issuer;
  }

  /**
   * The outcome of a token request.
   *
   * @param accessToken the token, or null on error
   * @param error       the error, or null on success
   * @param clientId    the client id the request named (for the request log), or null
   */
  public record Result(String accessToken, long expiresIn, AadError error, String clientId) {
  }

  /** Whether a path tenant segment designates this tenant (its id, ignoring case). */
  public boolean isTenant(String tenant) {
    return tenant.equalsIgnoreCase(tenantId);
  }

  /** Answers a request with another method than POST. */
  public Result wrongMethod(String method) {
    return new Result(null, 0, AadError.postOnly(method), null);
  }

  /** Handles a POSTed token request for the path's tenant segment. */
  public Result handle(String tenant, Map<String, String> form) {
    final String clientId = blankToNull(form.get("client_id"));
    if (!isTenant(tenant)) {
      return error(AadError.tenantNotFound(tenant), clientId);
    }
    final String grantType = blankToNull(form.get("grant_type"));
    if (grantType == null) {
      return error(AadError.missingParameter("grant_type"), clientId);
    }
    if (!grantType.equals("client_credentials")) {
      return error(AadError.unsupportedGrantType(grantType), clientId);
    }
    if (clientId == null) {
      return error(AadError.missingParameter("client_id"), null);
    }
    final Optional<App> app = apps.find(clientId);
    if (app.isEmpty()) {
      return error(AadError.unknownClient(clientId, tenantId), clientId);
    }
    final AadError refused = credential(app.get(), clientId, form);
    if (refused != null) {
      return error(refused, clientId);
    }
    final String scope = blankToNull(form.get("scope"));
    if (scope == null) {
      return error(AadError.missingParameter("scope"), clientId);
    }
    final List<String> resources = new ArrayList<>();
    for (String s : scope.trim().split("\\s+")) {
      if (OIDC_SCOPES.contains(s.toLowerCase(Locale.ROOT))) {
        continue;
      }
      if (!s.endsWith("/.default")) {
        return error(AadError.notDefaultScope(s), clientId);
      }
      resources.add(s.substring(0, s.length() - "/.default".length()));
    }
    final Set<String> distinct = new LinkedHashSet<>(resources);
    if (distinct.size() != 1) {
      return error(AadError.invalidScope(scope), clientId);
    }
    final String resource = distinct.iterator().next();
    final EntraIssuer own = ownApis;
    final Optional<EntraIssuer.ProtectedApi> api = own == null ? Optional.empty() : own.api(resource);
    if (api.isPresent()) {
      return new Result(own.appToken(app.get().clientId(), api.get()), own.lifetime().toSeconds(), null, clientId);
    }
    if (GraphAudience.names(resource)) {
      return new Result(tokens.issue(app.get(), GraphAudience.AUDIENCE), tokens.lifetime().toSeconds(), null,
          clientId);
    }
    if (!DefenderAudience.names(resource)) {
      return error(AadError.unknownResource(resource, tenantId), clientId);
    }
    return new Result(tokens.issue(app.get()), tokens.lifetime().toSeconds(), null, clientId);
  }

  /** Null when the request's secret or client assertion signs the app in, else Entra ID's error. */
  private AadError credential(App app, String clientId, Map<String, String> form) {
    final String assertion = blankToNull(form.get("client_assertion"));
    if (assertion != null) {
      final String type = blankToNull(form.get("client_assertion_type"));
      if (type == null) {
        return AadError.missingParameter("client_assertion_type");
      }
      if (!type.equals(JWT_BEARER)) {
        return AadError.unsupportedAssertionType(type);
      }
      return assertions.check(clientId, assertion, this::isOwnAudience, assertionClock.instant());
    }
    final String secret = form.get("client_secret");
    if (secret == null || secret.isEmpty()) {
      return AadError.missingSecret();
    }
    if (!AppRegistry.secretMatches(app, secret)) {
      return AadError.wrongSecret(clientId);
    }
    return null;
  }

  /**
   * Whether an assertion's audience is this tenant's token endpoint (v2.0 or v1) at this authority, or at any
   * host until the authority is known.
   */
  private boolean isOwnAudience(String aud) {
    final String a = aud.toLowerCase(Locale.ROOT);
    final String base = authority == null ? null : authority.toLowerCase(Locale.ROOT);
    for (String path : List.of("/oauth2/v2.0/token", "/oauth2/token")) {
      final String tail = "/" + tenantId.toLowerCase(Locale.ROOT) + path;
      if (base == null ? a.endsWith(tail) : a.equals(base + tail)) {
        return true;
      }
    }
    return false;
  }

  private static Result error(AadError e, String clientId) {
    return new Result(null, 0, e, clientId);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
