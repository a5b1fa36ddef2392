package org.defendersql.server.security;

import java.util.Optional;

/**
 * The authenticated user a request is being served for, on the thread that serves it: the name BASIC or DIGEST
 * authentication accepted (the {@code avatica_user} of the client). Empty on a server without authentication
 * and outside a request. What needs the user of a request (an audit line, a per-user limit) reads it here.
 */
public final class RequestUser {
  private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

  private RequestUser() {
  }

  /** The user of the request this thread is serving. */
  public static Optional<String> current() {
    return Optional.ofNullable(CURRENT.get());
  }

  /** Makes {@code user} (null: no authenticated user) this thread's; returns the one before, for {@link #leave}. */
  static String enter(String user) {
    final String before = CURRENT.get();
    CURRENT.set(user);
    return before;
  }

  /** Restores the user {@link #enter} replaced. */
  static void leave(String before) {
    if (before == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(before);
    }
  }
}
