package org.defendersql.server.security;

import java.io.IOException;
import java.util.Locale;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.calcite.avatica.remote.Service.ErrorResponse;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first handler of every request, before authentication and Avatica. It refuses what no JDBC client sends
 * and a web page would: a {@code Host} that is not the server's (a page whose DNS name was rebound to this
 * machine), any {@code Origin} or {@code Sec-Fetch-*} header (browsers send them, Avatica's client never does),
 * another method than POST, another content type than Avatica's ({@code application/json},
 * {@code application/octet-stream}; a page can post {@code text/plain} without asking), plain HTTP on a TLS port,
 * and a body over the limit. Whatever fails below it, even a Java {@code Error}, is answered as an Avatica error
 * response, never as Jetty's HTML page with a stack trace.
 */
final class RequestGuard extends HandlerWrapper {
  private static final Logger LOG = LoggerFactory.getLogger(RequestGuard.class);

  private final AllowedHosts hosts;
  private final boolean tls;
  private final long maxBodyBytes;
  private final SecurityEvents events;

  /** A request turned away before anything read it. */
  private record Refusal(int status, String message, String sqlState) {
  }

  RequestGuard(AllowedHosts hosts, boolean tls, long maxBodyBytes, SecurityEvents events) {
    this.hosts = hosts;
    this.tls = tls;
    this.maxBodyBytes = maxBodyBytes;
    this.events = events;
  }

  @Override public void handle(String target, Request baseRequest, HttpServletRequest request,
      HttpServletResponse response) throws IOException, ServletException {
    final Refusal refusal = refusal(baseRequest, request);
    if (refusal != null) {
      LOG.warn("Refused a request from {}: {}", request.getRemoteAddr(), refusal.message());
      events.refused(refusal.status(), request.getRemoteAddr());
      answer(baseRequest, response, refusal.status(),
          ErrorBodies.error(refusal.message(), refusal.sqlState(), refusal.status()), false);
      return;
    }
    final LimitedBody body = new LimitedBody(request, maxBodyBytes);
    try {
      super.handle(target, baseRequest, body, response);
      if (response.getStatus() == HttpStatus.UNAUTHORIZED_401) {
        reportRefusedCredentials(request);
      }
      // A handler's sendError is answered by the error handler after this; leave it alone.
      if (!baseRequest.isHandled() && !response.isCommitted() && response.getStatus() == HttpStatus.OK_200) {
        answer(baseRequest, response, HttpStatus.NOT_FOUND_404, ErrorBodies.error("HTTP 404: nothing is served"
            + " here", ErrorBodies.REJECTED, HttpStatus.NOT_FOUND_404), !body.looksLikeJson());
      }
    } catch (LimitedBody.TooLarge e) {
      LOG.warn("Refused a request from {}: {}", request.getRemoteAddr(), e.getMessage());
      answer(baseRequest, response, HttpStatus.PAYLOAD_TOO_LARGE_413, tooLarge(), !body.looksLikeJson());
    } catch (Throwable t) {
      final ResourceErrors.Failure failure = ResourceErrors.of(t).orElse(new ResourceErrors.Failure(
          "defender-sql failed (" + t.getClass().getSimpleName() + "); the server's log has the details",
          ErrorBodies.INTERNAL));
      LOG.error("A request from {} failed outside Avatica's error handling", request.getRemoteAddr(), t);
      if (response.isCommitted()) {
        // Part of the answer is on its way; only ending the connection tells the client.
        throw new IOException("the response was already under way when the request failed", t);
      }
      answer(baseRequest, response, HttpStatus.INTERNAL_SERVER_ERROR_500,
          ErrorBodies.error(failure.message(), failure.sqlState(), HttpStatus.INTERNAL_SERVER_ERROR_500),
          !body.looksLikeJson());
    }
  }

  private Refusal refusal(Request baseRequest, HttpServletRequest request) {
    if (tls && !(baseRequest.getHttpChannel().getEndPoint() instanceof SslConnection.DecryptedEndPoint)) {
      return new Refusal(HttpStatus.BAD_REQUEST_400, "HTTP 400: this defender-sql server speaks HTTPS only;"
          + " connect with url=https://... and the client properties truststore and truststore_password",
          ErrorBodies.REJECTED);
    }
    final String host = request.getHeader(HttpHeader.HOST.asString());
    final String uriHost = baseRequest.getHttpURI().getHost();
    if (!hosts.allows(host) || uriHost != null && !hosts.allows(uriHost)) {
      return new Refusal(HttpStatus.FORBIDDEN_403, "HTTP 403: the Host " + quote(host) + " is not this server's"
          + " name or address, so the request is refused (a web page rebinding its name to this machine would"
          + " send it); if clients reach the server by that name, start it with --public-host NAME",
          ErrorBodies.REJECTED);
    }
    if (request.getHeader(HttpHeader.ORIGIN.asString()) != null || request.getHeader("Sec-Fetch-Site") != null
        || request.getHeader("Sec-Fetch-Mode") != null) {
      return new Refusal(HttpStatus.FORBIDDEN_403, "HTTP 403: requests from web browsers (with an Origin or"
          + " Sec-Fetch header) are refused; JDBC clients send neither", ErrorBodies.REJECTED);
    }
    if ("GET".equals(request.getMethod()) && GetEndpoints.PATHS.contains(baseRequest.getHttpURI().getPath())) {
      return null;
    }
    if (!"POST".equals(request.getMethod())) {
      return new Refusal(HttpStatus.METHOD_NOT_ALLOWED_405, "HTTP 405: only POST is served (Avatica's protocol)",
          ErrorBodies.REJECTED);
    }
    final String type = request.getContentType();
    if (!isAvaticaContentType(type)) {
      return new Refusal(HttpStatus.UNSUPPORTED_MEDIA_TYPE_415, "HTTP 415: the content type " + quote(type)
          + " is not Avatica's; send application/octet-stream (protobuf) or application/json",
          ErrorBodies.REJECTED);
    }
    if (request.getContentLengthLong() > maxBodyBytes) {
      return new Refusal(HttpStatus.PAYLOAD_TOO_LARGE_413, tooLarge().errorMessage, ErrorBodies.LIMIT_EXCEEDED);
    }
    return null;
  }

  /** A 401 to a request that carried credentials: they were refused (without any, it is the usual challenge). */
  private void reportRefusedCredentials(HttpServletRequest request) {
    final String authorization = request.getHeader(HttpHeader.AUTHORIZATION.asString());
    if (authorization == null || authorization.isBlank()) {
      return;
    }
    final String[] parts = authorization.trim().split("\\s+", 2);
    final String user = RefusedCredentials.user(parts[0], parts.length > 1 ? parts[1] : "");
    LOG.warn("Authentication failed for {} from {} ({})", user == null ? "a client" : "user " + quote(user),
        request.getRemoteAddr(), parts[0]);
    events.authenticationFailed(parts[0], user, request.getRemoteAddr());
  }

  private ErrorResponse tooLarge() {
    return ErrorBodies.error("HTTP 413: the request is larger than this server's limit of " + maxBodyBytes
        + " bytes (--max-request-bytes); send a shorter statement or fewer parameters at a time",
        ErrorBodies.LIMIT_EXCEEDED, HttpStatus.PAYLOAD_TOO_LARGE_413);
  }

  /** Whether {@code type} is one of Avatica's media types, with or without parameters such as a charset. */
  static boolean isAvaticaContentType(String type) {
    if (type == null) {
      return false;
    }
    final int semicolon = type.indexOf(';');
    final String media = (semicolon < 0 ? type : type.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    return media.equals("application/octet-stream") || media.equals("application/json");
  }

  private static void answer(Request baseRequest, HttpServletResponse response, int status,
      ErrorResponse error, boolean protobuf) throws IOException {
    final boolean bodyUnread = !baseRequest.getHttpInput().isFinished();
    response.reset();
    if (status == HttpStatus.METHOD_NOT_ALLOWED_405) {
      response.setHeader(HttpHeader.ALLOW.asString(), "POST");
    }
    if (bodyUnread) {
      // The rest of a refused body is never read: end the connection rather than skip it.
      response.setHeader(HttpHeader.CONNECTION.asString(), "close");
    }
    ErrorBodies.write(response, status, error, protobuf);
    baseRequest.setHandled(true);
  }

  private static String quote(String value) {
    if (value == null) {
      return "(none)";
    }
    return "'" + (value.length() > 100 ? value.substring(0, 100) + "..." : value) + "'";
  }
}
