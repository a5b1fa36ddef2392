package org.defendersql.adapter.client;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.defendersql.adapter.config.AuthType;
import org.defendersql.adapter.config.DefenderConnectionConfig;
import org.defendersql.model.settings.Setting;

/**
 * Turns a failed Azure AD token request into a message that names the AADSTS code and what to check. The
 * message is built from Azure AD's own words and our settings, never from the secret.
 */
final class AadErrors {
  private static final Pattern AADSTS = Pattern.compile("AADSTS(\\d+):? ?([^\\r\\n]*)");

  private static final Map<String, String> HINTS = Map.ofEntries(
      Map.entry("7000215", "Check the client secret (" + Setting.CLIENT_SECRET.names() + "): use the secret's"
          + " Value, not its Secret ID, and check that it belongs to this app registration."),
      Map.entry("7000222", "The client secret has expired: create a new one in the app registration and update "
          + Setting.CLIENT_SECRET.names() + "."),
      Map.entry("700016", "Check the Client ID (" + Setting.CLIENT_ID.names() + ") and that the app is registered,"
          + " or consented, in this tenant."),
      Map.entry("90002", "Check the Tenant ID (" + Setting.TENANT_ID.names() + ") and, for a sovereign cloud, the"
          + " authority host (" + Setting.AUTHORITY_HOST.names() + ") or " + Setting.CLOUD.names() + "."),
      Map.entry("900023", "The Tenant ID (" + Setting.TENANT_ID.names()
          + ") is not a valid tenant GUID or domain name."),
      Map.entry("500011", "The Defender API (WindowsDefenderATP) is unknown in this tenant or cloud: check the scope"
          + " (or " + Setting.CLOUD.names() + ") and that Defender for Endpoint is provisioned."),
      Map.entry("70011", "The requested scope is invalid: leave 'scope' unset unless you use a sovereign cloud."),
      Map.entry("7000218", "The request carried no client secret: set " + Setting.CLIENT_SECRET.names() + "."),
      Map.entry("700027", "The certificate (" + Setting.CERTIFICATE_PATH.names() + ") is not one registered on the"
          + " app, or its signature does not verify: upload the certificate's public part (.cer or .pem) to the"
          + " app registration (Certificates & secrets), or point " + Setting.CERTIFICATE_PATH.names() + " at the"
          + " certificate that is registered."),
      Map.entry("700024", "The signed assertion is outside its valid time range: check this machine's clock (NTP);"
          + " with workload identity, check that the federated token file (" + Setting.FEDERATED_TOKEN_FILE.names()
          + ") is the projected token the kubelet keeps fresh."),
      Map.entry("70021", "No federated identity credential of the app matches the token's issuer, subject and"
          + " audience: add one to the app registration (issuer: the cluster's OIDC issuer URL; subject:"
          + " system:serviceaccount:<namespace>:<service account>; audience: api://AzureADTokenExchange)."),
      Map.entry("700211", "No federated identity credential of the app has the token's issuer: add one with the"
          + " cluster's OIDC issuer URL (az aks show --query oidcIssuerProfile.issuerUrl)."),
      Map.entry("700021", "The assertion names another application than " + Setting.CLIENT_ID.names()
          + ": check the Client ID."),
      Map.entry("700023", "The assertion was made for another tenant or sign-in host: check "
          + Setting.TENANT_ID.names() + " and " + Setting.AUTHORITY_HOST.names() + " (or " + Setting.CLOUD.names()
          + ")."),
      Map.entry("50027", "The signed assertion is malformed: for workload identity, check that "
          + Setting.FEDERATED_TOKEN_FILE.names() + " holds the service account token (a JWT)."));

  private AadErrors() {
  }

  static DefenderException explain(Throwable e, DefenderConnectionConfig config) {
    if (e instanceof DefenderException d) {
      return d;
    }
    final AuthType type = config.auth().type();
    if (type == AuthType.MANAGED_IDENTITY) {
      return ManagedIdentityErrors.explain(e, config);
    }
    final String where = "client " + config.clientId() + " in tenant " + config.tenantId() + " at "
        + config.authorityHost() + " (auth " + type.setting + ")";
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type == AuthType.WORKLOAD_IDENTITY && (t instanceof java.nio.file.NoSuchFileException
          || t instanceof java.nio.file.AccessDeniedException)) {
        final String fix = "Check " + Setting.FEDERATED_TOKEN_FILE.names() + ": the service account token must be"
            + " projected into the pod at that path.";
        return new DefenderException(ErrorKind.CONFIGURATION, "The federated token file "
            + config.auth().federatedTokenFile() + " cannot be read for " + where + ". " + fix, 0, fix, e);
      }
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
