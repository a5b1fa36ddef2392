package org.defendersql.model;

/**
 * A keyed endpoint of a table: the rows for one key value, e.g. {@code /api/files/{key}} by {@code sha1}.
 *
 * @param pathTemplate the path with {@code {key}} where the key value goes
 * @param keyColumn    the SQL name of the column the key value is compared with
 * @param single       whether the endpoint answers one entity (unknown key: 404) rather than a collection
 *                     (unknown key: 200 with no rows)
 * @param keyPattern   a regular expression every valid key matches (e.g. 40 hex digits for a SHA-1); a value
 *                     that does not match cannot be a key and is not sent
 */
public record Lookup(String pathTemplate, String keyColumn, boolean single, String keyPattern) {
  /** The path for one key value, already URL-encoded by the caller. */
  public String path(String encodedKey) {
    return pathTemplate.replace("{key}", encodedKey);
  }
}
