package org.defendersql.server;

import java.sql.SQLException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlParseException;

/**
 * Turns whatever a request failed with into the error a remote client receives: the SQLState and vendor code of
 * the cause, and its message once. Avatica would answer SQLState 00000 and code -1 with the message of every
 * wrapper in the chain (each repeating the one inside it) and the server's stack traces.
 *
 * <p>The adapter's failures already are SQLExceptions with a SQLState (its {@code ErrorKind}); the innermost such
 * one is carried through as it is. Calcite's own are classified: a statement that does not parse (42601), an
 * unknown table (42P01), column (42703) or function (42883), another validation error (42000), a cancelled
 * statement (57014). Anything else is an internal error (XX000), named by its exception class.
 */
final class ClientErrors {
  private static final Pattern UNKNOWN_TABLE = Pattern.compile(
      "(?s).*(Object|Table) '[^']*' not found.*");
  private static final Pattern UNKNOWN_COLUMN = Pattern.compile("(?s).*Column '[^']*' not found.*");
  private static final Pattern UNKNOWN_FUNCTION = Pattern.compile("(?s).*No match found for function signature.*");

  private ClientErrors() {
  }

  /** The error to answer for {@code e}. */
  static AvaticaRuntimeException of(Throwable e) {
    if (e instanceof AvaticaRuntimeException a) {
      return a;
    }
    final SQLException withState = org.defendersql.adapter.client.JdbcErrors.lost(root(e))
        .orElseGet(() -> innermostSqlState(e));
    if (withState != null) {
      return new ClientError(withState.getMessage(), withState.getSQLState(), withState.getErrorCode());
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SqlParseException p) {
        return new ClientError("The statement does not parse: " + firstLine(p.getMessage()), SqlStates.SYNTAX_ERROR);
      }
      if (t instanceof CalciteContextException c) {
        return new ClientError(c.getMessage(), validationState(c.getMessage()));
      }
      if (t instanceof ClientError c) {
        return c;
      }
    }
    final Throwable root = root(e);
    final String message = String.valueOf(root.getMessage());
    if (message.startsWith("Failed to encode")) {
      return new ClientError(message, SqlStates.CHARACTER_NOT_IN_REPERTOIRE);
    }
    if (message.toLowerCase(Locale.ROOT).contains("statement canceled")
        || message.toLowerCase(Locale.ROOT).contains("cancelled")) {
      return new ClientError("The query was cancelled: " + message, SqlStates.QUERY_CANCELED);
    }
    return new ClientError("defender-sql failed (" + root.getClass().getSimpleName() + "): " + message,
        SqlStates.INTERNAL);
  }

  /** The innermost SQLException that has a SQLState of its own (Calcite's wrappers have none). */
  private static SQLException innermostSqlState(Throwable e) {
    SQLException found = null;
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof SQLException s && s.getSQLState() != null && !s.getSQLState().equals("00000")) {
        found = s;
      }
    }
    return found;
  }

  private static String validationState(String message) {
    if (UNKNOWN_COLUMN.matcher(message).matches()) {
      return SqlStates.UNDEFINED_COLUMN;
    }
    if (UNKNOWN_TABLE.matcher(message).matches()) {
      return SqlStates.UNDEFINED_TABLE;
    }
    if (UNKNOWN_FUNCTION.matcher(message).matches()) {
      return SqlStates.UNDEFINED_FUNCTION;
    }
    return SqlStates.REFUSED;
  }

  private static Throwable root(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  /** A parse error's position and offending token, without the long list of what was expected instead. */
  private static String firstLine(String message) {
    final String m = String.valueOf(message);
    final int expecting = m.indexOf("Was expecting");
    return (expecting > 0 ? m.substring(0, expecting) : m).strip();
  }
}
