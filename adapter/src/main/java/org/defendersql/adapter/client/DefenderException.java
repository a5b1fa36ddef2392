package org.defendersql.adapter.client;

/**
 * A failure to read from Defender, with a message an analyst can act on: what failed, the HTTP status, the
 * API's error code and request id, and the likely fix. Its {@link ErrorKind} decides its SQLState; nothing reads
 * the message to classify it. It is unchecked because Calcite's enumerators cannot throw checked exceptions; the
 * JDBC layer reports it as an {@link java.sql.SQLException} ({@link #toSql()}). The fix is also kept apart, for
 * "test connection".
 */
public class DefenderException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorKind kind;
  private final int status;
  private final String fix;

  public DefenderException(ErrorKind kind, String message) {
    this(kind, message, 0, null, null);
  }

  public DefenderException(ErrorKind kind, String message, Throwable cause) {
    this(kind, message, 0, null, cause);
  }

  /**
   * @param status the HTTP status the API answered, or 0 when there was no answer
   * @param fix    what to do about it (already part of the message), or null
   */
  public DefenderException(ErrorKind kind, String message, int status, String fix, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.status = status;
    this.fix = fix;
  }

  /** What kind of failure this is. */
  public ErrorKind kind() {
    return kind;
  }

  /** The HTTP status of the API's answer, or 0 when the failure happened before or without one. */
  public int status() {
    return status;
  }

  /** The likely fix, or null when there is nothing to suggest beyond the message. */
  public String fix() {
    return fix;
  }

  /** The JDBC form: this message, the kind's SQLState and exception class, the HTTP status as vendor code. */
  public java.sql.SQLException toSql() {
    return kind.toSql(getMessage(), status, this);
  }
}
