package org.defendersql.emulator.data;

/**
 * The answer of a keyed endpoint for one key: its rows (as the API's JSON holds them: see
 * {@link ServedEntities}), or the error the service gives instead (400 for a malformed key, 404 for an unknown
 * entity or owner).
 *
 * @param rows the rows, or null with an error
 */
public record Keyed(EntityTable rows, int status, String code, String message) {
  static Keyed found(EntityTable rows) {
    return new Keyed(rows, 200, null, null);
  }

  static Keyed error(int status, String code, String message) {
    return new Keyed(null, status, code, message);
  }

  public boolean ok() {
    return rows != null;
  }
}
