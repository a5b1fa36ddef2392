package org.defendersql.server.observe;

import java.util.Locale;

/** How a statement's execution ended. */
enum Outcome {
  /** Its result was read to the last row (or it had none). */
  OK,
  /** The client closed it (or its connection) before the last row: a LIMIT of its own, or it stopped reading. */
  CLOSED,
  /** Nobody touched it for the statement idle time; the server closed it. */
  EXPIRED,
  /** Stopped by a cancel or a query timeout (SQLState 57014). */
  CANCELED,
  /** It failed; the SQLState says why. */
  ERROR;

  /** The outcome as audit lines and metric labels write it. */
  String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
