package org.defendersql.adapter.client;

/**
 * A failure to read from Defender, with a message an analyst can act on: what failed, the HTTP status, the
 * API's error code and request id, and the likely fix. It is unchecked because Calcite's enumerators cannot
 * throw checked exceptions; the JDBC layer reports it as an {@link java.sql.SQLException} with this message.
 * The fix is also kept apart, for "test connection".
 */
public class DefenderException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String fix;

  public DefenderException(String message) {
    this(message, 0, null, null);
  }

  public DefenderException(String message, Throwable cause) {
    this(message, 0, null, cause);
  }

  /**
   * @param status the HTTP status the API answered, or 0 when there was no answer
   * @param fix    what to do about it (already part of the message), or null
   */
  public DefenderException(String message, int status, String fix, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.fix = fix;
  }

  /** The HTTP status of the API's answer, or 0 when the failure happened before or without one. */
  public int status() {
    return status;
  }

  /** The likely fix, or null when there is nothing to suggest beyond the message. */
  public String fix() {
    return fix;
  }
}
