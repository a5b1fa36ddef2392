package org.defendersql.server.observe;

/** Told of each statement execution as it ends: the audit log, the metrics. */
interface StatementSink {
  void finished(FinishedStatement statement);
}
