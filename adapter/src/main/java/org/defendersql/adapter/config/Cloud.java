package org.defendersql.adapter.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The Microsoft clouds a Defender tenant lives in, each with the hosts that belong together: the Defender API, the
 * Entra ID sign-in authority, the token audiences, and the Microsoft Graph root. The {@code cloud} setting picks
 * one; the settings of each host, when given, still win (the emulator overrides them all).
 *
 * <p>Sources: "Microsoft Defender for Endpoint for US Government customers" (defender-endpoint/gov.md, API
 * section: GCC {@code api-gcc.securitycenter.microsoft.us} with sign-in at {@code login.microsoftonline.com}; GCC
 * High and DoD {@code api-gov.securitycenter.microsoft.us} with sign-in at {@code login.microsoftonline.us});
 * "National cloud deployments" of Microsoft Graph (US Government L4 {@code graph.microsoft.us}, L5 (DoD)
 * {@code dod-graph.microsoft.us}). GCC (moderate) tenants use the commercial Graph root. The token audience of an
 * API is its root followed by {@code /.default}, as for the commercial hosts.
 */
public enum Cloud {
  GLOBAL("global", "https://api.securitycenter.microsoft.com", "https://login.microsoftonline.com",
      "https://graph.microsoft.com"),
  GCC("gcc", "https://api-gcc.securitycenter.microsoft.us", "https://login.microsoftonline.com",
      "https://graph.microsoft.com"),
  GCC_HIGH("gccHigh", "https://api-gov.securitycenter.microsoft.us", "https://login.microsoftonline.us",
      "https://graph.microsoft.us"),
  DOD("dod", "https://api-gov.securitycenter.microsoft.us", "https://login.microsoftonline.us",
      "https://dod-graph.microsoft.us");

  /** The setting's value, as written. */
  public final String setting;
  /** The Defender API's root. */
  public final String serverUrl;
  /** The Entra ID sign-in host. */
  public final String authorityHost;
  /** Microsoft Graph's root. */
  public final String graphUrl;

  Cloud(String setting, String serverUrl, String authorityHost, String graphUrl) {
    this.setting = setting;
    this.serverUrl = serverUrl;
    this.authorityHost = authorityHost;
    this.graphUrl = graphUrl;
  }

  /** The OAuth scope of the Defender API in this cloud. */
  public String scope() {
    return serverUrl + "/.default";
  }

  /** The OAuth scope of Microsoft Graph in this cloud. */
  public String graphScope() {
    return graphUrl + "/.default";
  }

  /**
   * The cloud a setting names, ignoring case and the separators people write ({@code gcc-high}, {@code GCC_HIGH}).
   *
   * @throws IllegalArgumentException listing the valid names
   */
  public static Cloud parse(String text) {
    final String key = text.trim().replaceAll("[-_ ]", "").toLowerCase(Locale.ROOT);
    for (Cloud c : values()) {
      if (c.setting.toLowerCase(Locale.ROOT).equals(key)) {
        return c;
      }
    }
    throw new IllegalArgumentException("'" + text + "' is not a cloud; use one of "
        + Arrays.stream(values()).map(c -> c.setting).collect(Collectors.joining(", ")));
  }
}
