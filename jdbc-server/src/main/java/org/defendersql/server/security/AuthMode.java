package org.defendersql.server.security;

import java.util.Locale;

/**
 * How the server authenticates its clients: Avatica's HTTP BASIC or DIGEST authentication against a users file,
 * Microsoft Entra ID access tokens (Avatica's BEARER), or none (only for a server that listens on loopback).
 * Clients choose the same with Avatica's {@code authentication} property ({@link #clientName()}).
 */
public enum AuthMode {
  /** No authentication: anyone who reaches the port is served. */
  NONE,
  /** HTTP BASIC: the password travels with every request, readable without TLS. */
  BASIC,
  /** HTTP DIGEST: the password never travels, only a digest of it; the rows still do, readable without TLS. */
  DIGEST,
  /** Entra ID access tokens ({@code Authorization: Bearer}), checked against the tenant's published keys. */
  ENTRA;

  /**
   * The realm Avatica's {@code HttpServer.Builder} gives its login service; a DIGEST hash is a hash of
   * {@code user:realm:password}, so it must be this one.
   */
  public static final String REALM = "Avatica";

  /** The mode named {@code basic}, {@code digest}, {@code entra} or {@code none}, in any case. */
  public static AuthMode parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new SecurityConfigException("--auth must be basic, digest, entra or none, not '" + name + "'");
    }
  }

  /** The name as the command line writes it. */
  public String optionName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The value of Avatica's client property {@code authentication} for this mode: {@code BEARER} for ENTRA. */
  public String clientName() {
    return this == ENTRA ? "BEARER" : name();
  }
}
