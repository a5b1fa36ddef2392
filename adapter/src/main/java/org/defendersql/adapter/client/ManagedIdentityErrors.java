package org.defendersql.adapter.client;

import org.defendersql.adapter.config.DefenderConnectionConfig;
import org.defendersql.model.settings.Setting;

/**
 * Turns a failed managed-identity token request into a message saying which identity was asked for and what to
 * check: that the resource has a managed identity at all, that a user-assigned one is assigned to it, or that the
 * identity endpoint answers. The identity endpoint's header value is never part of it.
 */
final class ManagedIdentityErrors {
  private ManagedIdentityErrors() {
  }

  static DefenderException explain(Throwable e, DefenderConnectionConfig config) {
    final String identity = identity(config);
    final String fix = "Run defender-sql on an Azure resource (VM, App Service, Functions, Container Apps, AKS) with"
        + " a managed identity enabled" + (identity.startsWith("the system") ? ""
        : ", and assign this user-assigned identity to it (or fix its id: " + Setting.CLIENT_ID.names() + ", "
        + Setting.MANAGED_IDENTITY_RESOURCE_ID.names() + " or " + Setting.MANAGED_IDENTITY_OBJECT_ID.names() + ")")
        + "; grant the identity's service principal the Defender API's application permissions; or choose"
        + " another " + Setting.AUTH.names() + ".";
    return new DefenderException(ErrorKind.AUTHENTICATION, "No token from the managed identity (" + identity + "): "
        + reason(e) + " " + fix, 0, fix, e);
  }

  private static String identity(DefenderConnectionConfig config) {
    if (config.clientId() != null) {
      return "the user-assigned identity with client id " + config.clientId();
    }
    if (config.auth().managedIdentityResourceId() != null) {
      return "the user-assigned identity " + config.auth().managedIdentityResourceId();
    }
    if (config.auth().managedIdentityObjectId() != null) {
      return "the user-assigned identity with object id " + config.auth().managedIdentityObjectId();
    }
    return "the system-assigned identity";
  }

  /** The innermost message that says something, without MSAL's bracketed prefix. */
  private static String reason(Throwable e) {
    String reason = null;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        reason = t.getMessage().replace("[Managed Identity] ", "").trim();
        if (reason.contains("Error Message") || reason.contains("unavailable")) {
          break;
        }
      }
    }
    return reason == null ? e.getClass().getSimpleName() : reason.endsWith(".") ? reason : reason + ".";
  }
}
