package org.defendersql.server.security;

import java.nio.file.Path;
import java.util.List;

/**
 * What the operator chose about who may use the server and how: the authentication mode and its users file, the
 * TLS key store, the public names clients reach the server by (besides its addresses), and the largest request
 * body it reads.
 *
 * @param auth            how clients authenticate
 * @param usersFile       the users file of BASIC or DIGEST, null for none
 * @param tls             the key store of TLS, null to serve plain HTTP
 * @param publicHosts     names clients use in URLs (a DNS name, a load balancer's or proxy's name), accepted in the
 *                        {@code Host} header besides the server's own addresses
 * @param maxRequestBytes the largest request body read; a larger one is refused (413)
 */
public record SecurityOptions(AuthMode auth, Path usersFile, TlsKeyStore tls, List<String> publicHosts,
    long maxRequestBytes) {
  /** 16 MiB: far above any statement or batch of parameters a JDBC client sends. */
  public static final long DEFAULT_MAX_REQUEST_BYTES = 16L << 20;

  /** No authentication, no TLS: a server for this machine only. */
  public static final SecurityOptions NONE = new SecurityOptions(AuthMode.NONE, null, null, List.of(),
      DEFAULT_MAX_REQUEST_BYTES);

  public SecurityOptions {
    publicHosts = List.copyOf(publicHosts);
    if (maxRequestBytes < 1024) {
      throw new SecurityConfigException("--max-request-bytes must be at least 1024, not " + maxRequestBytes);
    }
    if (auth == AuthMode.NONE && usersFile != null) {
      throw new SecurityConfigException("--users needs --auth basic or --auth digest");
    }
    if (auth != AuthMode.NONE && usersFile == null) {
      throw new SecurityConfigException("--auth " + auth.optionName() + " needs --users FILE, the users and their"
          + " password hashes (" + UsersFile.hashCommand(auth, "USER") + " prints a line of it)");
    }
  }

  /** These options with {@code auth} and its users file. */
  public SecurityOptions withAuth(AuthMode mode, Path users) {
    return new SecurityOptions(mode, users, tls, publicHosts, maxRequestBytes);
  }

  /** These options with TLS from {@code keyStore}. */
  public SecurityOptions withTls(TlsKeyStore keyStore) {
    return new SecurityOptions(auth, usersFile, keyStore, publicHosts, maxRequestBytes);
  }

  /** These options with these public host names. */
  public SecurityOptions withPublicHosts(List<String> hosts) {
    return new SecurityOptions(auth, usersFile, tls, hosts, maxRequestBytes);
  }

  /** These options with another body limit. */
  public SecurityOptions withMaxRequestBytes(long bytes) {
    return new SecurityOptions(auth, usersFile, tls, publicHosts, bytes);
  }
}
