package org.defendersql.server;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.server.HttpServer;
import org.apache.calcite.avatica.server.ServerCustomizer;
import org.defendersql.server.observe.HealthCheck;
import org.defendersql.server.observe.ObservingService;
import org.defendersql.server.observe.OpsHandler;
import org.defendersql.server.observe.ServerObserver;
import org.defendersql.server.security.AuthMode;
import org.defendersql.server.security.ConnectionOwners;
import org.defendersql.server.security.SecurityOptions;
import org.defendersql.server.security.ServerSecurity;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running defender-sql JDBC server: an Avatica HTTP server whose connections are Calcite connections to the
 * Defender schema of a {@link TenantSource}, with the authentication, TLS and request guard of its
 * {@link SecurityOptions}.
 */
public final class DefenderServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DefenderServer.class);
  /** How long a health answer is kept: frequent probes cost the API at most one request per schema per period. */
  private static final Duration HEALTH_PERIOD = Duration.ofSeconds(30);

  private final HttpServer http;
  private final DefenderJdbcMeta meta;
  private final TenantSource tenant;
  private final String host;
  private final ServerSecurity security;
  private final ConnectionOwners owners;
  private final ServerObserver observer;
  private final TenantClients clients;
  private final GracefulShutdown shutdown;

  private DefenderServer(HttpServer http, DefenderJdbcMeta meta, TenantSource tenant, String host,
      ServerSecurity security, ConnectionOwners owners, ServerObserver observer, TenantClients clients,
      GracefulShutdown shutdown) {
    this.http = http;
    this.meta = meta;
    this.tenant = tenant;
    this.host = host;
    this.security = security;
    this.owners = owners;
    this.observer = observer;
    this.clients = clients;
    this.shutdown = shutdown;
  }

  /**
   * Starts a server.
   *
   * @param tenant the tenant to serve
   * @param host   the interface to listen on ({@code 127.0.0.1} keeps it to this machine)
   * @param port   the port, 0 for a free one
   */
  static DefenderServer start(TenantSource tenant, String host, int port) throws SQLException {
    return start(tenant, host, port, ServerLimits.DEFAULT);
  }

  /**
   * Starts a server with its own limits.
   *
   * @param tenant the tenant to serve
   * @param host   the interface to listen on ({@code 127.0.0.1} keeps it to this machine)
   * @param port   the port, 0 for a free one
   * @param limits idle times of abandoned statements and connections, and the server's query timeout
   */
  static DefenderServer start(TenantSource tenant, String host, int port, ServerLimits limits) throws SQLException {
    return start(tenant, host, port, limits, SecurityOptions.NONE);
  }

  /**
   * Starts a server with its own limits and security.
   *
   * @param tenant   the tenant to serve
   * @param host     the interface to listen on; beyond loopback only with authentication
   * @param port     the port, 0 for a free one
   * @param limits   idle times of abandoned statements and connections, and the server's query timeout
   * @param options  authentication, TLS, public host names, request body limit
   * @throws org.defendersql.server.security.SecurityConfigException when the options cannot work there (no
   *         authentication beyond loopback, a users file with a plain-text password, a key store that does not open)
   */
  static DefenderServer start(TenantSource tenant, String host, int port, ServerLimits limits,
      SecurityOptions options) throws SQLException {
    return start(tenant, host, port, limits, options, null);
  }

  /**
   * Starts a server with its own limits, security and audit log.
   *
   * @param auditLog the file the audit log is appended to ({@code -}: standard output), null for none
   * @throws SQLException when the audit log cannot be opened, or as the other {@code start}s
   */
  static DefenderServer start(TenantSource tenant, String host, int port, ServerLimits limits,
      SecurityOptions options, String auditLog) throws SQLException {
    final ServerSecurity security = ServerSecurity.prepare(host, options);
    security.warnings().forEach(w -> LOG.warn(w));
    final ServerObserver observer;
    try {
      observer = ServerObserver.start(auditLog, limits.statementIdle());
    } catch (IOException e) {
      throw new SQLException("Cannot open the audit log " + auditLog + " for appending: " + e.getMessage(),
          SqlStates.CONNECTION_REJECTED, e);
    }
    final Properties properties = connectionProperties(tenant);
    properties.putAll(limits.avaticaCacheSettings());
    final DefenderJdbcMeta meta = new DefenderJdbcMeta("jdbc:calcite:", properties, limits);
    final ServerCustomizer<Server> bindHost = server -> {
      for (Connector c : server.getConnectors()) {
        if (c instanceof ServerConnector sc) {
          sc.setHost(host);
        }
      }
    };
    final ConnectionOwners owners = new ConnectionOwners(limits.connectionIdle());
    final TenantClients clients = new TenantClients(connectionProperties(tenant));
    final HealthCheck health = new HealthCheck(clients::bySchema, observer, HEALTH_PERIOD);
    final GracefulShutdown shutdown = new GracefulShutdown();
    final HttpServer http = security.configure(new HttpServer.Builder<Server>())
        .withHandler(security.scoped(new OpsHandler(new SerializationSniffingHandler(
            ObservingService.of(ErrorReportingService.of(shutdown.gate(owners.guard(MetadataRequests.of(
                JsonColumnsService.of(new LocalService(meta), meta::servesArraysAsJson))))), observer)),
            observer, health, meta::openConnections, meta::openStatements)))
        .withPort(port)
        .withServerCustomizers(List.of(bindHost, security.customizer(observer.securityEvents()),
            shutdown.customizer()), Server.class)
        .build();
    try {
      http.start();
    } catch (RuntimeException e) {
      meta.close();
      clients.close();
      closeQuietly(observer);
      throw e;
    }
    return new DefenderServer(http, meta, tenant, host, security, owners, observer, clients, shutdown);
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      LOG.warn("Closing {} failed: {}", c.getClass().getSimpleName(), e.toString());
    }
  }

  /**
   * The Calcite properties of every connection. Identifiers are matched without regard to case and unquoted
   * ones keep their case, so {@code select severity from defender.alerts} and
   * {@code SELECT Severity FROM DEFENDER.ALERTS} both work; BI tools may quote with double quotes. Clients
   * cannot set these over Avatica, so the server decides. Timestamps are UTC. NULLs sort last, ascending and
   * descending: Avatica's client driver answers {@code nullsAreSortedAtEnd() == true} whatever the server does,
   * and clients plan on that (a second Calcite federating this server merge-joins on it), so the server must
   * sort so. {@code ORDER BY ... LIMIT} still becomes {@code $orderby} where the API's order (nulls lowest) is the
   * same: never-null columns, descending, or ascending {@code NULLS FIRST}.
   */
  static Properties connectionProperties(TenantSource tenant) {
    final Properties p = new Properties();
    p.setProperty("model", tenant.model());
    p.setProperty("caseSensitive", "false");
    p.setProperty("unquotedCasing", "UNCHANGED");
    p.setProperty("quotedCasing", "UNCHANGED");
    p.setProperty("quoting", "DOUBLE_QUOTE");
    p.setProperty("timeZone", "UTC");
    p.setProperty("defaultNullCollation", "LAST");
    return p;
  }

  /** The port the server listens on. */
  public int port() {
    return http.getPort();
  }

  /** The statements the server holds for clients, after expiring idle ones (for tests). */
  long openStatements() {
    return meta.openStatements();
  }

  /** The prepared statements the server keeps for query texts its clients send again (for tests). */
  int reusedPlans() {
    return meta.reusedPlans();
  }

  /** Whether a graceful shutdown has begun (for tests). */
  boolean draining() {
    return shutdown.draining();
  }

  /** The user who opened a client's connection, on a server with authentication (for tests). */
  Optional<String> connectionUser(String connectionId) {
    return owners.owner(connectionId);
  }

  /** The JDBC URL a client connects with (authentication and trust store options to be added). */
  public String jdbcUrl() {
    return "jdbc:avatica:remote:url=" + baseUrl() + ";serialization=protobuf";
  }

  /** The server's HTTP(S) address, where {@code /health} and {@code /metrics} are too. */
  public String baseUrl() {
    final String h = "0.0.0.0".equals(host) || "::".equals(host) ? "localhost" : host;
    return security.scheme() + "://" + h + ":" + port();
  }

  /** How clients authenticate. */
  public AuthMode authentication() {
    return security.options().auth();
  }

  /** What the server serves, for its banner. */
  public String description() {
    return tenant.description();
  }

  /**
   * Stops the server gracefully (SIGTERM): refuses new connections, lets running statements end for up to
   * {@code grace}, cancels those still running, then closes everything as {@link #close()} does, the audit log
   * flushed last.
   */
  public void shutdown(Duration grace) {
    shutdown.drain(grace, meta);
    close();
  }

  @Override public void close() {
    http.stop();
    meta.close();
    clients.close();
    closeQuietly(observer);
    if (tenant.emulator() != null) {
      tenant.emulator().close();
    }
  }
}
