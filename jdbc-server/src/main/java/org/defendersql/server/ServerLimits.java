package org.defendersql.server;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.avatica.jdbc.JdbcMeta.ConnectionCacheSettings;
import org.apache.calcite.avatica.jdbc.JdbcMeta.StatementCacheSettings;
import org.defendersql.server.limits.Quotas;

/**
 * How long the server keeps what its clients leave behind, and how long it lets one query run.
 *
 * @param statementIdle  a statement no client request touched for this long is closed with its result set (and
 *                       so its stream from the Defender API); a request still running after this long is
 *                       cancelled, as no client is still waiting for it (Avatica's client gives up after 3
 *                       minutes by default)
 * @param connectionIdle a connection no client request touched for this long is closed
 * @param queryTimeout   the longest a query may run on this server, zero for no limit of its own
 * @param quotas         what one user and all users may take: connections, statements, running statements, rows
 */
record ServerLimits(Duration statementIdle, Duration connectionIdle, Duration queryTimeout, Quotas quotas) {
  /**
   * Avatica's own idle times (5 and 10 minutes), a query timeout of 15 minutes (an export of a large table at the
   * API's call budget fits; a runaway query does not run for ever) and the default quotas.
   */
  static final ServerLimits DEFAULT = new ServerLimits(Duration.ofMinutes(5), Duration.ofMinutes(10),
      Duration.ofMinutes(15), Quotas.DEFAULT);

  ServerLimits {
    if (statementIdle.isNegative() || statementIdle.isZero() || connectionIdle.isNegative()
        || connectionIdle.isZero() || queryTimeout.isNegative()) {
      throw new IllegalArgumentException("idle times must be positive and the query timeout not negative");
    }
  }

  /** Limits with the default quotas. */
  ServerLimits(Duration statementIdle, Duration connectionIdle, Duration queryTimeout) {
    this(statementIdle, connectionIdle, queryTimeout, Quotas.DEFAULT);
  }

  /** These limits with another query timeout. */
  ServerLimits withQueryTimeout(Duration timeout) {
    return new ServerLimits(statementIdle, connectionIdle, timeout, quotas);
  }

  /** These limits with other idle times. */
  ServerLimits withIdleTimes(Duration statement, Duration connection) {
    return new ServerLimits(statement, connection, queryTimeout, quotas);
  }

  /** These limits with other quotas. */
  ServerLimits withQuotas(Quotas q) {
    return new ServerLimits(statementIdle, connectionIdle, queryTimeout, q);
  }

  /** The idle times as the properties Avatica's {@code JdbcMeta} reads its statement and connection caches from. */
  Properties avaticaCacheSettings() {
    final Properties p = new Properties();
    p.setProperty(StatementCacheSettings.EXPIRY_DURATION.key(), Long.toString(statementIdle.toMillis()));
    p.setProperty(StatementCacheSettings.EXPIRY_UNIT.key(), TimeUnit.MILLISECONDS.name());
    p.setProperty(ConnectionCacheSettings.EXPIRY_DURATION.key(), Long.toString(connectionIdle.toMillis()));
    p.setProperty(ConnectionCacheSettings.EXPIRY_UNIT.key(), TimeUnit.MILLISECONDS.name());
    // Above what the quotas admit: Avatica's caches evict the least recently used entry when full, which let
    // any client close other users' connections and cursors by opening enough of its own.
    p.setProperty(ConnectionCacheSettings.MAX_CAPACITY.key(), Integer.toString(quotas.connectionCacheCapacity()));
    p.setProperty(StatementCacheSettings.MAX_CAPACITY.key(), Integer.toString(quotas.statementCacheCapacity()));
    return p;
  }
}
