package org.defendersql.emulator.auth;

import java.security.PublicKey;
import java.util.List;
import java.util.Objects;

/**
 * A federated identity credential of an app registration: tokens from {@code issuer} about {@code subject} for
 * one of {@code audiences} may sign the app in (workload identity). Entra ID fetches the issuer's signing keys
 * from its OIDC discovery document; the emulator is given the key.
 */
public record FederatedCredential(String issuer, String subject, List<String> audiences, PublicKey issuerKey) {
  /** The audience Entra ID expects of federated tokens, and Kubernetes workload identity projects. */
  public static final String TOKEN_EXCHANGE_AUDIENCE = "api://AzureADTokenExchange";

  public FederatedCredential {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(subject, "subject");
    audiences = List.copyOf(audiences);
    Objects.requireNonNull(issuerKey, "issuerKey");
  }

  /** A credential with the usual audience, {@link #TOKEN_EXCHANGE_AUDIENCE}. */
  public static FederatedCredential of(String issuer, String subject, PublicKey issuerKey) {
    return new FederatedCredential(issuer, subject, List.of(TOKEN_EXCHANGE_AUDIENCE), issuerKey);
  }
}
