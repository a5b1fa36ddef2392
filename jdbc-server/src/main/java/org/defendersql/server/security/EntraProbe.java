package org.defendersql.server.security;

import java.time.Clock;
import java.time.Duration;

/**
 * Reads an Entra ID tenant's OpenID metadata and signing keys once, as the server would on its first token, so that
 * {@code check-config} finds a wrong tenant, authority, proxy or CA before any client does.
 */
public final class EntraProbe {
  private EntraProbe() {
  }

  /**
   * The issuer and number of signing keys the tenant publishes.
   *
   * @throws SecurityConfigException when they cannot be read; the message names the metadata URL and the cause
   */
  public static String probe(EntraOptions options) throws SecurityConfigException {
    try {
      return new EntraKeys(options, Clock.systemUTC(), Duration.ZERO).describe() + " (from "
          + options.metadataUrl() + ")";
    } catch (EntraKeys.KeysUnavailable e) {
      throw new SecurityConfigException("cannot read the signing keys of Entra ID tenant " + options.tenant()
          + " from " + options.metadataUrl() + ": " + e.getMessage() + "; check --entra-tenant and"
          + " --entra-authority, this machine's route to the authority, and --entra-ca-cert behind TLS inspection");
    }
  }
}
