package org.defendersql.jdbc;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.ConnectionConfig;
import org.apache.calcite.avatica.remote.AvaticaHttpClient;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.RemoteProtobufService;
import org.apache.calcite.avatica.remote.RemoteService;
import org.apache.calcite.avatica.remote.Service;

/**
 * Stops a statement's running request on the server from a thread other than the one waiting for it. Avatica's
 * protocol has no cancel request, but the defender-sql server stops a statement's running request when the
 * statement is closed, so a cancel is a {@code CloseStatementRequest} for the statement's id.
 *
 * <p>The request goes through a second Avatica service of the connection's own configuration (URL,
 * serialization, authentication), not through the connection's service: that one's HTTP client shares one
 * mutable {@code HttpClientContext} between its calls, and the waiting thread is using it. The second client takes
 * its HTTP connection from the same thread-safe pool. The statement's lock is never taken: Avatica holds it while
 * the query executes.
 */
final class ServerCancel {
  private static final Map<AvaticaConnection, Service> SERVICES =
      Collections.synchronizedMap(new WeakHashMap<>());

  private ServerCancel() {
  }

  /** Closes the statement {@code statementId} of the connection on the server; a failure is the caller's. */
  static void closeOnServer(AvaticaConnection connection, int statementId) {
    service(connection).apply(new Service.CloseStatementRequest(connection.id, statementId));
  }

  private static Service service(AvaticaConnection connection) {
    return SERVICES.computeIfAbsent(connection, ServerCancel::newService);
  }

  private static Service newService(AvaticaConnection connection) {
    final ConnectionConfig config = connection.config();
    // An in-process service, or client-side load balancing (the second client could reach another server):
    // the connection's own service is the only one that reaches the statement.
    if (config.factory() != null || config.url() == null || config.useClientSideLb()) {
      return connection.getService();
    }
    final AvaticaHttpClient client;
    try {
      client = config.httpClientFactory().getClient(new URI(config.url()).toURL(), config,
          connection.getKerberosConnection());
    } catch (URISyntaxException | MalformedURLException e) {
      return connection.getService();
    }
    return "json".equals(String.valueOf(config.serialization()).toLowerCase(Locale.ROOT))
        ? new RemoteService(client)
        : new RemoteProtobufService(client, new ProtobufTranslationImpl());
  }
}
