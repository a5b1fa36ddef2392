package org.defendersql.model;

/**
 * The SQL shape of a column, independent of any SQL engine so that the model needs no dependency.
 *
 * <p>Nested single objects (such as {@code relatedUser}) are flattened into one column per property; arrays of
 * strings become SQL arrays; arrays of objects (such as {@code loggedOnUsers}) are kept whole as JSON text,
 * which SQL's {@code JSON_VALUE}/{@code JSON_QUERY} can take apart.
 */
public enum SqlType {
  VARCHAR,
  INTEGER,
  BIGINT,
  DOUBLE,
  BOOLEAN,
  /** A UTC timestamp with millisecond precision. */
  TIMESTAMP,
  /** An array of VARCHAR. */
  VARCHAR_ARRAY,
  /** VARCHAR holding a JSON array. */
  JSON
}
