package org.defendersql.server.security;

import java.io.IOException;
import java.nio.ByteBuffer;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's error pages (a 401 of the authenticator, a malformed request, an exception Jetty caught) as Avatica JSON
 * errors: a status line and one sentence, never Jetty's HTML page with the server's stack trace.
 */
final class AvaticaErrorHandler extends ErrorHandler {
  AvaticaErrorHandler() {
    setShowStacks(false);
    setShowServlet(false);
  }

  @Override protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request,
      HttpServletResponse response, int code, String message) throws IOException {
    final byte[] body = ErrorBodies.json(ErrorBodies.error(describe(code, message), sqlState(code), code));
    response.setContentType("application/json;charset=utf-8");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
    baseRequest.setHandled(true);
  }

  @Override public ByteBuffer badMessageError(int status, String reason, HttpFields fields) {
    fields.put(HttpHeader.CONTENT_TYPE, "application/json;charset=utf-8");
    return ByteBuffer.wrap(ErrorBodies.json(ErrorBodies.error(describe(status, reason), ErrorBodies.REJECTED,
        status)));
  }

  private static String describe(int code, String message) {
    if (code == HttpStatus.UNAUTHORIZED_401) {
      return "HTTP 401: this defender-sql server requires authentication; connect with the client properties"
          + " authentication, avatica_user and avatica_password";
    }
    // A server error's message may name the server's internals; the log has it.
    final String reason = code >= 500 || message == null || message.isBlank() ? HttpStatus.getMessage(code)
        : message;
    return "HTTP " + code + ": " + reason;
  }

  private static String sqlState(int code) {
    if (code == HttpStatus.UNAUTHORIZED_401 || code == HttpStatus.FORBIDDEN_403) {
      return "28000";
    }
    return code >= 500 ? ErrorBodies.INTERNAL : ErrorBodies.REJECTED;
  }
}
