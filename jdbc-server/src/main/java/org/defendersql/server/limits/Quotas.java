package org.defendersql.server.limits;

import java.time.Duration;

/**
 * How much of the server one user, and all users together, may take. Per-user limits apply to authenticated
 * users; on a server without authentication every client shares the totals.
 *
 * @param maxConnectionsPerUser open connections of one user
 * @param maxConnections        open connections in all (the server refuses the next; it never evicts one)
 * @param maxStatementsPerUser  open statements of one user
 * @param maxStatements         open statements in all
 * @param maxRunningPerUser     statements of one user executing or fetching at once
 * @param maxRunning            statements executing or fetching at once in all
 * @param admissionWait         how long a statement waits for its turn before it is refused
 * @param maxStatementRows      rows one statement may hold in memory (sorting, joining, set operations)
 * @param maxUserLookupsPerHour keyed API requests one user may send in any hour
 */
public record Quotas(int maxConnectionsPerUser, int maxConnections, int maxStatementsPerUser, int maxStatements,
    int maxRunningPerUser, int maxRunning, Duration admissionWait, long maxStatementRows,
    int maxUserLookupsPerHour) {
  /**
   * Defaults for a 2-core server with a few GiB of heap, and a few dozen analysts: a million rows held (a sorted
   * cross join of 3,000 alerts with itself is refused in seconds; at 5 million it filled 3.7 GB and outlived the
   * client's 3-minute read timeout under load, SoakBenchmark); a user's keyed requests at a third of the app's
   * hourly budget of 1,500 calls.
   */
  public static final Quotas DEFAULT = new Quotas(20, 400, 200, 4_000, 4, 16, Duration.ofSeconds(20), 1_000_000,
      500);

  public Quotas {
    if (maxConnectionsPerUser < 1 || maxConnections < 1 || maxStatementsPerUser < 1 || maxStatements < 1
        || maxRunningPerUser < 1 || maxRunning < 1 || maxStatementRows < 1 || admissionWait.isNegative()
        || maxUserLookupsPerHour < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }

  /** These quotas with another row limit per statement. */
  public Quotas withMaxStatementRows(long rows) {
    return new Quotas(maxConnectionsPerUser, maxConnections, maxStatementsPerUser, maxStatements,
        maxRunningPerUser, maxRunning, admissionWait, rows, maxUserLookupsPerHour);
  }

  /** These quotas with another limit of keyed requests per user per hour. */
  public Quotas withUserLookupsPerHour(int n) {
    return new Quotas(maxConnectionsPerUser, maxConnections, maxStatementsPerUser, maxStatements,
        maxRunningPerUser, maxRunning, admissionWait, maxStatementRows, n);
  }

  /** These quotas with other connection limits. */
  public Quotas withConnections(int perUser, int total) {
    return new Quotas(perUser, total, maxStatementsPerUser, maxStatements, maxRunningPerUser, maxRunning,
        admissionWait, maxStatementRows, maxUserLookupsPerHour);
  }

  /** These quotas with other statement limits. */
  public Quotas withStatements(int perUser, int total) {
    return new Quotas(maxConnectionsPerUser, maxConnections, perUser, total, maxRunningPerUser, maxRunning,
        admissionWait, maxStatementRows, maxUserLookupsPerHour);
  }

  /** These quotas with other limits on running statements. */
  public Quotas withRunning(int perUser, int total, Duration wait) {
    return new Quotas(maxConnectionsPerUser, maxConnections, maxStatementsPerUser, maxStatements, perUser, total,
        wait, maxStatementRows, maxUserLookupsPerHour);
  }

  /**
   * The capacity of Avatica's connection cache: above every connection the server admits, so that the cache
   * never evicts a live connection to make room (Avatica's default of 100 let any client evict others').
   */
  public int connectionCacheCapacity() {
    return maxConnections + 16;
  }

  /** The capacity of Avatica's statement cache; metadata calls open statements too, so twice the limit. */
  public int statementCacheCapacity() {
    return maxStatements * 2 + 64;
  }
}
