package org.defendersql.server.security;

import java.util.Locale;

/**
 * How the server authenticates its clients: Avatica's HTTP BASIC or DIGEST authentication against a users file,
 * or none (only for a server that listens on loopback). Clients choose the same with Avatica's
 * {@code authentication} property.
 */
public enum AuthMode {
  /** No authentication: anyone who reaches the port is served. */
  NONE,
  /** HTTP BASIC: the password travels with every request, readable without TLS. */
  BASIC,
  /** HTTP DIGEST: the password never travels, only a digest of it; the rows still do, readable without TLS. */
  DIGEST;

  /**
   * The realm Avatica's {@code HttpServer.Builder} gives its login service; a DIGEST hash is a hash of
   * {@code user:realm:password}, so it must be this one.
   */
  public static final String REALM = "Avatica";

  /** The mode named {@code basic}, {@code digest} or {@code none}, in any case. */
  public static AuthMode parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new SecurityConfigException("--auth must be basic, digest or none, not '" + name + "'");
    }
  }

  /** The name as the command line and Avatica's client property write it. */
  public String optionName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
