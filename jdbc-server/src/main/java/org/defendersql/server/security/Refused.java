package org.defendersql.server.security;

import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;

/**
 * A request the server's security refuses, as Avatica answers it to the client: the message and SQLState, and no
 * stack frames (Avatica would send the server's stack as the error's "stack trace").
 */
final class Refused extends AvaticaRuntimeException {
  private static final long serialVersionUID = 1L;

  Refused(String message, String sqlState) {
    super(message, 0, sqlState, AvaticaSeverity.ERROR);
  }

  @Override public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
