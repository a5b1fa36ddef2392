package org.defendersql.emulator.graph;

/**
 * A Graph request refused before any data is read, with what Graph's error body says: its HTTP status, its
 * {@code error.code} (empty for the OData query validator's refusals, as Graph sends them) and whether the body
 * carries the validator's empty {@code details}.
 */
final class GraphException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** How the OData query validator's messages begin. */
  static final String INVALID_QUERY = "The query specified in the URI is not valid. ";

  private final int status;
  private final String code;
  private final boolean details;

  GraphException(int status, String code, String message, boolean details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** 400 {@code BadRequest}. */
  static GraphException badRequest(String message) {
    return new GraphException(400, "BadRequest", message, false);
  }

  /** 400 from the OData query validator: code {@code ""}, "The query specified in the URI is not valid. ...". */
  static GraphException invalidQuery(String message) {
    return new GraphException(400, "", INVALID_QUERY + message, true);
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }

  boolean details() {
    return details;
  }
}
