package org.defendersql.server;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.defendersql.model.settings.Setting;

/**
 * The connection properties a remote JDBC client may send. Avatica hands client properties to the server's
 * Calcite driver, where {@code model}, {@code schemaFactory} or {@code fun} would let a client load classes,
 * read files or replace the schema; so only harmless properties pass and anything else is refused by name.
 */
final class ClientPropertyPolicy {
  /** Turns pushdown off for the connection ({@code pushdown=false}), for users who suspect it. */
  static final String PUSHDOWN = Setting.PUSHDOWN.clientProperty;

  /**
   * The longest, in seconds, each query of the connection may run ({@code queryTimeout=30}); a server timeout
   * that is shorter wins. Avatica's driver never sends {@code Statement.setQueryTimeout}, so this is how a
   * client of this server asks for one.
   */
  static final String QUERY_TIMEOUT = Setting.QUERY_TIMEOUT.clientProperty;

  /**
   * How array columns reach the client: {@code sql} (the default) as SQL arrays, {@code json} as VARCHAR
   * holding JSON text, for clients that cannot read arrays (Spark); see {@link JsonColumns}.
   */
  static final String COMPLEX_TYPES = Setting.COMPLEX_TYPES.clientProperty;

  /** Turns the shared cache of API answers off for the connection ({@code cache=off}): every query sends. */
  static final String CACHE = Setting.CACHE.clientProperty;

  /**
   * Identity properties that JDBC tools send by habit (Calcite ignores them), and the settings the one settings
   * list marks as a client's to set.
   */
  static final Set<String> ALLOWED = allowed();

  private static Set<String> allowed() {
    final Set<String> allowed = new TreeSet<>(Set.of("user", "password"));
    Setting.clientSettable().forEach(s -> allowed.add(s.clientProperty));
    return Set.copyOf(allowed);
  }

  private ClientPropertyPolicy() {
  }

  /**
   * Checks a client's properties.
   *
   * @throws ClientError naming the refused properties and the allowed ones, SQLState 08004 (the server rejected
   *                     the connection)
   */
  static void check(Map<String, String> clientProperties) {
    final Set<String> refused = new TreeSet<>();
    for (String key : clientProperties.keySet()) {
      if (!ALLOWED.contains(key)) {
        refused.add(key);
      }
    }
    final String pushdown = clientProperties.get(PUSHDOWN);
    if (pushdown != null && !pushdown.equals("true") && !pushdown.equals("false")) {
      throw new ClientError("The connection property pushdown must be true or false, not '" + pushdown + "'.",
          SqlStates.CONNECTION_REJECTED);
    }
    final String cache = clientProperties.get(CACHE);
    if (cache != null && !cache.equals("on") && !cache.equals("off")) {
      throw new ClientError("The connection property cache must be on or off, not '" + cache + "'.",
          SqlStates.CONNECTION_REJECTED);
    }
    queryTimeoutSeconds(clientProperties);
    complexTypesAsJson(clientProperties);
    if (!refused.isEmpty()) {
      throw new ClientError("This defender-sql server does not accept the connection propert"
          + (refused.size() == 1 ? "y " : "ies ") + refused + " from clients; the schema, the model and the SQL"
          + " dialect are set on the server. Accepted: " + new TreeSet<>(ALLOWED) + ".",
          SqlStates.CONNECTION_REJECTED);
    }
  }

  /** Whether the connection asked for {@code complexTypes=json}. */
  static boolean complexTypesAsJson(Map<String, String> clientProperties) {
    final String v = clientProperties.get(COMPLEX_TYPES);
    if (v == null || v.equalsIgnoreCase("sql")) {
      return false;
    }
    if (v.equalsIgnoreCase("json")) {
      return true;
    }
    throw new ClientError("The connection property complexTypes must be sql (arrays as SQL arrays, the default)"
        + " or json (arrays as VARCHAR JSON text, for clients that cannot read arrays), not '" + v + "'.",
        SqlStates.CONNECTION_REJECTED);
  }

  /** The connection's {@code queryTimeout} in seconds, 0 when it has none. */
  static long queryTimeoutSeconds(Map<String, String> clientProperties) {
    final String v = clientProperties.get(QUERY_TIMEOUT);
    if (v == null || v.isBlank()) {
      return 0;
    }
    try {
      final long seconds = Long.parseLong(v.trim());
      if (seconds >= 0) {
        return seconds;
      }
    } catch (NumberFormatException e) {
      // Refused below.
    }
    throw new ClientError("The connection property queryTimeout must be a number of seconds (0 for none), not '"
        + v + "'.", SqlStates.CONNECTION_REJECTED);
  }
}
