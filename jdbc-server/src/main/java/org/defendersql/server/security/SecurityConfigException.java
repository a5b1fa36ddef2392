package org.defendersql.server.security;

/**
 * A server security setting that cannot work (an unreadable users file, a plain-text password, a key store that
 * does not open, no authentication beyond loopback); the server does not start, and the message says what to
 * change.
 */
public final class SecurityConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SecurityConfigException(String message) {
    super(message);
  }

  public SecurityConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
