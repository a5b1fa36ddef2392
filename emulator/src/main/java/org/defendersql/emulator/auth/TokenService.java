package org.defendersql.emulator.auth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues the tenant's access tokens for the Defender API and checks the bearer tokens the API receives:
 * signature, lifetime (no clock skew allowed, so a client that reuses an expired token is caught), tenant,
 * audience and application roles.
 */
public final class TokenService {
  private final String tenantId;
  private final Duration lifetime;
  private final Clock clock;
  private final Jwt jwt;
  /** Tokens made to expire early (a fault), as a token that ran out in the middle of a scan. */
  private final Set<String> expired = ConcurrentHashMap.newKeySet();

  public TokenService(String tenantId, Duration lifetime, Clock clock) {
    this.tenantId = tenantId;
    this.lifetime = lifetime;
    this.clock = clock;
    final byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    this.jwt = new Jwt(key, Base64.getUrlEncoder().withoutPadding().encodeToString(
        UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII)).substring(0, 27));
  }

  /** The issuer Azure AD's v1 access tokens carry for this tenant. */
  public String issuer() {
    return "https://sts.windows.net/" + tenantId + "/";
  }

  public Duration lifetime() {
    return lifetime;
  }

  /** A token for the app and the Defender API, valid from now for the configured lifetime. */
  public String issue(App app) {
    return issue(app, DefenderAudience.AUDIENCE);
  }

  /**
   * A token for the app and an audience ({@link DefenderAudience#AUDIENCE} or {@link GraphAudience#AUDIENCE}),
   * carrying only the app's roles of that API.
   */
  public String issue(App app, String audience) {
    final long now = clock.instant().getEpochSecond();
    final Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("aud", audience);
    claims.put("iss", issuer());
    claims.put("iat", now);
    claims.put("nbf", now);
    claims.put("exp", now + lifetime.toSeconds());
    claims.put("aio", UUID.randomUUID().toString().replace("-", ""));
    claims.put("appid", app.clientId());
    claims.put("appidacr", "1");
    claims.put("idp", issuer());
    final String oid = UUID.nameUUIDFromBytes(app.clientId().getBytes(StandardCharsets.UTF_8)).toString();
    claims.put("oid", oid);
    final boolean graph = audience.equals(GraphAudience.AUDIENCE);
    final List<String> roles = app.roles().stream().filter(r -> GraphAudience.isGraphRole(r) == graph).sorted()
        .toList();
    if (!roles.isEmpty()) {
      // Azure AD leaves the claim out when no role of the API is granted.
      claims.put("roles", roles);
    }
    claims.put("sub", oid);
    claims.put("tid", tenantId);
    claims.put("uti", UUID.randomUUID().toString().replace("-", "").substring(0, 22));
    claims.put("ver", "1.0");
    return jwt.sign(claims);
  }

  /** Signs arbitrary claims with this tenant's key, for tests of the API's checks. */
  public String sign(Map<String, Object> claims) {
    return jwt.sign(claims);
  }

  /**
   * Checks an {@code Authorization} header for a request needing any one of {@code requiredRoles}.
   *
   * @param header the header value, or null when absent
   */
  public Verdict check(String header, Collection<String> requiredRoles) {
    return check(header, requiredRoles, Set.of());
  }

  /** Makes the token of this {@code Authorization} header expired from now on. */
  public void expire(String header) {
    if (header != null && header.length() > 7) {
      expired.add(header.substring(7).trim());
    }
  }

  /**
   * Checks a header as {@link #check(String, Collection)} does, as if the app had lost {@code removedRoles}
   * (a permission removed from the app).
   */
  public Verdict check(String header, Collection<String> requiredRoles, Set<String> removedRoles) {
    return check(header, requiredRoles, removedRoles, DefenderAudience.AUDIENCE);
  }

  /**
   * Checks a header for an API of this audience: a token for another audience is refused, for Graph with its 401
   * {@code InvalidAuthenticationToken} wording.
   */
  public Verdict check(String header, Collection<String> requiredRoles, Set<String> removedRoles, String audience) {
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
      return Verdict.denied(401, null, "Authorization header is missing or is not a Bearer token.");
    }
    final Map<String, Object> claims;
    try {
      claims = jwt.verify(header.substring(7).trim());
    } catch (Jwt.InvalidTokenException e) {
      return Verdict.denied(401, null, e.getMessage());
    }
    final String appId = claims.get("appid") instanceof String s ? s : null;
    final long now = clock.instant().getEpochSecond();
    if (!(claims.get("exp") instanceof Number exp) || !(claims.get("nbf") instanceof Number nbf)) {
      return Verdict.denied(401, appId, "The access token is malformed: it lacks exp or nbf.");
    }
    if (now >= exp.longValue() || expired.contains(header.substring(7).trim())) {
      return Verdict.denied(401, appId, "The access token has expired.");
    }
    if (now < nbf.longValue()) {
      return Verdict.denied(401, appId, "The access token is not yet valid.");
    }
    if (!tenantId.equals(claims.get("tid")) || !issuer().equals(claims.get("iss"))) {
      return Verdict.denied(401, appId, "The access token was issued for another tenant.");
    }
    if (!audience.equals(claims.get("aud"))) {
      if (audience.equals(GraphAudience.AUDIENCE)) {
        return Verdict.denied(401, appId, "Access token validation failure. Invalid audience.");
      }
      return Verdict.denied(403, appId, "The access token audience '" + claims.get("aud")
          + "' is not valid for this API; request a token for " + audience + ".");
    }
    final List<String> roles = new ArrayList<>();
    if (claims.get("roles") instanceof List<?> list) {
      list.forEach(r -> roles.add(String.valueOf(r)));
    }
    roles.removeAll(removedRoles);
    if (requiredRoles.stream().noneMatch(roles::contains)) {
      return Verdict.denied(403, appId, "Missing application roles. API required roles: "
          + String.join(", ", requiredRoles) + ". Application roles: "
          + (roles.isEmpty() ? "none" : String.join(", ", roles)) + ".");
    }
    return new Verdict(200, appId, null);
  }

  /**
   * The outcome of checking a bearer token.
   *
   * @param status  200 when the request may proceed, else 401 or 403
   * @param appId   the token's application when its signature was valid, else null
   * @param message why the request was denied
   */
  public record Verdict(int status, String appId, String message) {
    static Verdict denied(int status, String appId, String message) {
      return new Verdict(status, appId, message);
    }

    public boolean allowed() {
      return status == 200;
    }
  }
}
