package org.defendersql.server.security;

import java.nio.file.Path;
import java.util.List;

/**
 * What the operator chose about who may use the server and how: the authentication mode and its users file or
 * Entra ID tenant, the TLS key store, the public names clients reach the server by (besides its addresses), and the
 * largest request body it reads.
 *
 * @param auth            how clients authenticate
 * @param usersFile       the users file of BASIC or DIGEST, null for none
 * @param tls             the key store of TLS, null to serve plain HTTP
 * @param publicHosts     names clients use in URLs (a DNS name, a load balancer's or proxy's name), accepted in the
 *                        {@code Host} header besides the server's own addresses
 * @param maxRequestBytes the largest request body read; a larger one is refused (413)
 * @param entra           the tenant and audiences of ENTRA, null for the other modes
 */
public record SecurityOptions(AuthMode auth, Path usersFile, TlsKeyStore tls, List<String> publicHosts,
    long maxRequestBytes, EntraOptions entra) {
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
    if (auth == AuthMode.ENTRA) {
      if (usersFile != null) {
        throw new SecurityConfigException("--users is for --auth basic or --auth digest; --auth entra checks"
            + " Entra ID tokens, not passwords");
      }
      if (entra == null) {
        throw new SecurityConfigException("--auth entra needs --entra-tenant ID and --entra-audience AUD");
      }
    } else if (entra != null) {
      throw new SecurityConfigException("--entra-* options need --auth entra");
    } else if (auth != AuthMode.NONE && usersFile == null) {
      throw new SecurityConfigException("--auth " + auth.optionName() + " needs --users FILE, the users and their"
          + " password hashes (" + UsersFile.hashCommand(auth, "USER") + " prints a line of it)");
    }
  }

  /** Options without Entra ID tokens. */
  public SecurityOptions(AuthMode auth, Path usersFile, TlsKeyStore tls, List<String> publicHosts,
      long maxRequestBytes) {
    this(auth, usersFile, tls, publicHosts, maxRequestBytes, null);
  }

  /** These options with {@code auth} and its users file. */
  public SecurityOptions withAuth(AuthMode mode, Path users) {
    return new SecurityOptions(mode, users, tls, publicHosts, maxRequestBytes);
  }

  /** These options with Entra ID tokens of {@code tenant} as the authentication ({@code --auth entra}). */
  public SecurityOptions withEntra(EntraOptions tenant) {
    return new SecurityOptions(AuthMode.ENTRA, null, tls, publicHosts, maxRequestBytes, tenant);
  }

  /** These options with TLS from {@code keyStore}. */
  public SecurityOptions withTls(TlsKeyStore keyStore) {
    return new SecurityOptions(auth, usersFile, keyStore, publicHosts, maxRequestBytes, entra);
  }

  /** These options with these public host names. */
  public SecurityOptions withPublicHosts(List<String> hosts) {
    return new SecurityOptions(auth, usersFile, tls, hosts, maxRequestBytes, entra);
  }

  /** These options with another body limit. */
  public SecurityOptions withMaxRequestBytes(long bytes) {
    return new SecurityOptions(auth, usersFile, tls, publicHosts, bytes, entra);
  }
}
