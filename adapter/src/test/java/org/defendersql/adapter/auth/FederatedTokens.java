package org.defendersql.adapter.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Kubernetes cluster's OIDC issuer, as AKS workload identity has one: it signs projected service account tokens
 * (RS256) for the audience {@code api://AzureADTokenExchange}.
 */
final class FederatedTokens {
  static final String AUDIENCE = "api://AzureADTokenExchange";
  private static final ObjectMapper JSON = new ObjectMapper();

  final String issuer = "https://oidc.prod-aks.azure.com/1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b/";
  final KeyPair key;

  FederatedTokens() throws GeneralSecurityException {
    final KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    key = g.generateKeyPair();
  }

  /** A service account token for {@code subject}, valid from {@code from} to {@code until}. */
  String token(String subject, Instant from, Instant until) throws Exception {
    final Map<String, Object> header = new LinkedHashMap<>();
    header.put("alg", "RS256");
    header.put("kid", "test-key");
    final Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("aud", List.of(AUDIENCE));
    claims.put("exp", until.getEpochSecond());
    claims.put("iat", from.getEpochSecond());
    claims.put("iss", issuer);
    claims.put("nbf", from.getEpochSecond());
    claims.put("sub", subject);
    final Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    final String unsigned = b64.encodeToString(JSON.writeValueAsBytes(header)) + "."
        + b64.encodeToString(JSON.writeValueAsBytes(claims));
    final Signature s = Signature.getInstance("SHA256withRSA");
    s.initSign(key.getPrivate());
    s.update(unsigned.getBytes(StandardCharsets.US_ASCII));
    return unsigned + "." + b64.encodeToString(s.sign());
  }
}
