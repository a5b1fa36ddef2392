package org.defendersql.server.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Checks an Entra ID access token for this server, in this order: a JWT signed RS256 (never {@code alg: none}, an
 * HMAC or another algorithm), by a key of the tenant's published key set ({@link EntraKeys}), issued by the tenant
 * (v2.0 {@code {authority}/{tenant id}/v2.0} or v1.0 {@code https://sts.windows.net/{tenant id}/}), within its
 * {@code nbf}..{@code exp} with at most {@link #SKEW} of clock skew, for one of the server's audiences, carrying the
 * required app role or scope if one is configured. The accepted token's user is its {@code preferred_username}
 * (v2.0 user tokens), else its {@code upn} (v1.0 user tokens), else its {@code oid} (app-only tokens of a service
 * principal or managed identity, which name no user).
 */
final class EntraTokenValidator {
  /** The clock skew allowed on {@code exp} and {@code nbf}. */
  static final Duration SKEW = Duration.ofMinutes(5);
  /** The longest token read; Entra ID's are 1 to 3 KiB, and a header carries no more than a few KiB. */
  private static final int MAX_TOKEN = 16 * 1024;

  private final EntraOptions options;
  private final EntraKeys keys;
  private final Clock clock;

  /**
   * The outcome: the user and roles of a valid token, or why it is refused.
   *
   * @param user        the server user, null when refused
   * @param roles       the token's app roles and delegated scopes
   * @param refusal     why the token is refused, without the token; null when accepted
   * @param serverFault whether the refusal is the server's (its keys could not be read), not the token's
   */
  record Outcome(String user, List<String> roles, String refusal, boolean serverFault) {
    static Outcome refused(String why) {
      return new Outcome(null, List.of(), why, false);
    }

    boolean accepted() {
      return refusal == null;
    }
  }

  EntraTokenValidator(EntraOptions options, EntraKeys keys, Clock clock) {
    this.options = options;
    this.keys = keys;
    this.clock = clock;
  }

  /** A validator reading the tenant's keys over HTTPS, again at most once a minute. */
  static EntraTokenValidator of(EntraOptions options) {
    return new EntraTokenValidator(options, new EntraKeys(options, Clock.systemUTC(), Duration.ofMinutes(1)),
        Clock.systemUTC());
  }

  Outcome validate(String token) {
    if (token == null || token.isBlank()) {
      return Outcome.refused("no access token");
    }
    if (token.length() > MAX_TOKEN) {
      return Outcome.refused("the token is longer than " + MAX_TOKEN + " characters");
    }
    final JWT jwt;
    try {
      jwt = JWTParser.parse(token.trim());
    } catch (ParseException e) {
      return Outcome.refused("the token is not a JWT");
    }
    if (jwt instanceof PlainJWT) {
      return Outcome.refused("the token is unsigned (alg none); only RS256 tokens signed by the tenant are accepted");
    }
    if (jwt instanceof EncryptedJWT || !(jwt instanceof SignedJWT signed)) {
      return Outcome.refused("the token is encrypted; send the access token Entra ID issued for this server");
    }
    final JWSAlgorithm alg = signed.getHeader().getAlgorithm();
    if (!JWSAlgorithm.RS256.equals(alg)) {
      return Outcome.refused("the token is signed with " + alg + "; only RS256 tokens signed by the tenant are"
          + " accepted");
    }
    final String kid = signed.getHeader().getKeyID();
    if (kid == null) {
      return Outcome.refused("bad signature: the token names no signing key (kid)");
    }
    final String tenantId;
    final String issuerV2;
    final Optional<JWK> key;
    try {
      key = keys.key(kid);
      tenantId = keys.tenantId();
      issuerV2 = keys.issuer();
    } catch (EntraKeys.KeysUnavailable e) {
      return new Outcome(null, List.of(), "defender-sql cannot read the signing keys of Entra ID tenant "
          + options.tenant() + " from " + options.metadataUrl() + " (" + e.getMessage() + "); the server's log"
          + " has the details", true);
    }
    if (key.isEmpty() || !(key.get() instanceof RSAKey rsa)) {
      return Outcome.refused("bad signature: the token is signed by a key that is not among tenant " + tenantId
          + "'s signing keys (kid " + printable(kid) + ")");
    }
    try {
      if (!signed.verify(new RSASSAVerifier(rsa))) {
        return Outcome.refused("bad signature: the token's signature does not verify with tenant " + tenantId
            + "'s key " + printable(kid));
      }
    } catch (JOSEException e) {
      return Outcome.refused("bad signature: " + e.getMessage());
    }
    final JWTClaimsSet claims;
    try {
      claims = signed.getJWTClaimsSet();
    } catch (ParseException e) {
      return Outcome.refused("the token's claims are not a JSON object");
    }
    return checkClaims(claims, tenantId, issuerV2);
  }

  private Outcome checkClaims(JWTClaimsSet claims, String tenantId, String issuerV2) {
    final String issuer = claims.getIssuer();
    final String issuerV1 = "https://sts.windows.net/" + tenantId + "/";
    if (issuer == null || !issuer.equals(issuerV2) && !issuer.equals(issuerV1)) {
      return Outcome.refused("unknown issuer: the token was issued by " + printable(issuer) + ", not by tenant "
          + tenantId + " (" + issuerV2 + " or " + issuerV1 + ")");
    }
    final Object tid = claims.getClaim("tid");
    if (tid != null && !tenantId.equalsIgnoreCase(String.valueOf(tid))) {
      return Outcome.refused("unknown issuer: the token is of tenant " + printable(String.valueOf(tid))
          + ", not " + tenantId);
    }
    final Instant now = clock.instant();
    final Date exp = claims.getExpirationTime();
    if (exp == null) {
      return Outcome.refused("the token has no expiry (exp)");
    }
    if (now.isAfter(exp.toInstant().plus(SKEW))) {
      return Outcome.refused("expired: the token expired at " + exp.toInstant() + "; get a new one");
    }
    final Date nbf = claims.getNotBeforeTime();
    if (nbf != null && now.isBefore(nbf.toInstant().minus(SKEW))) {
      return Outcome.refused("the token is not valid before " + nbf.toInstant() + " (check the clocks)");
    }
    final List<String> aud = claims.getAudience();
    if (aud.stream().noneMatch(options.audiences()::contains)) {
      return Outcome.refused("wrong audience: the token is for " + printable(String.join(", ", aud))
          + ", not for this server (" + String.join(" or ", options.audiences()) + "); ask Entra ID for a token"
          + " with the scope " + options.audiences().get(0) + "/.default");
    }
    final List<String> roles = new ArrayList<>();
    try {
      final List<String> r = claims.getStringListClaim("roles");
      if (r != null) {
        roles.addAll(r);
      }
      final String scp = claims.getStringClaim("scp");
      if (scp != null && !scp.isBlank()) {
        roles.addAll(Arrays.asList(scp.trim().split("\\s+")));
      }
    } catch (ParseException e) {
      return Outcome.refused("the token's roles or scp claim is malformed");
    }
    if (options.requiredRole() != null && !roles.contains(options.requiredRole())) {
      return Outcome.refused("the token lacks the app role or scope " + options.requiredRole() + " this server"
          + " requires (it has " + (roles.isEmpty() ? "none" : printable(String.join(", ", roles))) + ")");
    }
    final String user = firstString(claims, "preferred_username", "upn", "oid");
    if (user == null) {
      return Outcome.refused("the token names no user (no preferred_username, upn or oid)");
    }
    return new Outcome(user, List.copyOf(roles), null, false);
  }

  private static String firstString(JWTClaimsSet claims, String... names) {
    for (String n : names) {
      if (claims.getClaim(n) instanceof String s && !s.isBlank()) {
        return s;
      }
    }
    return null;
  }

  /** A value from the token, fit for a log line and a header: printable ASCII without quotes, and short. */
  static String printable(String value) {
    return printable(value, 120);
  }

  /** As {@link #printable(String)}, at most {@code max} characters. */
  static String printable(String value, int max) {
    if (value == null) {
      return "(none)";
    }
    final StringBuilder b = new StringBuilder();
    value.codePoints().filter(c -> c >= 0x20 && c < 0x7f && c != '"' && c != '\\')
        .limit(max).forEach(b::appendCodePoint);
    return value.length() > max ? b + "..." : b.toString();
  }
}
