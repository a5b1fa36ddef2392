package org.defendersql.server.security;

/** Told of requests the server turned away: for the audit log and the metrics. */
public interface SecurityEvents {
  /** Nobody listens. */
  SecurityEvents NONE = new SecurityEvents() {
  };

  /**
   * A client sent credentials that authentication refused.
   *
   * @param scheme        {@code Basic}, {@code Digest}, {@code Bearer} ...
   * @param user          the user name the credentials named, or null when they name none
   * @param clientAddress the client's address
   */
  default void authenticationFailed(String scheme, String user, String clientAddress) {
  }

  /** A request was refused before it reached Avatica (wrong host, method, content type, size): its HTTP status. */
  default void refused(int status, String clientAddress) {
  }
}
