package org.defendersql.jdbc;

/** A statement of this driver, whose result sets report their calls to its {@link StatementGuard}. */
interface Guarded {
  StatementGuard guard();
}
