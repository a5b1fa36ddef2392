package org.defendersql.server;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.ResultSet;
import java.sql.Statement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.jdbc.StatementInfo;

/**
 * The server-side JDBC statement behind an entry of Avatica's statement cache, which Avatica keeps in a
 * package-private field: the server needs it to read a prepared statement's parameter types and to cancel it.
 * Also Avatica's package-private making of a result's first frame, for a query the server runs itself.
 */
final class ServerStatements {
  private static final Field STATEMENT;
  private static final Method CREATE_RESULT;

  static {
    try {
      STATEMENT = StatementInfo.class.getDeclaredField("statement");
      STATEMENT.setAccessible(true);
      CREATE_RESULT = Class.forName("org.apache.calcite.avatica.jdbc.JdbcResultSet")
          .getMethod("create", String.class, int.class, ResultSet.class, int.class);
      CREATE_RESULT.setAccessible(true);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new ExceptionInInitializerError("Avatica's StatementInfo.statement or JdbcResultSet.create(String, int,"
          + " ResultSet, int) is gone: " + e);
    }
  }

  /**
   * The result of a query as Avatica's {@code JdbcMeta} answers an execution: its signature and first frame of at
   * most {@code maxRowsInFirstFrame} rows, read from {@code results}.
   */
  static Meta.MetaResultSet firstResult(String connectionId, int statementId, ResultSet results,
      int maxRowsInFirstFrame) {
    try {
      return (Meta.MetaResultSet) CREATE_RESULT.invoke(null, connectionId, statementId, results, maxRowsInFirstFrame);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private ServerStatements() {
  }

  static Statement of(StatementInfo info) {
    try {
      return (Statement) STATEMENT.get(info);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
