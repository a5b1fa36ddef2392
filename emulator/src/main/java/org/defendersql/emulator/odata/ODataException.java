package org.defendersql.emulator.odata;

/**
 * A request the service refuses before reading any data, carrying the HTTP status and the {@code error.code} of
 * the Defender error body.
 */
public final class ODataException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The code the service uses for an invalid OData query. */
  public static final String ODATA_ERROR = "ODataError";

  private final int status;
  private final String code;

  public ODataException(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  /** A 400 {@code ODataError}: the query options are invalid. */
  public static ODataException badQuery(String message) {
    return new ODataException(400, ODATA_ERROR, message);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }
}
