package org.defendersql.adapter.client;

import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;

/**
 * Turns a {@link DefenderException} into the {@link SQLException} a JDBC client expects from
 * {@code ResultSet.next()}. Calcite's enumerators cannot declare checked exceptions, and an unchecked one
 * escapes {@code next()} unwrapped in embedded Calcite; so the SQLException is thrown as is, undeclared, from the
 * enumerator, and every JDBC method on the way declares it.
 */
final class JdbcErrors {
  private JdbcErrors() {
  }

  /** Throws the SQL form of the failure; declared to return so that callers can write {@code throw}. */
  static RuntimeException raise(DefenderException e) {
    throw JdbcErrors.<RuntimeException>sneaky(toSql(e));
  }

  static SQLException toSql(DefenderException e) {
    final String m = e.getMessage();
    if (m.startsWith("The query was cancelled")) {
      return new SQLTimeoutException(m, "57014", e);
    }
    if (e.status() == 401 || e.status() == 403 || m.startsWith("Azure AD refused")) {
      return new SQLInvalidAuthorizationSpecException(m, "28000", e);
    }
    if (e.status() == 429 || e.status() >= 500) {
      return new SQLTransientConnectionException(m, "08001", e);
    }
    if (e.getCause() instanceof java.io.IOException) {
      return new SQLNonTransientConnectionException(m, "08001", e);
    }
    return new SQLException(m, "HY000", e);
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T sneaky(Throwable t) throws T {
    throw (T) t;
  }
}
