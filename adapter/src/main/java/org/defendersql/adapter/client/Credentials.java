package org.defendersql.adapter.client;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.util.Configuration;
import com.azure.core.util.ConfigurationBuilder;
import com.azure.identity.ClientCertificateCredentialBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.identity.WorkloadIdentityCredentialBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.defendersql.adapter.config.Authentication;
import org.defendersql.adapter.config.ClientCertificateFiles;
import org.defendersql.adapter.config.DefenderConnectionConfig;

/**
 * Makes the azure-identity credential of the {@code auth} setting, each with the same HTTP client (our trust, our
 * connect timeout) and, where Entra ID is called directly, the configured authority host without instance
 * discovery (a sovereign cloud's or the emulator's host is not in MSAL's list).
 */
final class Credentials {
  private Credentials() {
  }

  static TokenCredential of(DefenderConnectionConfig config, HttpClient http) {
    final Authentication auth = config.auth();
    final String authority = config.authorityHost().toString();
    return switch (auth.type()) {
      case SECRET -> new ClientSecretCredentialBuilder().authorityHost(authority).tenantId(config.tenantId())
          .clientId(config.clientId()).clientSecret(config.clientSecret().reveal()).httpClient(http)
          .disableInstanceDiscovery().build();
      case CERTIFICATE -> certificate(config, auth, http);
      case MANAGED_IDENTITY -> {
        final ManagedIdentityCredentialBuilder b = new ManagedIdentityCredentialBuilder().httpClient(http)
            .configuration(configuration(auth.environment()));
        if (config.clientId() != null) {
          b.clientId(config.clientId());
        } else if (auth.managedIdentityResourceId() != null) {
          b.resourceId(auth.managedIdentityResourceId());
        } else if (auth.managedIdentityObjectId() != null) {
          b.objectId(auth.managedIdentityObjectId());
        }
        yield b.build();
      }
      case WORKLOAD_IDENTITY -> new WorkloadIdentityCredentialBuilder().authorityHost(authority)
          .tenantId(config.tenantId()).clientId(config.clientId())
          .tokenFilePath(auth.federatedTokenFile().toString()).httpClient(http).disableInstanceDiscovery().build();
      case ENVIRONMENT -> environment(auth.environment(), authority, http);
    };
  }

  /**
   * EnvironmentCredential's rules over its variables: the secret if {@code AZURE_CLIENT_SECRET} is set, else the
   * certificate of {@code AZURE_CLIENT_CERTIFICATE_PATH} (PEM, or PFX with {@code AZURE_CLIENT_CERTIFICATE_PASSWORD};
   * the chain sent if {@code AZURE_CLIENT_SEND_CERTIFICATE_CHAIN}). Built here rather than by azure-identity's
   * EnvironmentCredentialBuilder, which cannot turn instance discovery off: with any sign-in host MSAL does not
   * know, it would first call login.microsoftonline.com's discovery endpoint.
   */
  private static TokenCredential environment(Map<String, String> vars, String authority, HttpClient http) {
    final String host = vars.getOrDefault("AZURE_AUTHORITY_HOST", authority);
    final String secret = vars.get("AZURE_CLIENT_SECRET");
    if (secret != null) {
      return new ClientSecretCredentialBuilder().authorityHost(host).tenantId(vars.get("AZURE_TENANT_ID"))
          .clientId(vars.get("AZURE_CLIENT_ID")).clientSecret(secret).httpClient(http).disableInstanceDiscovery()
          .build();
    }
    final String path = vars.get("AZURE_CLIENT_CERTIFICATE_PATH");
    final String chain = vars.getOrDefault("AZURE_CLIENT_SEND_CERTIFICATE_CHAIN", "false");
    final ClientCertificateCredentialBuilder b = new ClientCertificateCredentialBuilder().authorityHost(host)
        .tenantId(vars.get("AZURE_TENANT_ID")).clientId(vars.get("AZURE_CLIENT_ID"))
        .sendCertificateChain(chain.equalsIgnoreCase("true") || chain.equals("1")).httpClient(http)
        .disableInstanceDiscovery();
    if (ClientCertificateFiles.isPem(java.nio.file.Path.of(path))) {
      return b.pemCertificate(path).build();
    }
    return b.pfxCertificate(path).clientCertificatePassword(vars.getOrDefault("AZURE_CLIENT_CERTIFICATE_PASSWORD", ""))
        .build();
  }

  private static TokenCredential certificate(DefenderConnectionConfig config, Authentication auth, HttpClient http) {
    final ClientCertificateCredentialBuilder b = new ClientCertificateCredentialBuilder()
        .authorityHost(config.authorityHost().toString()).tenantId(config.tenantId()).clientId(config.clientId())
        .sendCertificateChain(auth.sendCertificateChain()).httpClient(http).disableInstanceDiscovery();
    final String path = auth.certificate().toString();
    if (!ClientCertificateFiles.isPem(auth.certificate())) {
      // azure-identity reads the file as PEM when no password is given: a PFX without one has the empty password.
      return b.pfxCertificate(path).clientCertificatePassword(auth.certificatePassword() == null ? ""
          : auth.certificatePassword().reveal()).build();
    }
    if (auth.certificateKey() == null) {
      return b.pemCertificate(path).build();
    }
    try {
      // azure-identity reads the key and the certificates from one PEM stream.
      final byte[] key = Files.readAllBytes(auth.certificateKey());
      final byte[] certificate = Files.readAllBytes(auth.certificate());
      final byte[] both = new byte[key.length + 1 + certificate.length];
      System.arraycopy(key, 0, both, 0, key.length);
      both[key.length] = '\n';
      System.arraycopy(certificate, 0, both, key.length + 1, certificate.length);
      return b.pemCertificate(new ByteArrayInputStream(both)).build();
    } catch (IOException e) {
      throw new DefenderException(ErrorKind.CONFIGURATION, "The certificate files " + auth.certificate() + " and "
          + auth.certificateKey() + " cannot be read any more (" + e.getClass().getSimpleName() + "): check "
          + org.defendersql.model.settings.Setting.CERTIFICATE_PATH.names() + " and "
          + org.defendersql.model.settings.Setting.CERTIFICATE_KEY_PATH.names() + ".");
    }
  }

  /** The variables as read when the settings were, for the credentials that consult the environment themselves. */
  private static Configuration configuration(Map<String, String> variables) {
    return new ConfigurationBuilder(name -> Map.of(), name -> Map.of(), name -> variables).build();
  }
}
