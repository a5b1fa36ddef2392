package org.defendersql.adapter.cache;

/**
 * Rows that can tell, once read to the end, whether they are an answer worth keeping: a keyed read the API
 * answered 404 (no such key, yet) ends with no rows like an empty answer, but is not stored, so that a key that
 * appears later is found at once.
 */
public interface Storable {
  /** Whether the rows read to the end may be stored. */
  boolean storable();
}
