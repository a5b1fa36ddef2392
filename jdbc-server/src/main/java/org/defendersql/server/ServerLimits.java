package org.defendersql.server;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.avatica.jdbc.JdbcMeta.ConnectionCacheSettings;
import org.apache.calcite.avatica.jdbc.JdbcMeta.StatementCacheSettings;

/**
 * How long the server keeps what its clients leave behind, and how long it lets one query run.
 *
 * @param statementIdle  a statement no client request touched for this long is closed with its result set (and
 *                       so its stream from the Defender API); a request still running after this long is
 *                       cancelled, as no client is still waiting for it (Avatica's client gives up after 3
 *                       minutes by default)
 * @param connectionIdle a connection no client request touched for this long is closed
 * @param queryTimeout   the longest a query may run on this server, zero for no limit of its own
 */
record ServerLimits(Duration statementIdle, Duration connectionIdle, Duration queryTimeout) {
  /** Avatica's own idle times (5 and 10 minutes) and no query timeout. */
  static final ServerLimits DEFAULT = new ServerLimits(Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ZERO);

  ServerLimits {
    if (statementIdle.isNegative() || statementIdle.isZero() || connectionIdle.isNegative()
        || connectionIdle.isZero() || queryTimeout.isNegative()) {
      throw new IllegalArgumentException("idle times must be positive and the query timeout not negative");
    }
  }

  /** These limits with another query timeout. */
  ServerLimits withQueryTimeout(Duration timeout) {
    return new ServerLimits(statementIdle, connectionIdle, timeout);
  }

  /** The idle times as the properties Avatica's {@code JdbcMeta} reads its statement and connection caches from. */
  Properties avaticaCacheSettings() {
    final Properties p = new Properties();
    p.setProperty(StatementCacheSettings.EXPIRY_DURATION.key(), Long.toString(statementIdle.toMillis()));
    p.setProperty(StatementCacheSettings.EXPIRY_UNIT.key(), TimeUnit.MILLISECONDS.name());
    p.setProperty(ConnectionCacheSettings.EXPIRY_DURATION.key(), Long.toString(connectionIdle.toMillis()));
    p.setProperty(ConnectionCacheSettings.EXPIRY_UNIT.key(), TimeUnit.MILLISECONDS.name());
    return p;
  }
}
