package org.defendersql.emulator.auth;

import java.util.Locale;
import java.util.Set;

/** The Defender API as a token audience: the resource identifiers that name it in a scope. */
public final class DefenderAudience {
  private DefenderAudience() {
  }

  /** The {@code aud} of every token the emulator issues and the API requires. */
  public static final String AUDIENCE = "https://api.securitycenter.microsoft.com";

  private static final Set<String> RESOURCES = Set.of("https://api.securitycenter.microsoft.com",
      "https://api.security.microsoft.com", "https://securitycenter.onmicrosoft.com/windowsatpservice");

  /** Whether a resource (a scope without {@code /.default}) names the Defender API. */
  public static boolean names(String resource) {
    String r = resource.toLowerCase(Locale.ROOT);
    while (r.endsWith("/")) {
      r = r.substring(0, r.length() - 1);
    }
    return RESOURCES.contains(r);
  }
}
