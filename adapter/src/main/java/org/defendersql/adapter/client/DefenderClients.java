package org.defendersql.adapter.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.defendersql.adapter.config.DefenderConnectionConfig;

/**
 * The process-wide clients, one per distinct connection settings. Calcite parses the model, and so builds the
 * schema, for every JDBC connection; sharing the client shares its connection pool and its token cache, so
 * that a thousand connections cost one token request, not a thousand.
 */
public final class DefenderClients {
  /** Settings, and the version of the CA file they name (null without one): a changed file is read again. */
  private record Key(DefenderConnectionConfig config, FileVersion ca) {
  }

  /** When a file was last changed, and its size; absent when it cannot be read. */
  private record FileVersion(long modified, long size) {
    static FileVersion of(Path file) {
      try {
        return new FileVersion(Files.getLastModifiedTime(file).toMillis(), Files.size(file));
      } catch (IOException e) {
        return new FileVersion(-1, -1);
      }
    }
  }

  private static final ConcurrentMap<Key, DefenderClient> CLIENTS = new ConcurrentHashMap<>();

  private DefenderClients() {
  }

  /**
   * The shared client for these settings, made on first use, and made again when the CA file they name has
   * changed: a corrected CA file takes effect for the next connection, without a restart. (The call budget and
   * the cached answers stay shared: they are kept per app identity, not per client.)
   */
  public static DefenderClient of(DefenderConnectionConfig config) {
    final Key key = new Key(config, config.caCertFile() == null ? null : FileVersion.of(config.caCertFile()));
    final DefenderClient known = CLIENTS.get(key);
    if (known != null) {
      return known;
    }
    // Superseded: the CA file changed. Connections that hold the old client keep it until they close.
    CLIENTS.keySet().removeIf(other -> other.config().equals(config) && !other.equals(key));
    return CLIENTS.computeIfAbsent(key, k -> new DefenderClient(config));
  }
}
