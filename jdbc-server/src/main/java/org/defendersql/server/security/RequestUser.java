package org.defendersql.server.security;

import java.util.Optional;
import java.util.Set;

/**
 * The authenticated user a request is being served for, on the thread that serves it: the name BASIC or DIGEST
 * authentication accepted (the {@code avatica_user} of the client), and the client's address. The user is empty on
 * a server without authentication, both outside a request. What needs the user of a request (an audit line, a
 * per-user limit) reads it here.
 */
public final class RequestUser {
  private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();
  private static final ThreadLocal<String> ADDRESS = new ThreadLocal<>();
  private static final ThreadLocal<Set<String>> ROLES = new ThreadLocal<>();

  private RequestUser() {
  }

  /** The user of the request this thread is serving. */
  public static Optional<String> current() {
    return Optional.ofNullable(CURRENT.get());
  }

  /** The roles of the request's user (from the users file's line, or the Entra ID token's roles), none without. */
  public static Set<String> roles() {
    final Set<String> r = ROLES.get();
    return r == null ? Set.of() : r;
  }

  /** The address of the client whose request this thread is serving. */
  public static Optional<String> clientAddress() {
    return Optional.ofNullable(ADDRESS.get());
  }

  /**
   * Makes {@code user} (null: no authenticated user) and the client's address this thread's; returns the user
   * before, for {@link #leave}. Requests are not nested: leaving clears the address.
   */
  static String enter(String user, Set<String> roles, String address) {
    final String before = CURRENT.get();
    CURRENT.set(user);
    ROLES.set(Set.copyOf(roles));
    ADDRESS.set(address);
    return before;
  }

  /** Restores the user {@link #enter} replaced. */
  static void leave(String before) {
    ADDRESS.remove();
    ROLES.remove();
    if (before == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(before);
    }
  }

  /** The work, to run on another thread for the request this thread is serving (its user, roles and address). */
  public static <T> java.util.function.Supplier<T> propagating(java.util.function.Supplier<T> work) {
    final String user = CURRENT.get();
    final Set<String> roles = roles();
    final String address = ADDRESS.get();
    return () -> {
      final String before = enter(user, roles, address);
      try {
        return work.get();
      } finally {
        leave(before);
      }
    };
  }
}
