package org.defendersql.server.observe;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.defendersql.adapter.telemetry.ApiCall;
import org.defendersql.adapter.telemetry.ApiCallListener;

/**
 * One execution of a statement while it runs: who ran it, from where, what, and what it has cost so far (API
 * calls, throttling waits, rows delivered). Its API calls are told to it while the server serves the
 * statement's requests ({@link org.defendersql.adapter.telemetry.ApiCalls#scope}).
 */
final class StatementRecord implements ApiCallListener {
  /** How many URLs an audit line lists; the count covers them all. */
  static final int URLS_KEPT = 5;

  final Instant start;
  final long startNanos;
  final String user;
  final String clientAddress;
  final String connectionId;
  final int statementId;
  final String sql;
  final List<Object> parameters;
  private long rows;
  private int apiCalls;
  private final List<String> firstUrls = new ArrayList<>();
  private final Map<Integer, Integer> statuses = new TreeMap<>();
  private long throttledNanos;
  private volatile long lastTouchNanos;

  StatementRecord(Instant start, long startNanos, String user, String clientAddress, String connectionId,
      int statementId, String sql, List<Object> parameters) {
    this.start = start;
    this.startNanos = startNanos;
    this.user = user;
    this.clientAddress = clientAddress;
    this.connectionId = connectionId;
    this.statementId = statementId;
    this.sql = sql;
    this.parameters = parameters;
    this.lastTouchNanos = startNanos;
  }

  @Override public synchronized void called(ApiCall call) {
    apiCalls++;
    if (firstUrls.size() < URLS_KEPT) {
      firstUrls.add(call.url());
    }
    statuses.merge(call.status(), 1, Integer::sum);
  }

  @Override public synchronized void throttled(long nanos) {
    throttledNanos += nanos;
  }

  synchronized void delivered(long n) {
    rows += n;
  }

  void touch(long nowNanos) {
    lastTouchNanos = nowNanos;
  }

  long lastTouchNanos() {
    return lastTouchNanos;
  }

  /** The record as it ended. */
  synchronized FinishedStatement finish(long nowNanos, Outcome outcome, String sqlState, String error) {
    return new FinishedStatement(this, rows, apiCalls, List.copyOf(firstUrls), Map.copyOf(statuses),
        throttledNanos, nowNanos - startNanos, outcome, sqlState, error);
  }
}
