package org.defendersql.model;

/**
 * The web API a table is read from. It fixes the root the table's paths hang from, the OAuth audience of its
 * token, the API its application permissions belong to, and the call budget its requests share.
 */
public enum Api {
  /**
   * The Defender for Endpoint API ({@code https://api.securitycenter.microsoft.com}). Microsoft's notice MC1220762
   * retires it: it stops working after {@link #MDE_RETIREMENT}.
   */
  MDE("WindowsDefenderATP"),
  /** Microsoft Graph's security API ({@code https://graph.microsoft.com/v1.0/security}), the MDE API's successor. */
  GRAPH("Microsoft Graph");

  /** The day after which the MDE API no longer answers, as documentation and messages write it. */
  public static final String MDE_RETIREMENT = "1 February 2027";

  /** The API whose application permissions grant reading, as the Entra admin center lists it. */
  public final String permissionApi;

  Api(String permissionApi) {
    this.permissionApi = permissionApi;
  }
}
