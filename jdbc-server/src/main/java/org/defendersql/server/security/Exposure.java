package org.defendersql.server.security;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether the server may listen where it was asked to. The server holds a Defender API credential and serves
 * security data: on loopback only this machine's accounts reach it, and the embedded demo stays open there; on
 * any other address (or every address) anyone who reaches the port would read the tenant's alerts, so the server
 * refuses to start there without authentication.
 */
public final class Exposure {
  private Exposure() {
  }

  /**
   * Why the server must not start listening on {@code bind} with {@code options}, or empty when it may.
   *
   * @param bind the address the server would listen on ({@code 0.0.0.0} or {@code ::} for every interface)
   */
  public static Optional<String> refusal(InetAddress bind, SecurityOptions options) {
    if (bind.isLoopbackAddress() || options.auth() != AuthMode.NONE) {
      return Optional.empty();
    }
    return Optional.of("refusing to listen on " + describe(bind) + " without authentication: anyone who can reach"
        + " the port would read the tenant's data. Add --auth basic --users FILE (or --auth digest --users FILE,"
        + " or --auth entra --entra-tenant ID --entra-audience AUD)"
        + " and --tls-keystore FILE, or listen on 127.0.0.1 (--host 127.0.0.1) and share the server through an"
        + " authenticating proxy.");
  }

  /** What works but exposes more than it should: credentials or rows in clear beyond loopback. */
  public static List<String> warnings(InetAddress bind, SecurityOptions options) {
    final List<String> warnings = new ArrayList<>();
    if (!bind.isLoopbackAddress() && options.tls() == null) {
      warnings.add("serving " + describe(bind) + " over plain HTTP: "
          + (options.auth() == AuthMode.BASIC ? "every request carries the user's password readable by anyone on"
              + " the network, and the rows travel in clear"
              : options.auth() == AuthMode.ENTRA ? "every request carries an Entra ID access token anyone on the"
              + " network can read and replay until it expires, and the rows travel in clear"
              : "the rows travel in clear, and a password digest can be attacked offline")
          + "; add --tls-keystore FILE");
    }
    return warnings;
  }

  private static String describe(InetAddress bind) {
    return bind.isAnyLocalAddress() ? "every interface (" + bind.getHostAddress() + ")" : bind.getHostAddress();
  }
}
