package org.defendersql.server;

import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.server.HttpServer;
import org.apache.calcite.avatica.server.ServerCustomizer;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A running defender-sql JDBC server: an Avatica HTTP server whose connections are Calcite connections to the
 * Defender schema of a {@link TenantSource}.
 */
public final class DefenderServer implements AutoCloseable {
  private final HttpServer http;
  private final DefenderJdbcMeta meta;
  private final TenantSource tenant;
  private final String host;

  private DefenderServer(HttpServer http, DefenderJdbcMeta meta, TenantSource tenant, String host) {
    this.http = http;
    this.meta = meta;
    this.tenant = tenant;
    this.host = host;
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
    final HttpServer http = new HttpServer.Builder<Server>()
        .withHandler(new SerializationSniffingHandler(
            ErrorReportingService.of(MetadataRequests.of(
                JsonColumnsService.of(new LocalService(meta), meta::servesArraysAsJson)))))
        .withPort(port)
        .withServerCustomizers(List.of(bindHost), Server.class)
        .build();
    http.start();
    return new DefenderServer(http, meta, tenant, host);
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

  /** The JDBC URL a client connects with. */
  public String jdbcUrl() {
    final String h = "0.0.0.0".equals(host) ? "localhost" : host;
    return "jdbc:avatica:remote:url=http://" + h + ":" + port() + ";serialization=protobuf";
  }

  /** What the server serves, for its banner. */
  public String description() {
    return tenant.description();
  }

  @Override public void close() {
    http.stop();
    meta.close();
    if (tenant.emulator() != null) {
      tenant.emulator().close();
    }
  }
}
