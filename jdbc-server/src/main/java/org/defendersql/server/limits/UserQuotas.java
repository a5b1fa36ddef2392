package org.defendersql.server.limits;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts the connections and statements each user holds open, and refuses one more beyond the {@link Quotas}:
 * a user who opens too many is told so, and no one else's connection or cursor is closed to make room.
 * A connection opened without authentication belongs to no user and counts in the totals only.
 */
public final class UserQuotas {
  private static final String NO_USER = "";

  private final Quotas quotas;
  /** The user of each open connection. */
  private final Map<String, String> users = new ConcurrentHashMap<>();
  /** Connections admitted whose opening has not finished: not yet in the server's cache, to keep meanwhile. */
  private final Set<String> opening = ConcurrentHashMap.newKeySet();
  /** The connection of each open statement. */
  private final Map<Integer, String> statements = new ConcurrentHashMap<>();

  public UserQuotas(Quotas quotas) {
    this.quotas = quotas;
  }

  /** Records a new connection of {@code user} (null without authentication), or refuses it. */
  public synchronized void admitConnection(String connectionId, String user) {
    final String u = user == null ? NO_USER : user;
    if (users.size() >= quotas.maxConnections()) {
      throw new LimitRefused("The server has " + users.size() + " open connections, its limit (--max-connections)."
          + " Retry later; idle connections close after the statement idle time.");
    }
    if (user != null) {
      final long mine = users.values().stream().filter(u::equals).count();
      if (mine >= quotas.maxConnectionsPerUser()) {
        throw new LimitRefused("You have " + mine + " open connections, the limit per user"
            + " (--max-connections-per-user). Close connections you no longer use (a pool: lower its maximum"
            + " size).");
      }
    }
    users.put(connectionId, u);
    opening.add(connectionId);
  }

  /** The connection admitted is open (or failed to open, and was forgotten). */
  public void opened(String connectionId) {
    opening.remove(connectionId);
  }

  /** Forgets a closed connection. */
  public void forget(String connectionId) {
    users.remove(connectionId);
    opening.remove(connectionId);
    statements.values().removeIf(connectionId::equals);
  }

  /** Forgets every connection but these (the ones the server still holds). */
  public void retain(Set<String> open) {
    users.keySet().removeIf(id -> !open.contains(id) && !opening.contains(id));
  }

  /** The user of a connection, null for none (no authentication, or not open). */
  public String userOf(String connectionId) {
    final String u = users.get(connectionId);
    return u == null || u.equals(NO_USER) ? null : u;
  }

  /**
   * Refuses a new statement on {@code connectionId} when its user, or the server, already holds the most.
   *
   * @param openStatements the statements the server holds open (metadata result sets included)
   */
  public void admitStatement(String connectionId, long openStatements) {
    if (openStatements >= quotas.maxStatements()) {
      throw new LimitRefused("The server has " + openStatements + " open statements, its limit"
          + " (--max-statements). Close statements and result sets you have read; retry later.");
    }
    final String user = userOf(connectionId);
    if (user == null) {
      return;
    }
    final long mine = statements.values().stream().filter(c -> user.equals(userOf(c))).count();
    if (mine >= quotas.maxStatementsPerUser()) {
      throw new LimitRefused("You have " + mine + " open statements, the limit per user"
          + " (--max-statements-per-user). Close statements and result sets you have read.");
    }
  }

  /** Records a statement opened on a connection. */
  public void opened(int statementId, String connectionId) {
    statements.put(statementId, connectionId);
  }

  /** Forgets a closed statement. */
  public void closed(int statementId) {
    statements.remove(statementId);
  }

  /** Forgets every statement but these (the ones the server still holds). */
  public void retainStatements(Set<Integer> open) {
    statements.keySet().retainAll(open);
  }
}
