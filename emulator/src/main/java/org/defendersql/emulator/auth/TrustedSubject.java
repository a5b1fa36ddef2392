package org.defendersql.emulator.auth;

import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * Subject name and issuer authentication of an app: any certificate with this subject, issued by this CA and
 * sent along in the assertion's {@code x5c} chain, signs the app in, without its thumbprint being registered.
 */
public record TrustedSubject(String subject, X509Certificate issuer) {
  public TrustedSubject {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(issuer, "issuer");
  }
}
