package org.defendersql.server.security;

import java.io.IOException;
import java.security.Principal;
import javax.security.auth.Subject;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.security.AbstractLoginService;
import org.eclipse.jetty.security.Authenticator;
import org.eclipse.jetty.security.ConstraintMapping;
import org.eclipse.jetty.security.ConstraintSecurityHandler;
import org.eclipse.jetty.security.DefaultIdentityService;
import org.eclipse.jetty.security.DefaultUserIdentity;
import org.eclipse.jetty.security.ServerAuthException;
import org.eclipse.jetty.security.UserAuthentication;
import org.eclipse.jetty.server.Authentication;
import org.eclipse.jetty.util.security.Constraint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty's authenticator for {@code Authorization: Bearer} Entra ID access tokens, which Avatica's server lacks
 * (its client sends them with {@code authentication=BEARER}): a request without a token is challenged with
 * {@code WWW-Authenticate: Bearer realm="defender-sql"}, which is what makes Avatica's HTTP client send its token;
 * a refused token is answered 401 with {@code error="invalid_token"} and an {@code error_description} saying what
 * was wrong (expired, wrong audience, bad signature, unknown issuer), never the token itself; a valid one makes
 * its user ({@link EntraTokenValidator}) the request's, as BASIC authentication would.
 */
final class EntraAuthenticator implements Authenticator {
  private static final Logger LOG = LoggerFactory.getLogger(EntraAuthenticator.class);
  static final String REALM = "defender-sql";

  private final EntraTokenValidator validator;

  EntraAuthenticator(EntraTokenValidator validator) {
    this.validator = validator;
  }

  /** A security handler that requires a valid token for every path. */
  static ConstraintSecurityHandler securityHandler(EntraTokenValidator validator) {
    final Constraint constraint = new Constraint("Bearer", Constraint.ANY_AUTH);
    constraint.setAuthenticate(true);
    final ConstraintMapping mapping = new ConstraintMapping();
    mapping.setPathSpec("/*");
    mapping.setConstraint(constraint);
    final ConstraintSecurityHandler handler = new ConstraintSecurityHandler();
    handler.setAuthenticator(new EntraAuthenticator(validator));
    handler.setIdentityService(new DefaultIdentityService());
    handler.setRealmName(REALM);
    handler.addConstraintMapping(mapping);
    return handler;
  }

  @Override public void setConfiguration(AuthConfiguration configuration) {
  }

  @Override public String getAuthMethod() {
    return "BEARER";
  }

  @Override public void prepareRequest(ServletRequest request) {
  }

  @Override public Authentication validateRequest(ServletRequest req, ServletResponse res, boolean mandatory)
      throws ServerAuthException {
    final HttpServletRequest request = (HttpServletRequest) req;
    final HttpServletResponse response = (HttpServletResponse) res;
    final String header = request.getHeader(HttpHeader.AUTHORIZATION.asString());
    final String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
        ? header.substring(7).trim() : null;
    if (token == null || token.isEmpty()) {
      if (!mandatory) {
        return Authentication.UNAUTHENTICATED;
      }
      return challenge(request, response, "Bearer realm=\"" + REALM + "\"", "HTTP 401: this defender-sql server"
          + " requires an Entra ID access token; connect with the client properties authentication=BEARER and"
          + " bearer_token (or bearer_token_provider_class)");
    }
    final EntraTokenValidator.Outcome outcome = validator.validate(token);
    if (outcome.serverFault()) {
      LOG.error("Cannot check a bearer token from {}: {}", request.getRemoteAddr(), outcome.refusal());
      send(request, response, HttpStatus.INTERNAL_SERVER_ERROR_500, outcome.refusal(), ErrorBodies.INTERNAL);
      return Authentication.SEND_FAILURE;
    }
    if (!outcome.accepted()) {
      LOG.warn("Refused a bearer token from {}: {}", request.getRemoteAddr(), outcome.refusal());
      challenge(request, response, "Bearer realm=\"" + REALM + "\", error=\"invalid_token\","
          + " error_description=\"" + EntraTokenValidator.printable(outcome.refusal(), 600) + "\"",
          "HTTP 401: the Entra ID access token is refused: " + outcome.refusal());
      return Authentication.SEND_FAILURE;
    }
    final Principal principal = new EntraPrincipal(outcome.user());
    final Subject subject = new Subject();
    subject.getPrincipals().add(principal);
    // As Jetty's login services do: the roles are principals of the subject too, where the server reads them.
    outcome.roles().forEach(r -> subject.getPrincipals().add(new AbstractLoginService.RolePrincipal(r)));
    subject.setReadOnly();
    return new UserAuthentication(getAuthMethod(), new DefaultUserIdentity(subject, principal,
        outcome.roles().toArray(String[]::new)));
  }

  @Override public boolean secureResponse(ServletRequest request, ServletResponse response, boolean mandatory,
      Authentication.User user) {
    return true;
  }

  private static Authentication challenge(HttpServletRequest request, HttpServletResponse response,
      String wwwAuthenticate, String message) throws ServerAuthException {
    response.setHeader(HttpHeader.WWW_AUTHENTICATE.asString(), wwwAuthenticate);
    send(request, response, HttpStatus.UNAUTHORIZED_401, message, "28000");
    return Authentication.SEND_CONTINUE;
  }

  private static void send(HttpServletRequest request, HttpServletResponse response, int status, String message,
      String sqlState) throws ServerAuthException {
    try {
      final String type = request.getContentType();
      ErrorBodies.write(response, status, ErrorBodies.error(message, sqlState, status),
          type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/octet-stream"));
    } catch (IOException e) {
      throw new ServerAuthException(e);
    }
  }

  /** The user an accepted token names. */
  private record EntraPrincipal(String getName) implements Principal {
  }
}
