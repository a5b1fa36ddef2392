package org.defendersql.adapter.client;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;

/**
 * What kind of failure a {@link DefenderException} is, and so its SQLState and JDBC exception class: the one
 * place where adapter failures get their SQL meaning (PostgreSQL's SQLState conventions, which tools know).
 */
public enum ErrorKind {
  /** A value the query or the API cannot use (a malformed key, a literal out of range). */
  BAD_VALUE("22023"),
  /** A table, column or function that does not exist. */
  UNKNOWN_NAME("42704"),
  /**
   * A statement defender-sql will not run as written (a keyed table without its key, a write, a table of an API
   * the api setting excludes or Microsoft has retired).
   */
  REFUSED("42000"),
  /** Azure AD or the API did not accept who we are (bad secret, wrong tenant, token refused). */
  AUTHENTICATION("28000"),
  /** Who we are is known but lacks an application permission (HTTP 403). */
  PERMISSION("42501"),
  /** The settings cannot work (a missing setting, an unreadable CA file, a Server URL without the API). */
  CONFIGURATION("08001"),
  /** The API or Azure AD could not be reached or kept failing (DNS, refused, TLS, timeouts, 5xx). */
  UNAVAILABLE("08006"),
  /** The API answered with something that is not a valid answer (malformed or truncated pages, paging loops). */
  BROKEN_ANSWER("58030"),
  /** The API's call quota held the query back for longer than its retries allow (HTTP 429). */
  THROTTLED("53300"),
  /** A defender-sql limit stopped the query before it cost too much (maxLookups, row caps). */
  LIMIT("53400"),
  /** The query timeout passed. */
  TIMEOUT("57014"),
  /** The query was cancelled ({@code Statement.cancel}, an interrupted thread). */
  CANCELLED("57014"),
  /** A defender-sql defect. */
  INTERNAL("XX000");

  /** The SQLState a client sees. */
  public final String sqlState;

  ErrorKind(String sqlState) {
    this.sqlState = sqlState;
  }

  /** The kind of an API answer's HTTP status. */
  public static ErrorKind ofStatus(int status) {
    return switch (status) {
      case 400 -> BAD_VALUE;
      case 401 -> AUTHENTICATION;
      case 403 -> PERMISSION;
      case 404 -> CONFIGURATION;
      case 410 -> REFUSED; // the retired MDE API: as when the api setting excludes it
      case 429 -> THROTTLED;
      default -> status >= 500 ? UNAVAILABLE : BROKEN_ANSWER;
    };
  }

  /**
   * The JDBC exception for a failure of this kind, with this kind's SQLState.
   *
   * @param vendorCode the HTTP status of the API's answer, or 0
   */
  public SQLException toSql(String message, int vendorCode, Throwable cause) {
    return switch (this) {
      case BAD_VALUE -> new SQLDataException(message, sqlState, vendorCode, cause);
      case UNKNOWN_NAME, REFUSED, PERMISSION -> new SQLSyntaxErrorException(message, sqlState, vendorCode, cause);
      case AUTHENTICATION -> new SQLInvalidAuthorizationSpecException(message, sqlState, vendorCode, cause);
      case CONFIGURATION, BROKEN_ANSWER -> new SQLNonTransientConnectionException(message, sqlState, vendorCode, cause);
      case UNAVAILABLE -> new SQLTransientConnectionException(message, sqlState, vendorCode, cause);
      case THROTTLED, LIMIT -> new SQLTransientException(message, sqlState, vendorCode, cause);
      case TIMEOUT -> new SQLTimeoutException(message, sqlState, vendorCode, cause);
      case CANCELLED, INTERNAL -> new SQLException(message, sqlState, vendorCode, cause);
    };
  }
}
