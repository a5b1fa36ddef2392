package org.defendersql.emulator.auth;

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
 * {@link AadError}, validating in the order Azure AD does (tenant, grant type, client, secret, scope).
 */
public final class TokenEndpoint {
  /** Scopes OpenID Connect adds, which MSAL may send along and which name no resource. */
  private static final Set<String> OIDC_SCOPES = Set.of("openid", "profile", "offline_access");

  private final String tenantId;
  private final AppRegistry apps;
  private final TokenService tokens;

  public TokenEndpoint(String tenantId, AppRegistry apps, TokenService tokens) {
    this.tenantId = tenantId;
    this.apps = apps;
    this.tokens = tokens;
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
    final String secret = form.get("client_secret");
    if (secret == null || secret.isEmpty()) {
      return error(AadError.missingSecret(), clientId);
    }
    if (!AppRegistry.secretMatches(app.get(), secret)) {
      return error(AadError.wrongSecret(clientId), clientId);
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
    if (GraphAudience.names(resource)) {
      return new Result(tokens.issue(app.get(), GraphAudience.AUDIENCE), tokens.lifetime().toSeconds(), null,
          clientId);
    }
    if (!DefenderAudience.names(resource)) {
      return error(AadError.unknownResource(resource, tenantId), clientId);
    }
    return new Result(tokens.issue(app.get()), tokens.lifetime().toSeconds(), null, clientId);
  }

  private static Result error(AadError e, String clientId) {
    return new Result(null, 0, e, clientId);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
