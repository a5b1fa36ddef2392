package org.defendersql.server.observe;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.defendersql.adapter.telemetry.ApiCall;
import org.defendersql.adapter.telemetry.ApiCallListener;
import org.defendersql.server.security.SecurityEvents;

/**
 * The server's counters, written in Prometheus' text format: statements by outcome with a latency histogram and
 * rows, API requests by endpoint and status, throttling waits, refusals (limits, authentication, requests turned
 * away) and open connections. Counts are this server's: API calls are counted while its requests are served.
 */
final class ServerMetrics implements StatementSink, SecurityEvents, ApiCallListener {
  /** Upper bounds of the latency buckets, in seconds. */
  static final double[] BUCKETS = {0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300};

  private final Map<String, LongAdder> statements = new ConcurrentHashMap<>();
  private final AtomicLongArray latency = new AtomicLongArray(BUCKETS.length + 1);
  private final AtomicLong latencyNanos = new AtomicLong();
  private final LongAdder rows = new LongAdder();
  private final Map<String, LongAdder> apiRequests = new ConcurrentHashMap<>();
  private final LongAdder throttleWaits = new LongAdder();
  private final AtomicLong throttleNanos = new AtomicLong();
  private final Map<String, LongAdder> refusals = new ConcurrentHashMap<>();
  private final LongAdder authFailures = new LongAdder();
  private final Map<String, LongAdder> tokenFetches = new ConcurrentHashMap<>();
  private final AtomicLong lastApiSuccessNanos = new AtomicLong(Long.MIN_VALUE);
  private final LongSupplier nanos;

  ServerMetrics(LongSupplier nanos) {
    this.nanos = nanos;
  }

  @Override public void finished(FinishedStatement f) {
    statements.computeIfAbsent(f.outcome().label(), k -> new LongAdder()).increment();
    final double seconds = f.durationNanos() / 1e9;
    int i = 0;
    while (i < BUCKETS.length && seconds > BUCKETS[i]) {
      i++;
    }
    latency.incrementAndGet(i);
    latencyNanos.addAndGet(f.durationNanos());
    rows.add(f.rows());
    if (f.sqlState() != null && isRefusal(f.sqlState())) {
      refusals.computeIfAbsent("sqlstate:" + f.sqlState(), k -> new LongAdder()).increment();
    }
  }

  /**
   * Whether a SQLState says the server or the API refused on a limit or a permission: program limits (54),
   * insufficient resources (53), privileges (42501), a rejected connection (08004).
   */
  static boolean isRefusal(String sqlState) {
    return sqlState.startsWith("54") || sqlState.startsWith("53") || sqlState.equals("42501")
        || sqlState.equals("08004");
  }

  @Override public void called(ApiCall call) {
    apiRequests.computeIfAbsent(call.endpoint() + "\u0000" + (call.status() < 0 ? "none" : call.status()),
        k -> new LongAdder()).increment();
    if (call.status() >= 200 && call.status() < 300) {
      lastApiSuccessNanos.set(nanos.getAsLong());
    }
  }

  @Override public void throttled(long waited) {
    throttleWaits.increment();
    throttleNanos.addAndGet(waited);
  }

  @Override public void tokenFetched(boolean ok) {
    tokenFetches.computeIfAbsent(ok ? "ok" : "failed", k -> new LongAdder()).increment();
  }

  @Override public void authenticationFailed(String scheme, String user, String clientAddress) {
    authFailures.increment();
  }

  @Override public void refused(int status, String clientAddress) {
    refusals.computeIfAbsent("http:" + status, k -> new LongAdder()).increment();
  }

  /** How long ago an API call last succeeded, in nanoseconds; {@code Long.MAX_VALUE} if none did. */
  long sinceLastApiSuccess() {
    final long last = lastApiSuccessNanos.get();
    return last == Long.MIN_VALUE ? Long.MAX_VALUE : nanos.getAsLong() - last;
  }

  /** The metrics in Prometheus' text exposition format (version 0.0.4). */
  String render(long openConnections, long openStatements, long runningStatements) {
    final PrometheusText t = new PrometheusText();
    t.family("defender_sql_statements_total", "counter", "Statement executions ended, by outcome.");
    new TreeMap<>(statements).forEach((outcome, n) -> t.sample("defender_sql_statements_total",
        Map.of("outcome", outcome), n.sum()));
    t.family("defender_sql_statement_duration_seconds", "histogram",
        "Time from a statement's execute to its last row, close or failure.");
    long cumulative = 0;
    for (int i = 0; i <= BUCKETS.length; i++) {
      cumulative += latency.get(i);
      t.sample("defender_sql_statement_duration_seconds_bucket",
          Map.of("le", i < BUCKETS.length ? PrometheusText.number(BUCKETS[i]) : "+Inf"), cumulative);
    }
    t.sample("defender_sql_statement_duration_seconds_sum", Map.of(), latencyNanos.get() / 1e9);
    t.sample("defender_sql_statement_duration_seconds_count", Map.of(), cumulative);
    t.family("defender_sql_rows_total", "counter", "Rows sent to clients.");
    t.sample("defender_sql_rows_total", Map.of(), rows.sum());
    t.family("defender_sql_api_requests_total", "counter",
        "Requests to the Defender API and Microsoft Graph, by the model's endpoint and HTTP status"
            + " (none: no answer).");
    new TreeMap<>(apiRequests).forEach((k, n) -> {
      final String[] parts = k.split("\u0000", 2);
      t.sample("defender_sql_api_requests_total", Map.of("endpoint", parts[0], "status", parts[1]), n.sum());
    });
    t.family("defender_sql_api_throttle_waits_total", "counter",
        "API calls that waited for the app's call budget (client-side rate limit).");
    t.sample("defender_sql_api_throttle_waits_total", Map.of(), throttleWaits.sum());
    t.family("defender_sql_api_throttle_wait_seconds_total", "counter", "Time API calls waited for the budget.");
    t.sample("defender_sql_api_throttle_wait_seconds_total", Map.of(), throttleNanos.get() / 1e9);
    t.family("defender_sql_token_fetches_total", "counter",
        "Tokens fetched from the sign-in authority (each refresh), by outcome.");
    new TreeMap<>(tokenFetches).forEach((outcome, n) -> t.sample("defender_sql_token_fetches_total",
        Map.of("outcome", outcome), n.sum()));
    t.family("defender_sql_refusals_total", "counter",
        "Requests refused on a limit or permission: by SQLState, or by HTTP status before Avatica.");
    new TreeMap<>(refusals).forEach((k, n) -> {
      final String[] parts = k.split(":", 2);
      t.sample("defender_sql_refusals_total", Map.of("kind", parts[0], "code", parts[1]), n.sum());
    });
    t.family("defender_sql_authentication_failures_total", "counter", "Credentials refused.");
    t.sample("defender_sql_authentication_failures_total", Map.of(), authFailures.sum());
    t.family("defender_sql_open_connections", "gauge", "Client connections the server holds.");
    t.sample("defender_sql_open_connections", Map.of(), openConnections);
    t.family("defender_sql_open_statements", "gauge", "Client statements the server holds.");
    t.sample("defender_sql_open_statements", Map.of(), openStatements);
    t.family("defender_sql_running_statements", "gauge", "Statement executions not yet ended.");
    t.sample("defender_sql_running_statements", Map.of(), runningStatements);
    return t.toString();
  }
}
