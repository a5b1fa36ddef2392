package org.defendersql.adapter.client;

import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;

/**
 * Raises a {@link DefenderException} as the {@link SQLException} a JDBC client expects from
 * {@code ResultSet.next()}. Calcite's enumerators cannot declare checked exceptions, and an unchecked one
 * escapes {@code next()} unwrapped in embedded Calcite; so the SQLException is thrown as is, undeclared, from the
 * enumerator, and every JDBC method on the way declares it. Its SQLState comes from the failure's
 * {@link ErrorKind}.
 */
public final class JdbcErrors {
  /** The last failure each thread raised, for {@link #lost}. */
  private static final ThreadLocal<SQLException> RAISED = new ThreadLocal<>();

  private JdbcErrors() {
  }

  /** Throws the SQL form of the failure; declared to return so that callers can write {@code throw}. */
  public static RuntimeException raise(DefenderException e) {
    final SQLException sql = e.toSql();
    RAISED.set(sql);
    throw JdbcErrors.<RuntimeException>sneaky(sql);
  }

  /**
   * The failure this thread raised last, when {@code t} is what became of it: Calcite 1.42's
   * {@code CalciteMetaImpl._createIterable} rethrows an SQLException raised while a statement's first rows are
   * computed (an aggregate or a sort runs then) as a bare {@code RuntimeException} of the same message, losing
   * its SQLState. A server recovers it here; a test guards it (LimitsTest's timeout of a recursive query).
   */
  public static Optional<SQLException> lost(Throwable t) {
    final SQLException raised = RAISED.get();
    RAISED.remove();
    if (raised != null && t != null && t.getClass() == RuntimeException.class && t.getCause() == null
        && Objects.equals(t.getMessage(), raised.getMessage())) {
      return Optional.of(raised);
    }
    return Optional.empty();
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T sneaky(Throwable t) throws T {
    throw (T) t;
  }
}
