package org.defendersql.server.observe;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.apache.calcite.avatica.AvaticaSqlException;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.defendersql.server.security.RequestUser;

/**
 * The statement executions the server is running, from the execute that starts one to the frame with its last
 * row, its close, or its expiry; each one ended is told to the sinks.
 */
final class StatementLedger {
  /** The SQL of a prepared statement, and when a request last named it. */
  private record Prepared(String sql, long touchedNanos) {
  }

  private final List<StatementSink> sinks;
  private final long idleNanos;
  private final Clock clock;
  private final LongSupplier nanos;
  private final Map<String, StatementRecord> running = new ConcurrentHashMap<>();
  private final Map<String, Prepared> prepared = new ConcurrentHashMap<>();
  private final AtomicLong lastSweep = new AtomicLong();

  /**
   * @param sinks what is told of each ended execution
   * @param idle  an execution no request touched for this long has expired (the server's statement idle time)
   */
  StatementLedger(List<StatementSink> sinks, Duration idle, Clock clock, LongSupplier nanos) {
    this.sinks = List.copyOf(sinks);
    this.idleNanos = idle.toNanos();
    this.clock = clock;
    this.nanos = nanos;
    lastSweep.set(nanos.getAsLong());
  }

  private static String key(String connectionId, int statementId) {
    return connectionId + "/" + statementId;
  }

  /** A statement was prepared with this SQL: its executions will name it. */
  void prepared(String connectionId, int statementId, String sql) {
    prepared.put(key(connectionId, statementId), new Prepared(sql, nanos.getAsLong()));
  }

  /**
   * An execution starts; one still running on the same statement ended as closed (the client executed it again).
   *
   * @param sql      the SQL, or null for the one the statement was prepared with
   * @param fallback the SQL when the statement's preparation was not seen (the client's handle says it)
   */
  StatementRecord start(String connectionId, int statementId, String sql, List<Object> parameters,
      String fallback) {
    sweep();
    final String key = key(connectionId, statementId);
    final long now = nanos.getAsLong();
    String text = sql;
    if (text == null) {
      final Prepared p = prepared.get(key);
      text = p == null ? fallback : p.sql();
      if (p != null) {
        prepared.put(key, new Prepared(p.sql(), now));
      }
    }
    final StatementRecord r = new StatementRecord(clock.instant(), now, RequestUser.current().orElse(null),
        RequestUser.clientAddress().orElse(null), connectionId, statementId, text, parameters);
    final StatementRecord before = running.put(key, r);
    if (before != null) {
      end(before, Outcome.CLOSED, null, null);
    }
    return r;
  }

  /** The execution running on a statement, or null. */
  StatementRecord running(String connectionId, int statementId) {
    final StatementRecord r = running.get(key(connectionId, statementId));
    if (r != null) {
      r.touch(nanos.getAsLong());
    }
    return r;
  }

  /** Rows went to the client; with the last of them ({@code done}) the execution ended well. */
  void delivered(StatementRecord r, long rows, boolean done) {
    r.delivered(rows);
    r.touch(nanos.getAsLong());
    if (done) {
      endRunning(r, Outcome.OK, null, null);
    }
  }

  /** The execution failed with this error. */
  void failed(StatementRecord r, Throwable error) {
    final String state = sqlState(error);
    endRunning(r, "57014".equals(state) ? Outcome.CANCELED : Outcome.ERROR, state, message(error));
  }

  /** The client closed the statement. */
  void closed(String connectionId, int statementId) {
    final String key = key(connectionId, statementId);
    prepared.remove(key);
    final StatementRecord r = running.remove(key);
    if (r != null) {
      end(r, Outcome.CLOSED, null, null);
    }
  }

  /** The client closed its connection, and so its statements. */
  void connectionClosed(String connectionId) {
    final String prefix = connectionId + "/";
    prepared.keySet().removeIf(k -> k.startsWith(prefix));
    running.forEach((k, r) -> {
      if (k.startsWith(prefix) && running.remove(k, r)) {
        end(r, Outcome.CLOSED, null, null);
      }
    });
  }

  /** Ends what is still running, as the server stops. */
  void stop() {
    running.forEach((k, r) -> {
      if (running.remove(k, r)) {
        end(r, Outcome.CLOSED, null, "the server stopped");
      }
    });
  }

  /** Executions (and prepared statements) no request touched for the idle time have expired, as Avatica's have. */
  void sweep() {
    final long now = nanos.getAsLong();
    final long last = lastSweep.get();
    if (now - last < Math.min(idleNanos, 1_000_000_000L) || !lastSweep.compareAndSet(last, now)) {
      return;
    }
    running.forEach((k, r) -> {
      if (now - r.lastTouchNanos() > idleNanos && running.remove(k, r)) {
        end(r, Outcome.EXPIRED, null, null);
      }
    });
    prepared.entrySet().removeIf(e -> now - e.getValue().touchedNanos() > 2 * idleNanos);
  }

  /** Executions running now (for tests and the metrics). */
  int runningCount() {
    return running.size();
  }

  private void endRunning(StatementRecord r, Outcome outcome, String sqlState, String error) {
    if (running.remove(key(r.connectionId, r.statementId), r)) {
      end(r, outcome, sqlState, error);
    }
  }

  private void end(StatementRecord r, Outcome outcome, String sqlState, String error) {
    final FinishedStatement f = r.finish(nanos.getAsLong(), outcome, sqlState, error);
    for (StatementSink s : sinks) {
      try {
        s.finished(f);
      } catch (RuntimeException e) {
        // A sink's failure (a full disk under the audit log) must not fail the client's request.
        org.slf4j.LoggerFactory.getLogger(StatementLedger.class).warn("Recording a statement failed: {}",
            e.toString());
      }
    }
  }

  static String sqlState(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof AvaticaRuntimeException a && a.getSqlState() != null) {
        return a.getSqlState();
      }
      if (t instanceof AvaticaSqlException a && a.getSQLState() != null) {
        return a.getSQLState();
      }
      if (t instanceof SQLException s && s.getSQLState() != null) {
        return s.getSQLState();
      }
    }
    return null;
  }

  private static String message(Throwable error) {
    if (error instanceof AvaticaRuntimeException a && a.getErrorMessage() != null) {
      return a.getErrorMessage();
    }
    return error.getMessage() != null ? error.getMessage() : error.getClass().getSimpleName();
  }
}
