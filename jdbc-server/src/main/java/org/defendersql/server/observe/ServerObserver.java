package org.defendersql.server.observe;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.defendersql.adapter.telemetry.ApiCall;
import org.defendersql.adapter.telemetry.ApiCallListener;
import org.defendersql.server.security.SecurityEvents;

/**
 * What one server observes about itself: the running statements ({@link StatementLedger}), the audit log (when
 * the operator asked for one) and the metrics, with the security events told to both.
 */
public final class ServerObserver implements AutoCloseable {
  private final StatementLedger ledger;
  private final ServerMetrics metrics;
  private final AuditLog audit;

  private ServerObserver(StatementLedger ledger, ServerMetrics metrics, AuditLog audit) {
    this.ledger = ledger;
    this.metrics = metrics;
    this.audit = audit;
  }

  /**
   * Starts observing.
   *
   * @param auditLog the audit log's file ({@code -}: standard output), or null for none
   * @param idle     the server's statement idle time, after which a running statement has expired
   * @throws IOException when the audit log cannot be opened for appending
   */
  public static ServerObserver start(String auditLog, Duration idle) throws IOException {
    final ServerMetrics metrics = new ServerMetrics(System::nanoTime);
    final AuditLog audit = auditLog == null ? null : AuditLog.open(auditLog, Clock.systemUTC());
    final List<StatementSink> sinks = new ArrayList<>();
    sinks.add(metrics);
    if (audit != null) {
      sinks.add(audit);
    }
    return new ServerObserver(new StatementLedger(sinks, idle, Clock.systemUTC(), System::nanoTime), metrics,
        audit);
  }

  StatementLedger ledger() {
    return ledger;
  }

  ServerMetrics metrics() {
    return metrics;
  }

  /** What the API calls of a request are told to: its statement's record, if any, and the metrics. */
  ApiCallListener listener(StatementRecord record) {
    if (record == null) {
      return metrics;
    }
    return new ApiCallListener() {
      @Override public void called(ApiCall call) {
        record.called(call);
        metrics.called(call);
      }

      @Override public void throttled(long nanos) {
        record.throttled(nanos);
        metrics.throttled(nanos);
      }

      @Override public void tokenFetched(boolean ok) {
        metrics.tokenFetched(ok);
      }
    };
  }

  /** Where the request guard tells of refused requests and credentials. */
  public SecurityEvents securityEvents() {
    return new SecurityEvents() {
      @Override public void authenticationFailed(String scheme, String user, String clientAddress) {
        metrics.authenticationFailed(scheme, user, clientAddress);
        if (audit != null) {
          audit.authenticationFailed(scheme, user, clientAddress);
        }
      }

      @Override public void refused(int status, String clientAddress) {
        metrics.refused(status, clientAddress);
        if (audit != null) {
          audit.refused(status, clientAddress);
        }
      }
    };
  }

  /** The metrics in Prometheus' text format, with the server's gauges. */
  public String metricsText(long openConnections, long openStatements) {
    ledger.sweep();
    return metrics.render(openConnections, openStatements, ledger.runningCount());
  }

  /** How long ago an API call of this server last succeeded, in nanoseconds ({@code Long.MAX_VALUE}: never). */
  long sinceLastApiSuccess() {
    return metrics.sinceLastApiSuccess();
  }

  @Override public void close() throws IOException {
    ledger.stop();
    if (audit != null) {
      audit.close();
    }
  }
}
