package org.defendersql.server;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Set;

/**
 * The transaction settings of one server-side connection. defender-sql only reads, each statement the API's
 * current data, so there is nothing to commit or roll back; but JDBC clients manage transactions by habit
 * (Spark commits after each partition, connection pools roll back on release unless in auto-commit), and
 * Calcite's connection refuses all of it. Here {@code commit} and {@code rollback} do nothing, auto-commit is on
 * unless a client turns it off (it is then reported off, and still nothing is held back), the connection is
 * read-only whatever a client asks, and every isolation level is accepted while {@code TRANSACTION_NONE} stays
 * the level reported, as the driver's metadata says ({@code supportsTransactions()} is false).
 */
final class Transactionless {
  private static final Set<String> METHODS = Set.of("commit", "rollback", "getAutoCommit", "setAutoCommit",
      "isReadOnly", "setReadOnly", "getTransactionIsolation", "setTransactionIsolation");
  private static final Set<Integer> LEVELS = Set.of(Connection.TRANSACTION_NONE,
      Connection.TRANSACTION_READ_UNCOMMITTED, Connection.TRANSACTION_READ_COMMITTED,
      Connection.TRANSACTION_REPEATABLE_READ, Connection.TRANSACTION_SERIALIZABLE);

  private volatile boolean autoCommit = true;

  /** Whether this answers the {@link Connection} method. */
  static boolean answers(Method method) {
    return method.getDeclaringClass() == Connection.class && METHODS.contains(method.getName());
  }

  /** Answers a {@link Connection} method for which {@link #answers} is true. */
  Object invoke(Method method, Object[] args) throws SQLException {
    switch (method.getName()) {
    case "commit", "rollback" -> {
      if (args != null && args.length > 0) {
        throw new SQLFeatureNotSupportedException("defender-sql has no savepoints: it only reads, so there is"
            + " nothing to roll back.", "0A000");
      }
      return null;
    }
    case "getAutoCommit" -> {
      return autoCommit;
    }
    case "setAutoCommit" -> {
      autoCommit = (Boolean) args[0];
      return null;
    }
    case "isReadOnly" -> {
      return true;
    }
    case "setReadOnly" -> {
      return null;
    }
    case "getTransactionIsolation" -> {
      return Connection.TRANSACTION_NONE;
    }
    case "setTransactionIsolation" -> {
      if (!LEVELS.contains((Integer) args[0])) {
        throw new SQLException("No such transaction isolation level: " + args[0] + ".", "HY024");
      }
      return null;
    }
    default -> throw new IllegalStateException("not a transaction method: " + method);
    }
  }
}
