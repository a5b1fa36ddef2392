package org.defendersql.server;

/**
 * The SQLStates the server answers with, PostgreSQL's (as pgjdbc reports them, and as the adapter's own
 * {@code ErrorKind} does), so that tools which branch on the class (22 data, 42 syntax or access, 08 connection,
 * 28 authorization, 53 resources, 57 operator intervention) read them right.
 */
final class SqlStates {
  /** A value of the wrong type that cannot be converted. */
  static final String INVALID_CHARACTER_VALUE_FOR_CAST = "22018";
  /** A number out of the range of its type. */
  static final String NUMERIC_VALUE_OUT_OF_RANGE = "22003";
  /** Text that is no date-time. */
  static final String INVALID_DATETIME_FORMAT = "22007";
  /** Text that the character set in use cannot hold. */
  static final String CHARACTER_NOT_IN_REPERTOIRE = "22021";
  /** A statement that does not parse. */
  static final String SYNTAX_ERROR = "42601";
  /** A table (or schema) that does not exist. */
  static final String UNDEFINED_TABLE = "42P01";
  /** A column that does not exist. */
  static final String UNDEFINED_COLUMN = "42703";
  /** A function that does not exist for these argument types. */
  static final String UNDEFINED_FUNCTION = "42883";
  /** A statement defender-sql will not run (a write, a statement that does not validate). */
  static final String REFUSED = "42000";
  /** A connection refused by the server (a connection property it does not accept). */
  static final String CONNECTION_REJECTED = "08004";
  /** A query cancelled, by the client, the server's timeout, or the server because its client went away. */
  static final String QUERY_CANCELED = "57014";
  /** A connection refused because the server is shutting down. */
  static final String CANNOT_CONNECT_NOW = "57P03";
  /** A failure of defender-sql itself. */
  static final String INTERNAL = "XX000";

  private SqlStates() {
  }
}
