package org.defendersql.server.security;

import java.io.IOException;
import java.security.Principal;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.server.AvaticaHandler;
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
    final String before = RequestUser.enter(principal == null ? null : principal.getName(),
        request.getRemoteAddr());
    try {
      super.handle(target, baseRequest, request, response);
    } finally {
      RequestUser.leave(before);
    }
  }
}
