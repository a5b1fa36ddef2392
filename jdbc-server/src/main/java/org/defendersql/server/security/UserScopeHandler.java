package org.defendersql.server.security;

import java.io.IOException;
import java.security.Principal;
import java.util.HashSet;
import java.util.Set;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.server.AvaticaHandler;
import org.eclipse.jetty.security.AbstractLoginService;
import org.eclipse.jetty.server.Authentication;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * Avatica's handler run as the request's authenticated user ({@link RequestUser}): it sits inside Jetty's
 * authentication, where the user is known, and around Avatica's handling, where the statement runs.
 */
final class UserScopeHandler extends HandlerWrapper implements AvaticaHandler {
  private final AvaticaHandler avatica;

  UserScopeHandler(AvaticaHandler avatica) {
    this.avatica = avatica;
    setHandler(avatica);
  }

  @Override public void setServerRpcMetadata(Service.RpcMetadataResponse metadata) {
    avatica.setServerRpcMetadata(metadata);
  }

  @Override public void handle(String target, Request baseRequest, HttpServletRequest request,
      HttpServletResponse response) throws IOException, ServletException {
    final Principal principal = request.getUserPrincipal();
    final String before = RequestUser.enter(principal == null ? null : principal.getName(), roles(baseRequest),
        request.getRemoteAddr());
    try {
      super.handle(target, baseRequest, request, response);
    } finally {
      RequestUser.leave(before);
    }
  }

  /** The roles Jetty's login service gave the user: role principals of the user identity's subject. */
  private static Set<String> roles(Request request) {
    if (!(request.getAuthentication() instanceof Authentication.User user)
        || user.getUserIdentity().getSubject() == null) {
      return Set.of();
    }
    final Set<String> roles = new HashSet<>();
    for (AbstractLoginService.RolePrincipal r
        : user.getUserIdentity().getSubject().getPrincipals(AbstractLoginService.RolePrincipal.class)) {
      roles.add(r.getName());
    }
    return roles;
  }
}
