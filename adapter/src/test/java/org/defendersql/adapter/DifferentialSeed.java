package org.defendersql.adapter;

import java.sql.SQLException;

/**
 * The seed of a differential test's generated queries: a new one each run, so that runs together cover far more
 * queries than one fixed list, and named in any failure, so that {@code -Ddifferential.seed=N} repeats the run.
 */
public final class DifferentialSeed {
  private static final String PROPERTY = "differential.seed";

  private DifferentialSeed() {
  }

  /** The seed given with {@code -Ddifferential.seed}, or a new one; printed either way. */
  public static long pick(String test) {
    final long seed = Long.getLong(PROPERTY, System.nanoTime());
    System.out.println(test + " runs with -D" + PROPERTY + "=" + seed);
    return seed;
  }

  /** Runs the queries; a failure names the seed that repeats it. */
  public static void reported(long seed, Queries queries) throws SQLException {
    try {
      queries.run();
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + repeat(seed), e);
    } catch (SQLException e) {
      throw new SQLException(e.getMessage() + repeat(seed), e.getSQLState(), e.getErrorCode(), e);
    }
  }

  private static String repeat(long seed) {
    return " (repeat with -D" + PROPERTY + "=" + seed + ")";
  }

  /** The generated queries of one run. */
  public interface Queries {
    void run() throws SQLException;
  }
}
