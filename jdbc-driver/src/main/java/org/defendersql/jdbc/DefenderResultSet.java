package org.defendersql.jdbc;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.TimeZone;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;

/**
 * Avatica's result set that gives at most the statement's {@code maxRows} rows (Avatica does not send the
 * limit of a prepared statement to the server; the SQL text is never changed), and whose {@code next()} can be
 * canceled or timed out like the execute ({@link StatementGuard}), since it may fetch rows from the server.
 */
final class DefenderResultSet extends AvaticaResultSet {
  private final StatementGuard guard;
  private final long maxRows;
  private long delivered;

  DefenderResultSet(AvaticaStatement statement, QueryState state, Meta.Signature signature,
      ResultSetMetaData metaData, TimeZone timeZone, Meta.Frame firstFrame, StatementGuard guard, long maxRows)
      throws SQLException {
    super(statement, state, signature, metaData, timeZone, firstFrame);
    this.guard = guard;
    this.maxRows = maxRows;
    guard.cursorOpened(this, firstFrame == null || !firstFrame.done);
  }

  @Override public boolean next() throws SQLException {
    if (maxRows > 0 && delivered >= maxRows) {
      checkOpen();
      guard.cursorEnded(this);
      return false;
    }
    final boolean more = guard.call(super::next);
    if (more) {
      delivered++;
    } else {
      guard.cursorEnded(this);
    }
    return more;
  }

  @Override public void close() {
    guard.cursorEnded(this);
    super.close();
  }
}
