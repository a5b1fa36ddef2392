package org.defendersql.server;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the server's queries that nobody waits for any more. Avatica's protocol (1.28) carries neither
 * {@code Statement.cancel()} nor the query timeout from its client driver, and a client that goes away leaves
 * its statement running; so the server cancels a statement's running request when the statement or its
 * connection is closed (a client's {@code Connection.close()} from another thread reaches the server at once),
 * and when a request has run longer than the statement idle time (Avatica's client gives up after 3 minutes by
 * default). A periodic sweep also expires idle statements and connections in Avatica's caches, which Guava
 * would only do on the next cache access: expiry closes the statement's result set, and so its stream from the
 * Defender API.
 *
 * <p>Cancelling sets the Calcite statement's cancel flag ({@code DataContext.Variable.CANCEL_FLAG}), which the
 * adapter watches: its outstanding HTTP call is cancelled and the query fails with SQLState 57014.
 * {@code Statement.cancel()} itself cannot be used: Calcite holds the statement's lock while it executes.
 */
final class QueryGuard implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(QueryGuard.class);

  /** A request of a client being served. */
  private record Running(String connectionId, AtomicBoolean cancelFlag, long startNanos) {
  }

  private final long idleNanos;
  private final Map<Integer, Running> running = new ConcurrentHashMap<>();
  private final ScheduledExecutorService sweeper;

  /**
   * @param limits the idle time after which a running request is cancelled
   * @param sweep  what to do on each sweep besides (expire Avatica's caches)
   */
  QueryGuard(ServerLimits limits, Runnable sweep) {
    this.idleNanos = limits.statementIdle().toNanos();
    this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
      final Thread t = new Thread(r, "defender-sql-query-guard");
      t.setDaemon(true);
      return t;
    });
    final long every = Math.max(100, Math.min(1_000, limits.statementIdle().toMillis() / 4));
    sweeper.scheduleWithFixedDelay(() -> {
      try {
        sweep.run();
        cancelAbandoned();
      } catch (RuntimeException e) {
        LOG.warn("Sweeping idle statements failed: {}", e.toString());
      }
    }, every, every, TimeUnit.MILLISECONDS);
  }

  /** A request that may throw the checked exceptions of Avatica's {@code Meta}. */
  interface Request<T, E extends Exception> {
    T run() throws E;
  }

  /** Runs a request of the statement {@code id}, so that closing it or its connection can cancel it. */
  <T, E extends Exception> T serve(String connectionId, int id, Statement statement, Request<T, E> request)
      throws E {
    final AtomicBoolean flag = cancelFlag(statement);
    if (flag == null) {
      return request.run();
    }
    running.put(id, new Running(connectionId, flag, System.nanoTime()));
    try {
      return request.run();
    } finally {
      running.remove(id);
    }
  }

  /** Cancels the running request of the statement, if any. */
  void cancelStatement(int id, String why) {
    final Running r = running.get(id);
    if (r != null) {
      cancel(id, r, why);
    }
  }

  /** Cancels the running requests of the connection's statements. */
  void cancelConnection(String connectionId, String why) {
    running.forEach((id, r) -> {
      if (r.connectionId().equals(connectionId)) {
        cancel(id, r, why);
      }
    });
  }

  /** Whether any request is running (the graceful shutdown waits for none). */
  boolean running() {
    return !running.isEmpty();
  }

  /** Cancels every running request (at the end of the graceful shutdown's grace period). */
  void cancelAll(String why) {
    running.forEach((id, r) -> cancel(id, r, why));
  }

  private void cancelAbandoned() {
    final long now = System.nanoTime();
    running.forEach((id, r) -> {
      if (now - r.startNanos() > idleNanos) {
        cancel(id, r, "its request ran longer than the statement idle time ("
            + TimeUnit.NANOSECONDS.toSeconds(idleNanos) + " s); no client waits for it any more");
      }
    });
  }

  private static void cancel(int id, Running r, String why) {
    if (!r.cancelFlag().getAndSet(true)) {
      LOG.info("Cancelled statement {} of connection {}: {}", id, r.connectionId(), why);
    }
  }

  /**
   * The flag that cancels the Calcite statement's execution, taken while the statement is open: once Avatica
   * expires and closes it, Calcite no longer hands it out.
   */
  private static AtomicBoolean cancelFlag(Statement statement) {
    if (statement == null) {
      return null;
    }
    try {
      final AvaticaStatement s = statement.unwrap(AvaticaStatement.class);
      return s.getConnection().unwrap(AvaticaConnection.class).getCancelFlag(s.handle);
    } catch (SQLException | org.apache.calcite.avatica.NoSuchStatementException | RuntimeException e) {
      LOG.warn("A request cannot be cancelled: {}", e.toString());
      return null;
    }
  }

  /**
   * Sets a statement's query timeout: the server's, or the connection's own when it is shorter.
   *
   * @param serverSeconds     the server's timeout, 0 for none
   * @param connectionSeconds the connection's {@code queryTimeout} property, 0 for none
   */
  static void applyTimeout(Statement s, long serverSeconds, long connectionSeconds) throws SQLException {
    final long seconds = serverSeconds <= 0 ? connectionSeconds
        : connectionSeconds <= 0 ? serverSeconds : Math.min(serverSeconds, connectionSeconds);
    if (seconds > 0) {
      s.setQueryTimeout((int) Math.min(Integer.MAX_VALUE / 1000, seconds));
    }
  }

  @Override public void close() {
    sweeper.shutdownNow();
  }
}
