package org.defendersql.adapter.client;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.defendersql.adapter.config.DefenderConnectionConfig;

/**
 * The process-wide clients, one per distinct connection settings. Calcite parses the model, and so builds the
 * schema, for every JDBC connection; sharing the client shares its connection pool and its token cache, so
 * that a thousand connections cost one token request, not a thousand.
 */
public final class DefenderClients {
  private static final ConcurrentMap<DefenderConnectionConfig, DefenderClient> CLIENTS = new ConcurrentHashMap<>();

  private DefenderClients() {
  }

  /** The shared client for these settings, made on first use. */
  public static DefenderClient of(DefenderConnectionConfig config) {
    return CLIENTS.computeIfAbsent(config, DefenderClient::new);
  }
}
