package org.defendersql.adapter.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How the app signs in, beyond tenant, client id and client secret: the {@code auth} type and what it needs (the
 * certificate files and password, the user-assigned managed identity, the federated token file), and the
 * azure-identity variables of the environment as they were read, which the managed-identity and environment
 * credentials consult. Nothing secret shows in {@link #toString()}.
 *
 * @param certificateKey             the private key's PEM file when apart from the certificate, or null
 * @param certificatePassword        the PFX password, or null
 * @param managedIdentityResourceId  a user-assigned identity's resource id, or null
 * @param managedIdentityObjectId    a user-assigned identity's object id, or null
 * @param federatedTokenFile         the workload identity's token file, or null
 * @param environment                the {@code AZURE_*} and managed-identity variables read, by name
 */
public record Authentication(AuthType type, Path certificate, Path certificateKey, Secret certificatePassword,
    boolean sendCertificateChain, String managedIdentityResourceId, String managedIdentityObjectId,
    Path federatedTokenFile, Map<String, String> environment) {

  /**
   * The variables azure-identity's environment and managed-identity credentials read (AZURE_USERNAME only to say
   * that a user's password cannot sign a service in; the password itself is never read).
   */
  public static final java.util.List<String> VARIABLES = java.util.List.of("AZURE_CLIENT_ID", "AZURE_TENANT_ID",
      "AZURE_CLIENT_SECRET", "AZURE_CLIENT_CERTIFICATE_PATH", "AZURE_CLIENT_CERTIFICATE_PASSWORD",
      "AZURE_CLIENT_SEND_CERTIFICATE_CHAIN", "AZURE_AUTHORITY_HOST", "AZURE_FEDERATED_TOKEN_FILE",
      "AZURE_USERNAME", "IDENTITY_ENDPOINT",
      "IDENTITY_HEADER", "IDENTITY_SERVER_THUMBPRINT", "IMDS_ENDPOINT", "MSI_ENDPOINT", "MSI_SECRET");

  public Authentication {
    Objects.requireNonNull(type, "type");
    environment = Map.copyOf(environment);
  }

  /** Client-secret sign-in, the default. */
  public static Authentication secret() {
    return new Authentication(AuthType.SECRET, null, null, null, false, null, null, null, Map.of());
  }

  /** The variables' names only: their values may be secrets. */
  @Override
  public String toString() {
    final StringBuilder b = new StringBuilder("auth=").append(type.setting);
    switch (type) {
      case CERTIFICATE -> b.append(", certificatePath=").append(certificate)
          .append(certificateKey == null ? "" : ", certificateKeyPath=" + certificateKey)
          .append(", certificatePassword=").append(certificatePassword == null ? "null" : "****")
          .append(", sendCertificateChain=").append(sendCertificateChain);
      case MANAGED_IDENTITY -> b.append(managedIdentityResourceId == null ? ""
              : ", managedIdentityResourceId=" + managedIdentityResourceId)
          .append(managedIdentityObjectId == null ? "" : ", managedIdentityObjectId=" + managedIdentityObjectId);
      case WORKLOAD_IDENTITY -> b.append(", federatedTokenFile=").append(federatedTokenFile);
      default -> {
      }
    }
    if (!environment.isEmpty()) {
      b.append(", environment=").append(new TreeMap<>(environment).keySet());
    }
    return b.toString();
  }
}
