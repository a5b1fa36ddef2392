package org.defendersql.jdbc;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.calcite.avatica.AvaticaStatement;

/**
 * What a statement of this driver is doing on the server, so that {@code Statement.cancel()} and the query
 * timeout can stop it from another thread: which calls (an execute, a {@code next()} that may fetch rows) are
 * running, since when, and whether they were stopped and why. A stopped call fails with SQLState 57014
 * (query canceled), a {@link SQLTimeoutException} when the query timeout stopped it.
 */
final class StatementGuard {
  /** SQLState 57014: the query was canceled. */
  static final String CANCELED = "57014";

  /** Why a call was stopped. */
  enum Stop { CANCEL, TIMEOUT }

  private final AvaticaStatement statement;
  private final AtomicInteger running = new AtomicInteger();
  private volatile long runningSince;
  private volatile Stop stopped;
  private volatile int timeoutSeconds;
  private volatile boolean closedOnServer;
  /** The open result set that may still fetch rows from the server, if any. */
  private volatile Object cursor;

  StatementGuard(AvaticaStatement statement) {
    this.statement = statement;
  }

  /** A JDBC call that may reach the server. */
  interface Call<T> {
    T run() throws SQLException;
  }

  /**
   * Before an execute: forgets an earlier stop, takes the statement's query timeout for this execution and its
   * result set, and says whether the server statement was closed by a cancel (so it must be made again).
   */
  boolean beginExecute(int queryTimeoutSeconds) {
    stopped = null;
    timeoutSeconds = queryTimeoutSeconds;
    if (queryTimeoutSeconds > 0) {
      QueryWatchdog.watch(this);
    }
    final boolean renew = closedOnServer;
    closedOnServer = false;
    return renew;
  }

  /**
   * A result set was opened; while it may still fetch rows ({@code mayFetch}: its first frame was not the last),
   * a cancel stops it even between two {@code next()} calls, as a client iterating it expects.
   */
  void cursorOpened(Object resultSet, boolean mayFetch) {
    cursor = mayFetch ? resultSet : null;
  }

  /** The result set read its last row or was closed: nothing of it runs on the server any more. */
  void cursorEnded(Object resultSet) {
    if (cursor == resultSet) {
      cursor = null;
    }
  }

  /**
   * Runs a call; if it was stopped meanwhile, its failure (or a late success of a fetch) becomes 57014. A call
   * made after a stop (a {@code next()} of the stopped result set) fails at once.
   */
  <T> T call(Call<T> call) throws SQLException {
    final Stop before = stopped;
    if (before != null) {
      throw stoppedError(before, null);
    }
    if (running.getAndIncrement() == 0) {
      runningSince = System.nanoTime();
    }
    try {
      return call.run();
    } catch (SQLException | RuntimeException e) {
      final Stop s = stopped;
      if (s != null) {
        throw stoppedError(s, e);
      }
      throw e;
    } finally {
      if (running.decrementAndGet() == 0) {
        runningSince = 0;
      }
    }
  }

  /** Whether a call was stopped since the last execute began (an Avatica retry must not run the query again). */
  boolean isStopped() {
    return stopped != null;
  }

  /**
   * Stops the running call or the open result set that may still fetch rows, if there is one, by closing the
   * statement on the server. With neither there is nothing to stop (JDBC's cancel of an idle statement does
   * nothing).
   */
  void stop(Stop why) throws SQLException {
    if (running.get() == 0 && cursor == null || stopped != null) {
      return;
    }
    stopped = why;
    closedOnServer = true;
    try {
      ServerCancel.closeOnServer(statement.connection, statement.handle.id);
    } catch (RuntimeException e) {
      // Not stopped after all: the running call ends as the server answers it.
      stopped = null;
      closedOnServer = false;
      throw new SQLException("Could not cancel the query: the server did not answer the cancel request ("
          + e.getMessage() + ").", "08006", e);
    }
  }

  /** For the watchdog: a call has run longer than the query timeout. */
  boolean overdue(long nowNanos) {
    final int timeout = timeoutSeconds;
    final long since = runningSince;
    return timeout > 0 && since != 0 && stopped == null
        && nowNanos - since > TimeUnit.SECONDS.toNanos(timeout);
  }

  /** For the watchdog: no query timeout applies any more. */
  boolean unwatched() {
    return timeoutSeconds <= 0;
  }

  /** When the statement closes: the watchdog forgets it. */
  void closed() {
    timeoutSeconds = 0;
  }

  private SQLException stoppedError(Stop why, Exception cause) {
    if (why == Stop.TIMEOUT) {
      return new SQLTimeoutException("The query ran longer than the statement's query timeout of "
          + timeoutSeconds + " s (Statement.setQueryTimeout) and was stopped on the server.", CANCELED, cause);
    }
    return new SQLException("The query was canceled (Statement.cancel) and stopped on the server.", CANCELED,
        cause);
  }
}
