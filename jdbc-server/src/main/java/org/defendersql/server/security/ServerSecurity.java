package org.defendersql.server.security;

import java.io.File;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.server.AvaticaHandler;
import org.apache.calcite.avatica.server.HttpServer;
import org.apache.calcite.avatica.server.ServerCustomizer;
import org.eclipse.jetty.security.ConstraintSecurityHandler;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.security.Constraint;

/**
 * The security of one server, checked before it starts and applied to Avatica's {@code HttpServer.Builder}:
 * Avatica's BASIC or DIGEST authentication with the users file, Avatica's TLS with the key store, and a Jetty
 * customizer that puts the {@link RequestGuard} in front of everything (then, for Entra ID tokens, the
 * {@link EntraAuthenticator} Avatica lacks) and Avatica JSON error pages in place of Jetty's HTML ones.
 */
public final class ServerSecurity {
  private final SecurityOptions options;
  private final AllowedHosts hosts;
  private final List<String> warnings;
  /** The checker of Entra ID tokens, kept with its cache of the tenant's keys; null for the other modes. */
  private final EntraTokenValidator entra;

  private ServerSecurity(SecurityOptions options, AllowedHosts hosts, List<String> warnings,
      EntraTokenValidator entra) {
    this.options = options;
    this.hosts = hosts;
    this.warnings = List.copyOf(warnings);
    this.entra = entra;
  }

  /**
   * Checks {@code options} for a server listening on {@code host}: where it may listen without authentication
   * ({@link Exposure}), the users file, the key store.
   *
   * @throws SecurityConfigException naming what to change
   */
  public static ServerSecurity prepare(String host, SecurityOptions options) {
    final InetAddress bind;
    try {
      bind = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new SecurityConfigException("Cannot listen on " + host + ": no such host or address", e);
    }
    Exposure.refusal(bind, options).ifPresent(message -> {
      throw new SecurityConfigException(message);
    });
    final List<String> warnings = new ArrayList<>(Exposure.warnings(bind, options));
    if (options.usersFile() != null) {
      UsersFile.read(options.usersFile(), options.auth(), warnings);
    }
    if (options.tls() != null) {
      options.tls().check(warnings);
    }
    EntraTokenValidator entra = null;
    if (options.entra() != null) {
      options.entra().check();
      entra = EntraTokenValidator.of(options.entra());
    }
    return new ServerSecurity(options, AllowedHosts.of(host, bind, options.publicHosts()), warnings, entra);
  }

  /** What works but should be changed, for the server's log. */
  public List<String> warnings() {
    return warnings;
  }

  /** {@code http} or {@code https}. */
  public String scheme() {
    return options.tls() == null ? "http" : "https";
  }

  /** The options this was prepared from. */
  public SecurityOptions options() {
    return options;
  }

  /** Avatica's handler, run as each request's authenticated user ({@link RequestUser}). */
  public AvaticaHandler scoped(AvaticaHandler handler) {
    return new UserScopeHandler(handler);
  }

  /** Authentication and TLS on Avatica's builder. */
  public <T> HttpServer.Builder<T> configure(HttpServer.Builder<T> builder) {
    // Any user of the file, whatever roles it lists: the file is the list of who may connect.
    final String[] anyUser = {Constraint.ANY_AUTH};
    switch (options.auth()) {
    case BASIC -> builder.withBasicAuthentication(options.usersFile().toString(), anyUser);
    case DIGEST -> builder.withDigestAuthentication(options.usersFile().toString(), anyUser);
    // Avatica has no bearer authentication: the customizer adds it.
    case NONE, ENTRA -> {
    }
    }
    final TlsKeyStore tls = options.tls();
    if (tls != null) {
      final File ks = tls.file().toFile();
      // Avatica wants a trust store too; the server asks no client certificate, so its own key store serves.
      builder.withTLS(ks, tls.password(), ks, tls.password(), tls.type(), null, null);
    }
    return builder;
  }

  /** The Jetty customizer that guards every request and answers Jetty's own errors as Avatica errors. */
  public ServerCustomizer<Server> customizer() {
    return customizer(SecurityEvents.NONE);
  }

  /** As {@link #customizer()}, telling {@code events} of each refused request and refused credentials. */
  public ServerCustomizer<Server> customizer(SecurityEvents events) {
    return server -> {
      final RequestGuard guard = new RequestGuard(hosts, options.tls() != null, options.maxRequestBytes(), events);
      if (entra != null) {
        final ConstraintSecurityHandler bearer = EntraAuthenticator.securityHandler(entra);
        bearer.setHandler(server.getHandler());
        server.setHandler(bearer);
      }
      guard.setHandler(server.getHandler());
      server.setHandler(guard);
      server.setErrorHandler(new AvaticaErrorHandler());
      if (options.tls() != null) {
        for (Connector c : server.getConnectors()) {
          final SslConnectionFactory ssl = c.getConnectionFactory(SslConnectionFactory.class);
          if (c instanceof ServerConnector sc && ssl != null) {
            sc.addFirstConnectionFactory(new PlainHttpDetector(ssl));
          }
        }
      }
    };
  }
}
