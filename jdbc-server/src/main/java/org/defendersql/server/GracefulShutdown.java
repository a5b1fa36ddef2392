package org.defendersql.server;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.calcite.avatica.jdbc.StatementInfo;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.server.ServerCustomizer;
import org.defendersql.server.security.GetEndpoints;
import org.eclipse.jetty.security.SecurityHandler;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.HandlerWrapper;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a server down without cutting its clients off in the middle of a statement (SIGTERM, Ctrl-C): new JDBC
 * connections are refused at once (SQLState 57P03, PostgreSQL's "cannot connect now"), while the open ones go on
 * for a grace period so that their running statements can end (executing, or with a result set still being
 * read); what still runs then is cancelled through the
 * {@link QueryGuard}'s cancel flags (its clients get 57014), and Jetty stops only after the answers in flight
 * are written. The HTTP port itself stays open during the grace period, since a client finishing a statement
 * may need a new HTTP connection for its next request.
 */
final class GracefulShutdown {
  private static final Logger LOG = LoggerFactory.getLogger(GracefulShutdown.class);
  /** How long cancelled statements get to unwind, and Jetty to write the answers in flight. */
  static final Duration CANCEL_WAIT = Duration.ofSeconds(10);
  /** How long clients must have sent nothing before the shutdown goes on while statements are still open. */
  static final Duration QUIET = Duration.ofSeconds(1);
  private static final long POLL_MILLIS = 50;

  private final AtomicBoolean draining = new AtomicBoolean();
  private final StatisticsHandler requests = new StatisticsHandler();
  private volatile Server jetty;

  /** Whether the shutdown has begun. */
  boolean draining() {
    return draining.get();
  }

  /** The Avatica service, refusing new connections once the shutdown has begun. */
  Service gate(Service service) {
    return (Service) Proxy.newProxyInstance(Service.class.getClassLoader(), new Class<?>[] {Service.class},
        (proxy, method, args) -> {
          if (draining.get() && args != null && args.length == 1
              && args[0] instanceof Service.OpenConnectionRequest) {
            throw new ClientError("The server is shutting down and accepts no new connections; connect again"
                + " when it is back", SqlStates.CANNOT_CONNECT_NOW);
          }
          try {
            return method.invoke(service, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  /**
   * The Jetty customizer that counts the HTTP requests in flight, so that stopping waits for their answers, and
   * answers {@code GET /health} with 503 "shutting down" once the shutdown has begun, so that a load balancer
   * sends no new clients; behind the authentication (and the request guard) as every {@code /health} is.
   */
  ServerCustomizer<Server> customizer() {
    return server -> {
      final Handler outer = server.getHandler();
      final HandlerWrapper health = new DrainingHealth();
      // Innermost of the security: after the authentication when there is one, else after the request guard.
      HandlerWrapper at = outer instanceof HandlerWrapper w ? w : null;
      for (Handler h = outer; h instanceof HandlerWrapper w; h = w.getHandler()) {
        if (w instanceof SecurityHandler) {
          at = w;
          break;
        }
      }
      if (at != null) {
        health.setHandler(at.getHandler());
        at.setHandler(health);
        requests.setHandler(outer);
      } else {
        health.setHandler(outer);
        requests.setHandler(health);
      }
      server.setHandler(requests);
      jetty = server;
    };
  }

  /** {@code GET /health} while the server shuts down. */
  private final class DrainingHealth extends HandlerWrapper {
    @Override public void handle(String target, Request baseRequest, HttpServletRequest request,
        HttpServletResponse response) throws IOException, ServletException {
      if (draining.get() && "GET".equals(request.getMethod()) && GetEndpoints.HEALTH.equals(target)) {
        final byte[] body = "{\"status\":\"down\",\"reason\":\"shutting down\"}".getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setContentType("application/json; charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        baseRequest.setHandled(true);
        return;
      }
      super.handle(target, baseRequest, request, response);
    }
  }

  /**
   * Refuses new connections, waits up to {@code grace} for the clients' statements to end, then cancels those
   * still running and waits (up to {@link #CANCEL_WAIT}) for them to unwind. The caller closes the server
   * afterwards.
   *
   * <p>The statements have ended when none executes or fetches, no result set is open, and either no statement
   * is open or no request came for {@link #QUIET} (a client closes a statement right after its last frame, and
   * that close should still reach the server; a statement a connection pool keeps open should not hold the
   * shutdown for the whole grace period).
   */
  void drain(Duration grace, DefenderJdbcMeta meta) {
    if (draining.getAndSet(true)) {
      return;
    }
    LOG.info("Shutting down: no new connections; running statements get {} s to end", grace.toSeconds());
    final BooleanSupplier running = meta.guard()::running;
    final long[] seen = {requests.getRequests(), System.nanoTime()};
    final boolean ended = await(grace, () -> {
      final int total = requests.getRequests();
      if (total != seen[0] || requests.getRequestsActive() > 0 || running.getAsBoolean()
          || meta.readingResults()) {
        seen[0] = total;
        seen[1] = System.nanoTime();
        return false;
      }
      return meta.openStatements() == 0 || System.nanoTime() - seen[1] >= QUIET.toNanos();
    });
    if (!ended && running.getAsBoolean()) {
      meta.guard().cancelAll("the server is shutting down and its grace period (" + grace.toSeconds()
          + " s) is over");
      if (!await(CANCEL_WAIT, () -> !running.getAsBoolean())) {
        LOG.warn("Statements still run {} s after they were cancelled; stopping anyway", CANCEL_WAIT.toSeconds());
      }
    }
    final Server s = jetty;
    if (s != null) {
      // Stopping then closes the port and waits for the answers in flight (the cancelled statements' errors).
      s.setStopTimeout(CANCEL_WAIT.toMillis());
    }
  }

  /**
   * Whether a client's result set is open on the server: it is being read, and its statement runs on until it
   * is closed (its last frame read, or the client's close).
   */
  static boolean readingResults(Iterable<StatementInfo> statements) {
    for (StatementInfo info : statements) {
      final ResultSet rs = info.getResultSet();
      try {
        if (rs != null && !rs.isClosed()) {
          return true;
        }
      } catch (SQLException e) {
        // A result set that cannot tell is closing: nothing to wait for.
      }
    }
    return false;
  }

  /** Waits until {@code done} or the time is up; whether it is done. */
  private static boolean await(Duration time, BooleanSupplier done) {
    final long deadline = System.nanoTime() + time.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() - deadline >= 0) {
        return false;
      }
      try {
        TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return done.getAsBoolean();
      }
    }
    return true;
  }
}
