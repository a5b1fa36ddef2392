package org.defendersql.server.observe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.server.AvaticaHandler;
import org.defendersql.server.security.GetEndpoints;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * Answers {@code GET /metrics} and {@code GET /health} beside Avatica's protocol. It sits inside the server's
 * authentication (a server with users asks for them here too) and behind its request guard (Host and Origin).
 */
public final class OpsHandler extends HandlerWrapper implements AvaticaHandler {
  private final AvaticaHandler avatica;
  private final ServerObserver observer;
  private final HealthCheck health;
  private final LongSupplier openConnections;
  private final LongSupplier openStatements;

  public OpsHandler(AvaticaHandler avatica, ServerObserver observer, HealthCheck health,
      LongSupplier openConnections, LongSupplier openStatements) {
    this.avatica = avatica;
    this.observer = observer;
    this.health = health;
    this.openConnections = openConnections;
    this.openStatements = openStatements;
    setHandler(avatica);
  }

  @Override public void setServerRpcMetadata(Service.RpcMetadataResponse metadata) {
    avatica.setServerRpcMetadata(metadata);
  }

  @Override public void handle(String target, Request baseRequest, HttpServletRequest request,
      HttpServletResponse response) throws IOException, ServletException {
    if ("GET".equals(request.getMethod()) && GetEndpoints.METRICS.equals(target)) {
      answer(baseRequest, response, HttpServletResponse.SC_OK, "text/plain; version=0.0.4; charset=utf-8",
          observer.metricsText(openConnections.getAsLong(), openStatements.getAsLong()));
      return;
    }
    if ("GET".equals(request.getMethod()) && GetEndpoints.HEALTH.equals(target)) {
      final HealthCheck.Result r = health.check();
      answer(baseRequest, response, r.up() ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE,
          "application/json; charset=utf-8", r.json());
      return;
    }
    super.handle(target, baseRequest, request, response);
  }

  private static void answer(Request baseRequest, HttpServletResponse response, int status, String type,
      String body) throws IOException {
    final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.setContentType(type);
    response.setHeader("Cache-Control", "no-store");
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
    baseRequest.setHandled(true);
  }
}
