package org.defendersql.adapter.client;

/**
 * A failure to read from Defender, with a message an analyst can act on: what failed, the HTTP status, the
 * API's error code and request id, and the likely fix. It is unchecked because Calcite's enumerators cannot
 * throw checked exceptions; the JDBC layer reports it as an {@link java.sql.SQLException} with this message.
 */
public class DefenderException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DefenderException(String message) {
    super(message);
  }

  public DefenderException(String message, Throwable cause) {
    super(message, cause);
  }
}
