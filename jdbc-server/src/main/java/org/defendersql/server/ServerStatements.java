package org.defendersql.server;

import java.lang.reflect.Field;
import java.sql.Statement;
import org.apache.calcite.avatica.jdbc.StatementInfo;

/**
 * The server-side JDBC statement behind an entry of Avatica's statement cache, which Avatica keeps in a
 * package-private field: the server needs it to read a prepared statement's parameter types and to cancel it.
 */
final class ServerStatements {
  private static final Field STATEMENT;

  static {
    try {
      STATEMENT = StatementInfo.class.getDeclaredField("statement");
      STATEMENT.setAccessible(true);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new ExceptionInInitializerError("Avatica's StatementInfo has no field 'statement' any more: " + e);
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
