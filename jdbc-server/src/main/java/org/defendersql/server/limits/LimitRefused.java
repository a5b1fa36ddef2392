package org.defendersql.server.limits;

import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;

/**
 * A request refused because a limit of the server was reached, as Avatica answers it: the message names the
 * limit and its option, SQLState 53400 (configuration limit exceeded), and no stack frames.
 */
public final class LimitRefused extends AvaticaRuntimeException {
  private static final long serialVersionUID = 1L;

  /** The SQLState of every refusal by a server limit. */
  public static final String SQLSTATE = "53400";

  public LimitRefused(String message) {
    super(message, 0, SQLSTATE, AvaticaSeverity.ERROR);
  }

  @Override public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
