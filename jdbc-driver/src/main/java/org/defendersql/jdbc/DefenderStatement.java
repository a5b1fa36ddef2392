package org.defendersql.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;

/**
 * Avatica's statement with {@code cancel()} and {@code setQueryTimeout} that reach the server
 * ({@link StatementGuard}); {@code setMaxRows} is enforced by {@link DefenderResultSet}. Avatica's own
 * {@code cancel()} only sets a local flag, and waits for the statement's lock, which a running query holds.
 */
class DefenderStatement extends AvaticaStatement implements Guarded {
  private final StatementGuard guard = new StatementGuard(this);

  DefenderStatement(AvaticaConnection connection, Meta.StatementHandle h, int resultSetType,
      int resultSetConcurrency, int resultSetHoldability) {
    super(connection, h, resultSetType, resultSetConcurrency, resultSetHoldability);
  }

  @Override public StatementGuard guard() {
    return guard;
  }

  private void begin() throws SQLException {
    checkOpen();
    if (guard.beginExecute(getQueryTimeout())) {
      // A cancel closed the server statement: a fresh one, as Avatica makes when the server lost it.
      super.resetStatement();
    }
  }

  @Override public ResultSet executeQuery(String sql) throws SQLException {
    begin();
    return guard.call(() -> super.executeQuery(sql));
  }

  @Override public boolean execute(String sql) throws SQLException {
    begin();
    return guard.call(() -> super.execute(sql));
  }

  @Override public long executeLargeUpdate(String sql) throws SQLException {
    begin();
    return guard.call(() -> super.executeLargeUpdate(sql));
  }

  /** Avatica retries an execute whose server statement is missing; after a cancel that would run it again. */
  @Override protected void resetStatement() {
    if (guard.isStopped()) {
      throw new IllegalStateException("the statement was canceled");
    }
    super.resetStatement();
  }

  /** Not synchronized: Avatica holds the statement's lock while the query runs. */
  @Override public void cancel() throws SQLException {
    checkOpen();
    guard.stop(StatementGuard.Stop.CANCEL);
  }

  @Override public synchronized void close() throws SQLException {
    guard.closed();
    super.close();
  }
}
