package org.defendersql.adapter.client;

import java.sql.SQLException;

/**
 * Raises a {@link DefenderException} as the {@link SQLException} a JDBC client expects from
 * {@code ResultSet.next()}. Calcite's enumerators cannot declare checked exceptions, and an unchecked one
 * escapes {@code next()} unwrapped in embedded Calcite; so the SQLException is thrown as is, undeclared, from the
 * enumerator, and every JDBC method on the way declares it. Its SQLState comes from the failure's
 * {@link ErrorKind}.
 */
public final class JdbcErrors {
  private JdbcErrors() {
  }

  /** Throws the SQL form of the failure; declared to return so that callers can write {@code throw}. */
  public static RuntimeException raise(DefenderException e) {
    throw JdbcErrors.<RuntimeException>sneaky(e.toSql());
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T sneaky(Throwable t) throws T {
    throw (T) t;
  }
}
