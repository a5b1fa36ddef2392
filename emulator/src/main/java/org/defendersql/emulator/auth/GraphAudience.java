package org.defendersql.emulator.auth;

import java.util.Locale;
import java.util.Set;

/**
 * Microsoft Graph as a token audience: the resource identifiers that name it in a scope, and which application
 * roles are Graph permissions (a token carries only the roles of its audience's API, as Azure AD issues them).
 */
public final class GraphAudience {
  private GraphAudience() {
  }

  /** The {@code aud} of Graph tokens, which the Graph endpoints require. */
  public static final String AUDIENCE = "https://graph.microsoft.com";
  /** The scope a client asks for to call Graph with application permissions. */
  public static final String SCOPE = AUDIENCE + "/.default";

  /** Graph's resource URI and its application id. */
  private static final Set<String> RESOURCES = Set.of("https://graph.microsoft.com",
      "00000003-0000-0000-c000-000000000000");
  private static final Set<String> ROLES = Set.of("ThreatHunting.Read.All", "SecurityAlert.Read.All",
      "SecurityAlert.ReadWrite.All", "SecurityIncident.Read.All", "SecurityIncident.ReadWrite.All",
      "SecurityEvents.Read.All", "SecurityEvents.ReadWrite.All", "ThreatIntelligence.Read.All");

  /** Whether a resource (a scope without {@code /.default}) names Microsoft Graph. */
  public static boolean names(String resource) {
    String r = resource.toLowerCase(Locale.ROOT);
    while (r.endsWith("/")) {
      r = r.substring(0, r.length() - 1);
    }
    return RESOURCES.contains(r);
  }

  /** Whether an application role is a Graph permission (else it is the Defender API's). */
  public static boolean isGraphRole(String role) {
    return ROLES.contains(role);
  }
}
