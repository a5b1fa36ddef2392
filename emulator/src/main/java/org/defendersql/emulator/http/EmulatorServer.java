package org.defendersql.emulator.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.defendersql.emulator.RecordedRequest;
import org.defendersql.emulator.auth.TokenEndpoint;
import org.defendersql.emulator.auth.TokenService;
import org.defendersql.emulator.data.Tenant;
import org.defendersql.emulator.faults.Fault;
import org.defendersql.emulator.faults.FaultPlan;
import org.defendersql.emulator.faults.QuotaEnforcer;
import org.defendersql.model.Api;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS server on the loopback interface that carries both the token endpoint and the API, routes each
 * request, stamps it with a request id and records it in the request log.
 */
public final class EmulatorServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmulatorServer.class);
  private static final Pattern TOKEN_PATH = Pattern.compile("/([^/]+)/oauth2/v2\\.0/token/?");

  static {
    // Small writes of streamed answers otherwise wait on Nagle's algorithm and the client's delayed ACK (~40 ms a
    // request). The JDK server reads this once, before its first instance; a value set by the user is kept.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  /**
   * What the log needs of each exchange in flight. Not exchange attributes: on Java 17 those are the context's,
   * shared by every exchange.
   */
  private static final Map<HttpExchange, InFlight> IN_FLIGHT = new ConcurrentHashMap<>();

  /** An exchange's client id, hunting query and early status, and how to log it. */
  private static final class InFlight {
    volatile String clientId;
    volatile int status = -1;
    volatile String kql;
    volatile String timespan;
    Runnable record;
  }

  /** Notes the KQL query and Timespan a hunting request's body carried (for the log). */
  static void hunting(HttpExchange ex, String kql, String timespan) {
    final InFlight f = IN_FLIGHT.get(ex);
    if (f != null) {
      f.kql = kql;
      f.timespan = timespan;
    }
  }

  /** Notes the client id a request named (for the log), when it names one. */
  public static void clientId(HttpExchange ex, String clientId) {
    final InFlight f = IN_FLIGHT.get(ex);
    if (f != null && clientId != null) {
      f.clientId = clientId;
    }
  }

  /**
   * Logs the request now, with this status (-1: none was sent): for answers a client may have whole before their
   * stream is closed (a Content-Length, no body, a dropped connection).
   */
  public static void logBeforeAnswering(HttpExchange ex, int status) {
    final InFlight f = IN_FLIGHT.get(ex);
    if (f != null) {
      f.status = status;
      f.record.run();
    }
  }

  private final HttpsServer server;
  private final ExecutorService executor;
  private final RequestLog log;
  private final TokenHandler tokenHandler;
  private final FaultPlan faults;
  private ApiHandler apiHandler;
  private HuntingHandler huntingHandler;
  private final List<Extension> extensions = new CopyOnWriteArrayList<>();
  private volatile boolean mdeRetired;
  /** Exchanges of this server started and not yet closed (streams a client left open stay counted). */
  private final AtomicInteger open = new AtomicInteger();

  /**
   * Routes served on this server beside the Defender API's (Microsoft Graph's security collections). They answer
   * in their own formats; the server still stamps, logs and routes their requests, and takes their faults.
   */
  public interface Extension {
    /** Whether this extension answers the decoded path. */
    boolean serves(String path);

    /** Answers a request for a path it serves; {@code fault} is the fault planned for this request, or null. */
    void handle(HttpExchange ex, Fault fault) throws IOException;
  }

  /** The message of every Defender API route once the API is retired. */
  public static final String MDE_RETIRED = "The Microsoft Defender for Endpoint API is retired: it stopped working"
      + " after " + Api.MDE_RETIREMENT + " (Microsoft 365 message center notice MC1220762). Use the Microsoft Graph"
      + " security API instead: /v1.0/security/alerts_v2, /v1.0/security/incidents and"
      + " /v1.0/security/runHuntingQuery.";

  /**
   * Binds the server (not yet started).
   *
   * @param port 0 for any free port
   */
  public EmulatorServer(int port, TlsMaterial tls, TokenEndpoint tokenEndpoint, RequestLog log, FaultPlan faults)
      throws IOException {
    this.log = log;
    this.faults = faults;
    this.tokenHandler = new TokenHandler(tokenEndpoint);
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
    server.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
    final AtomicInteger threads = new AtomicInteger();
    executor = Executors.newFixedThreadPool(Math.max(8, Runtime.getRuntime().availableProcessors() * 4), r -> {
      final Thread t = new Thread(r, "defender-emulator-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", this::dispatch);
  }

  /**
   * The exchanges this server has started and not yet closed: a response a client stopped reading stays here
   * until the client closes its connection, so leaked streams show as a count that does not return to zero.
   */
  public int openExchanges() {
    return open.get();
  }

  /** The bound port. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Adds routes served beside the Defender API's; call before {@link #start}. */
  public void serve(Extension extension) {
    extensions.add(extension);
  }

  /**
   * Answers every Defender API path ({@code /api/...}, its advanced hunting included) with 410 Gone and
   * {@link #MDE_RETIRED}, as after the API's retirement; Graph and the token endpoint keep answering.
   */
  public void retireMdeApi() {
    mdeRetired = true;
  }

  /** Starts serving the API over the tenant's data. */
  public void start(Tenant tenant, TokenService tokens, int pageSize, String baseUrl, QuotaEnforcer quotas) {
    start(tenant, tokens, pageSize, baseUrl, quotas, null);
  }

  /** Starts serving the API and, when {@code hunting} is given, both advanced-hunting endpoints. */
  public void start(Tenant tenant, TokenService tokens, int pageSize, String baseUrl, QuotaEnforcer quotas,
      HuntingService hunting) {
    apiHandler = new ApiHandler(tenant, tokens, pageSize, baseUrl, quotas);
    huntingHandler = hunting == null ? null : new HuntingHandler(hunting, tokens, faults);
    server.start();
  }

  private void dispatch(HttpExchange ex) {
    open.incrementAndGet();
    try {
      answer(ex);
    } finally {
      open.decrementAndGet();
    }
  }

  private void answer(HttpExchange ex) {
    final Instant time = Instant.now();
    final String requestId = RequestIds.next();
    ex.getResponseHeaders().set("request-id", requestId);
    final AtomicBoolean logged = new AtomicBoolean();
    final InFlight state = new InFlight();
    state.record = () -> {
      if (logged.compareAndSet(false, true)) {
        log.add(new RecordedRequest(time, ex.getRequestMethod(), ex.getRequestURI().getPath(),
            ex.getRequestURI().getRawQuery(), state.status >= 0 ? state.status : ex.getResponseCode(),
            state.clientId, state.kql, state.timespan));
      }
    };
    final Runnable record = state.record;
    IN_FLIGHT.put(ex, state);
    // The request is logged before the last byte of its answer leaves, so a client that has read an answer
    // finds its request in the log.
    ex.setStreams(null, new FilterOutputStream(ex.getResponseBody()) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        record.run();
        super.close();
      }
    });
    try {
      final String path = ex.getRequestURI().getPath();
      final Matcher token = TOKEN_PATH.matcher(path);
      final ApiRoute route = ApiRoute.resolve(path);
      final HuntingHandler.Dialect hunting = huntingHandler == null ? null : HuntingHandler.Dialect.of(path);
      final Extension extension = extensions.stream().filter(x -> x.serves(path)).findFirst().orElse(null);
      if (token.matches()) {
        tokenHandler.handle(ex, token.group(1));
      } else if (mdeRetired && isMdePath(path)) {
        Responses.error(ex, 410, "Gone", MDE_RETIRED, requestId);
      } else if (hunting != null) {
        huntingHandler.handle(ex, hunting, requestId, faults.take(path));
      } else if (route != null) {
        final Fault fault = faults.take(path);
        if (fault == null || fault.altersBody() || fault == Fault.EXPIRED_TOKEN || fault == Fault.PERMISSION_REMOVED
            || FaultyAnswers.answer(ex, fault, faults, requestId)) {
          apiHandler.handle(ex, route, requestId, fault);
        }
      } else if (extension != null) {
        extension.handle(ex, faults.take(path));
      } else {
        Responses.empty(ex, 404);
      }
    } catch (IOException e) {
      // The client went away mid-response: nothing to answer.
      LOG.debug("request {} failed: {}", requestId, e.toString());
    } catch (RuntimeException e) {
      LOG.warn("request {} failed", requestId, e);
      if (ex.getResponseCode() < 0) {
        try {
          Responses.error(ex, 500, "InternalServerError", "An unexpected error occurred.", requestId);
        } catch (IOException ignored) {
          // nothing more to tell the client
        }
      }
    } finally {
      record.run();
      IN_FLIGHT.remove(ex);
      ex.close();
    }
  }

  /** Whether a decoded path is the Defender API's: its first segment is {@code api}, in any case. */
  private static boolean isMdePath(String path) {
    final String p = path.startsWith("/") ? path.substring(1) : path;
    final int slash = p.indexOf('/');
    return (slash < 0 ? p : p.substring(0, slash)).equalsIgnoreCase("api");
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
