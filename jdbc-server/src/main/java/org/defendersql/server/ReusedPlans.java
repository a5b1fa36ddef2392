package org.defendersql.server;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The plans of the queries each connection sends again as plain statements (a dashboard's refresh, a lookup
 * by a fixed key, a BI tool's probe): Calcite parses, validates, optimises and compiles a {@code Statement}'s text
 * on every execution, tens of milliseconds, while a prepared statement does so once. Here each connection keeps
 * its last {@link #PER_CONNECTION} query texts prepared, and a statement that sends one of them runs the
 * prepared one.
 *
 * <p>A prepared statement serves one client statement at a time (it is leased); a text already leased is planned
 * anew, as without reuse. Plans are the connection's own, as its schemas, settings and grants are.
 */
final class ReusedPlans {
  /** Query texts kept prepared per connection. */
  static final int PER_CONNECTION = 16;
  /** Longer texts are not kept: a generated query is rarely sent twice. */
  static final int MAX_SQL_CHARS = 20_000;
  /** Only queries: their plan is all they are (EXPLAIN prints state of the moment, such as the cache's). */
  private static final Pattern QUERY = Pattern.compile("^\\s*(?:\\(\\s*)*(select|with|values)\\b",
      Pattern.CASE_INSENSITIVE);

  /** Prepared statements not leased now, by connection, least recently used first. */
  private final Map<String, LinkedHashMap<String, PreparedStatement>> free = new HashMap<>();
  private final Map<Integer, Lease> leases = new HashMap<>();

  /** A prepared statement serving a client's statement, and the result it opened. */
  private static final class Lease {
    final String connectionId;
    final String sql;
    final PreparedStatement statement;
    ResultSet results;

    Lease(String connectionId, String sql, PreparedStatement statement) {
      this.connectionId = connectionId;
      this.sql = sql;
      this.statement = statement;
    }
  }

  /** Prepares a statement on the client's connection. */
  interface Preparer {
    PreparedStatement prepare(String sql) throws SQLException;
  }

  /** Whether a text may be kept prepared: a query, of a bounded length. */
  static boolean reusable(String sql) {
    return sql != null && sql.length() <= MAX_SQL_CHARS && QUERY.matcher(sql).find();
  }

  /**
   * The connection's prepared statement of this text for the client's statement, prepared now if the connection
   * has none free; null when it cannot be prepared alone (it has parameters, or preparing fails: the caller runs
   * the text as a plain statement, which reports the error as usual).
   */
  PreparedStatement lease(String connectionId, int statementId, String sql, Preparer preparer) {
    PreparedStatement ps;
    synchronized (this) {
      final LinkedHashMap<String, PreparedStatement> mine = free.get(connectionId);
      ps = mine == null ? null : mine.remove(sql);
    }
    if (ps == null) {
      try {
        ps = preparer.prepare(sql);
        if (ps.getParameterMetaData().getParameterCount() > 0) {
          ps.close();
          return null;
        }
      } catch (SQLException | RuntimeException e) {
        closeQuietly(ps);
        return null;
      }
    }
    synchronized (this) {
      release(statementId);
      leases.put(statementId, new Lease(connectionId, sql, ps));
    }
    return ps;
  }

  /** Records the result the leased statement opened, to be closed with the client's statement. */
  synchronized void opened(int statementId, ResultSet results) {
    final Lease lease = leases.get(statementId);
    if (lease != null) {
      lease.results = results;
    }
  }

  /** The prepared statement running for the client's statement, or null: what a cancel must reach. */
  synchronized Statement running(int statementId) {
    final Lease lease = leases.get(statementId);
    return lease == null ? null : lease.statement;
  }

  /**
   * Ends the client statement's lease, if any: its result is closed and the prepared statement is free for the
   * connection's next statement of the same text (the least recently used one beyond the bound is closed).
   */
  synchronized void release(int statementId) {
    final Lease lease = leases.remove(statementId);
    if (lease == null) {
      return;
    }
    closeQuietly(lease.results);
    final LinkedHashMap<String, PreparedStatement> mine = free.computeIfAbsent(lease.connectionId,
        id -> new LinkedHashMap<>(PER_CONNECTION, 0.75f, true));
    final PreparedStatement before = mine.put(lease.sql, lease.statement);
    if (before != null && before != lease.statement) {
      closeQuietly(before);
    }
    if (mine.size() > PER_CONNECTION) {
      final Iterator<PreparedStatement> eldest = mine.values().iterator();
      closeQuietly(eldest.next());
      eldest.remove();
    }
  }

  /** Forgets a connection being closed, closing its prepared statements. */
  synchronized void forget(String connectionId) {
    final LinkedHashMap<String, PreparedStatement> mine = free.remove(connectionId);
    if (mine != null) {
      mine.values().forEach(ReusedPlans::closeQuietly);
    }
    leases.values().removeIf(l -> {
      if (l.connectionId.equals(connectionId)) {
        closeQuietly(l.results);
        closeQuietly(l.statement);
        return true;
      }
      return false;
    });
  }

  /** Ends the leases of client statements and forgets the connections no longer open (expired ones). */
  synchronized void retain(Set<Integer> openStatements, Set<String> openConnections) {
    for (Integer id : Set.copyOf(leases.keySet())) {
      if (!openStatements.contains(id)) {
        release(id);
      }
    }
    for (String id : Set.copyOf(free.keySet())) {
      if (!openConnections.contains(id)) {
        forget(id);
      }
    }
  }

  /** The prepared statements kept, leased or free (for tests). */
  synchronized int size() {
    return leases.size() + free.values().stream().mapToInt(Map::size).sum();
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      // Closing what nobody reads any more.
    }
  }
}
