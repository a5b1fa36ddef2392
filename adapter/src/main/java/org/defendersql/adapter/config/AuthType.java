package org.defendersql.adapter.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the app signs in to Entra ID: the {@code auth} setting, one azure-identity credential each. */
public enum AuthType {
  /** A client secret of the app registration (ClientSecretCredential). */
  SECRET("secret"),
  /** A certificate of the app registration, PEM or PFX (ClientCertificateCredential). */
  CERTIFICATE("certificate"),
  /** The Azure resource's system- or user-assigned managed identity (ManagedIdentityCredential). */
  MANAGED_IDENTITY("managedIdentity"),
  /** A Kubernetes service account token federated with the app (WorkloadIdentityCredential). */
  WORKLOAD_IDENTITY("workloadIdentity"),
  /** Whatever azure-identity's EnvironmentCredential finds in the {@code AZURE_*} variables. */
  ENVIRONMENT("environment");

  /** The setting's value, as written. */
  public final String setting;

  AuthType(String setting) {
    this.setting = setting;
  }

  /**
   * The type a setting names, ignoring case and separators.
   *
   * @throws IllegalArgumentException listing the valid names
   */
  public static AuthType parse(String text) {
    final String key = text.trim().replaceAll("[-_ ]", "").toLowerCase(Locale.ROOT);
    for (AuthType t : values()) {
      if (t.setting.toLowerCase(Locale.ROOT).equals(key)) {
        return t;
      }
    }
    throw new IllegalArgumentException("'" + text + "' is not an authentication type; use one of "
        + Arrays.stream(values()).map(t -> t.setting).collect(Collectors.joining(", ")));
  }
}
