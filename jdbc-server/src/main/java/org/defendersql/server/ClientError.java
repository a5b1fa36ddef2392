package org.defendersql.server;

import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;

/**
 * An error as the server answers it to a remote client: Avatica sends this exception's message, SQLState and
 * vendor code in its error response. It carries no cause and no stack frames, so what the client receives as the
 * server's "stack trace" is this one line, never the server's internals.
 */
final class ClientError extends AvaticaRuntimeException {
  private static final long serialVersionUID = 1L;

  ClientError(String message, String sqlState, int vendorCode) {
    super(message, vendorCode, sqlState, AvaticaSeverity.ERROR);
  }

  ClientError(String message, String sqlState) {
    this(message, sqlState, 0);
  }

  @Override public synchronized Throwable fillInStackTrace() {
    return this;
  }

  @Override public String toString() {
    return "Error " + getErrorCode() + " (" + getSqlState() + "): " + getErrorMessage();
  }
}
