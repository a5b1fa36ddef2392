package org.defendersql.emulator.auth;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import javax.security.auth.x500.X500Principal;

/**
 * Checks a {@code client_assertion} as Entra ID does, in its order: a JWT signed by the app's own certificate
 * ({@code iss} = {@code sub} = client id: the key named by {@code x5t#S256} or {@code x5t} among the app's
 * certificates, or a certificate sent in {@code x5c} whose subject and issuer the app trusts; the signature; the
 * client id; the audience, this tenant's token endpoint; {@code nbf}/{@code exp}, with no clock skew allowed), or
 * else a federated token (workload identity: a registered issuer, its signature, its time, then a record matching
 * its issuer, subject and audience).
 */
final class ClientAssertions {
  private final AppRegistry apps;

  ClientAssertions(AppRegistry apps) {
    this.apps = apps;
  }

  /**
   * Null when the assertion signs {@code clientId} in, else the error Entra ID answers.
   *
   * @param audience whether an {@code aud} names this tenant's token endpoint
   */
  AadError check(String clientId, String assertion, Predicate<String> audience, Instant now) {
    final SignedJwt jwt;
    try {
      jwt = SignedJwt.parse(assertion);
    } catch (Jwt.InvalidTokenException e) {
      return AadError.malformedAssertion();
    }
    final String issuer = SignedJwt.string(jwt.claims, "iss");
    if (issuer == null || jwt.seconds("exp") == null) {
      return AadError.malformedAssertion();
    }
    if (!issuer.equalsIgnoreCase(clientId)) {
      return federated(clientId, jwt, issuer, now);
    }
    final X509Certificate certificate;
    final byte[] sha1 = decode(SignedJwt.string(jwt.header, "x5t"));
    final byte[] sha256 = decode(SignedJwt.string(jwt.header, "x5t#S256"));
    final String thumbprint = sha256 != null ? hex(sha256) : sha1 != null ? hex(sha1) : "";
    final X509Certificate registered = registered(clientId, sha1, sha256);
    certificate = registered != null ? registered : trustedChain(clientId, jwt, now);
    if (certificate == null) {
      return AadError.certificateNotRegistered(thumbprint, clientId);
    }
    if (!jwt.verifiesWith(certificate.getPublicKey())) {
      return AadError.assertionSignatureInvalid(thumbprint);
    }
    if (now.isBefore(certificate.getNotBefore().toInstant()) || now.isAfter(certificate.getNotAfter().toInstant())) {
      return AadError.certificateExpired(thumbprint, certificate.getNotBefore().toInstant(),
          certificate.getNotAfter().toInstant());
    }
    if (!clientId.equalsIgnoreCase(SignedJwt.string(jwt.claims, "sub"))) {
      return AadError.assertionClientMismatch();
    }
    if (jwt.audiences().stream().noneMatch(audience)) {
      return AadError.assertionAudience();
    }
    return timeRange(jwt, now);
  }

  private AadError federated(String clientId, SignedJwt jwt, String issuer, Instant now) {
    final List<FederatedCredential> records = apps.federatedCredentials(clientId).stream()
        .filter(f -> f.issuer().equals(issuer)).toList();
    if (records.isEmpty()) {
      return AadError.noFederatedIssuer(issuer);
    }
    if (records.stream().noneMatch(f -> jwt.verifiesWith(f.issuerKey()))) {
      return AadError.federatedSignatureInvalid();
    }
    final AadError time = timeRange(jwt, now);
    if (time != null) {
      return time;
    }
    final String subject = SignedJwt.string(jwt.claims, "sub");
    final List<String> audiences = jwt.audiences();
    if (records.stream().noneMatch(f -> f.subject().equals(subject)
        && audiences.stream().anyMatch(f.audiences()::contains))) {
      return AadError.noFederatedRecord(issuer, subject, String.join(",", audiences));
    }
    return null;
  }

  private static AadError timeRange(SignedJwt jwt, Instant now) {
    final Instant expiry = Instant.ofEpochSecond(jwt.seconds("exp"));
    final Long nbf = jwt.seconds("nbf");
    final Instant from = nbf == null ? Instant.EPOCH : Instant.ofEpochSecond(nbf);
    if (!now.isBefore(expiry) || now.isBefore(from)) {
      return AadError.assertionTimeRange(now, from, expiry);
    }
    return null;
  }

  private X509Certificate registered(String clientId, byte[] sha1, byte[] sha256) {
    for (X509Certificate c : apps.certificates(clientId)) {
      if (sha256 != null && MessageDigest.isEqual(sha256, digest("SHA-256", c))
          || sha256 == null && sha1 != null && MessageDigest.isEqual(sha1, digest("SHA-1", c))) {
        return c;
      }
    }
    return null;
  }

  /**
   * The leaf of the assertion's {@code x5c} chain when the app trusts its subject and the leaf was issued by the
   * trusted CA and is valid now, else null.
   */
  private X509Certificate trustedChain(String clientId, SignedJwt jwt, Instant now) {
    final List<TrustedSubject> trusted = apps.trustedSubjects(clientId);
    if (trusted.isEmpty() || !(jwt.header.get("x5c") instanceof List<?> chain) || chain.isEmpty()) {
      return null;
    }
    final List<X509Certificate> certificates = new ArrayList<>();
    try {
      final CertificateFactory f = CertificateFactory.getInstance("X.509");
      for (Object der : chain) {
        certificates.add((X509Certificate) f.generateCertificate(
            new ByteArrayInputStream(Base64.getDecoder().decode(String.valueOf(der)))));
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return null;
    }
    final X509Certificate leaf = certificates.get(0);
    for (TrustedSubject t : trusted) {
      if (!leaf.getSubjectX500Principal().equals(new X500Principal(t.subject()))) {
        continue;
      }
      try {
        leaf.verify(t.issuer().getPublicKey());
        leaf.checkValidity(java.util.Date.from(now));
        return leaf;
      } catch (GeneralSecurityException e) {
        // issued by another CA, or not valid now: not this trust
      }
    }
    return null;
  }

  /** A thumbprint in base64url, as RFC 7515 has it, or in padded base64, as MSAL for Java sends it. */
  private static byte[] decode(String base64url) {
    if (base64url == null) {
      return null;
    }
    try {
      return Base64.getUrlDecoder().decode(base64url.replace('+', '-').replace('/', '_').replace("=", ""));
    } catch (IllegalArgumentException e) {
      return new byte[0];
    }
  }

  private static byte[] digest(String algorithm, X509Certificate c) {
    try {
      return MessageDigest.getInstance(algorithm).digest(c.getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes).toUpperCase(Locale.ROOT);
  }
}
