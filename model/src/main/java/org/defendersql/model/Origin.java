package org.defendersql.model;

/** Where a column's value comes from in the API's answers. */
public enum Origin {
  /** A property of the row's JSON object (or of a nested object in it). */
  PROPERTY,
  /** The key the row was looked up by, from the request path (e.g. the machine id of its logon users). */
  KEY,
  /** A property of the parent row a child row is nested in (e.g. the alert of an evidence item). */
  PARENT,
  /** A property of the entity's statistics, read from a second endpoint only when a query uses it. */
  STATS
}
