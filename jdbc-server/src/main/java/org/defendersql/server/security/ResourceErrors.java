package org.defendersql.server.security;

import java.util.Optional;

/**
 * The Java {@code Error}s one statement can cause and the server survives, as errors its client can act on: a
 * statement nested too deeply for the thread's stack (thousands of ORs), and one that needed more memory than the
 * heap has. Both leave the server sound once the statement's stack has unwound and its objects are garbage.
 */
public final class ResourceErrors {
  /** A statement too complex for the server (PostgreSQL's statement_too_complex). */
  public static final String STATEMENT_TOO_COMPLEX = "54001";
  /** Out of memory (PostgreSQL's out_of_memory). */
  public static final String OUT_OF_MEMORY = "53200";

  /** What the client is told. */
  public record Failure(String message, String sqlState) {
  }

  private ResourceErrors() {
  }

  /** The failure {@code e} or one of its causes is, if it is a stack overflow or an exhausted heap. */
  public static Optional<Failure> of(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof StackOverflowError) {
        return Optional.of(new Failure("The statement is nested too deeply for the server (StackOverflowError):"
            + " write a long chain of ORs as IN (...), or split the statement", STATEMENT_TOO_COMPLEX));
      }
      if (t instanceof OutOfMemoryError) {
        return Optional.of(new Failure("The statement needed more memory than the server has (OutOfMemoryError):"
            + " narrow it (WHERE, LIMIT, fewer columns or joined rows), or give the server a larger heap (-Xmx)",
            OUT_OF_MEMORY));
      }
    }
    return Optional.empty();
  }
}
