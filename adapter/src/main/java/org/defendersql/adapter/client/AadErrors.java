package org.defendersql.adapter.client;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.defendersql.adapter.config.DefenderConnectionConfig;
import org.defendersql.model.settings.Setting;

/**
 * Turns a failed Azure AD token request into a message that names the AADSTS code and what to check. The
 * message is built from Azure AD's own words and our settings, never from the secret.
 */
final class AadErrors {
  private static final Pattern AADSTS = Pattern.compile("AADSTS(\\d+):? ?([^\\r\\n]*)");

  private static final Map<String, String> HINTS = Map.of(
      "7000215", "Check the client secret (" + Setting.CLIENT_SECRET.names() + "): use the secret's Value, not its"
          + " Secret ID, and check that it belongs to this app registration.",
      "7000222", "The client secret has expired: create a new one in the app registration and update "
          + Setting.CLIENT_SECRET.names() + ".",
      "700016", "Check the Client ID (" + Setting.CLIENT_ID.names() + ") and that the app is registered, or consented,"
          + " in this tenant.",
      "90002", "Check the Tenant ID (" + Setting.TENANT_ID.names() + ") and, for a sovereign cloud, the authority host"
          + " (" + Setting.AUTHORITY_HOST.names() + ").",
      "900023", "The Tenant ID (" + Setting.TENANT_ID.names() + ") is not a valid tenant GUID or domain name.",
      "500011", "The Defender API (WindowsDefenderATP) is unknown in this tenant or cloud: check the scope and that"
          + " Defender for Endpoint is provisioned.",
      "70011", "The requested scope is invalid: leave 'scope' unset unless you use a sovereign cloud.",
      "7000218", "The request carried no client secret: set " + Setting.CLIENT_SECRET.names() + ".");

  private AadErrors() {
  }

  static DefenderException explain(Throwable e, DefenderConnectionConfig config) {
    final String where = "client " + config.clientId() + " in tenant " + config.tenantId() + " at "
        + config.authorityHost();
    for (Throwable t = e; t != null; t = t.getCause()) {
      final String m = t.getMessage();
      final Matcher matcher = m == null ? null : AADSTS.matcher(m);
      if (matcher != null && matcher.find()) {
        final String code = matcher.group(1);
        final String hint = HINTS.getOrDefault(code, "See https://login.microsoftonline.com/error?code=" + code
            + " for this code.");
        return new DefenderException(ErrorKind.AUTHENTICATION,
            "Azure AD refused the token request for " + where + ": AADSTS" + code + ": "
            + matcher.group(2).trim() + " " + hint, 0, hint, e);
      }
      if (t instanceof UnknownHostException || t instanceof ConnectException) {
        final String fix = "Check " + Setting.AUTHORITY_HOST.names() + " and the network.";
        return new DefenderException(ErrorKind.UNAVAILABLE,
            "Cannot reach the Azure AD authority host " + config.authorityHost() + " ("
            + t + "). " + fix, 0, fix, e);
      }
      if (t instanceof SSLException) {
        final String fix = "Behind TLS inspection, give the inspecting CA as " + Setting.CA_CERT.names() + ".";
        return new DefenderException(ErrorKind.CONFIGURATION,
            "The TLS certificate of the Azure AD authority host " + config.authorityHost()
            + " is not trusted (" + t.getMessage() + "). " + fix, 0, fix, e);
      }
    }
    return new DefenderException(ErrorKind.AUTHENTICATION,
        "Could not get a token for " + where + ": " + e.getMessage(), e);
  }
}
