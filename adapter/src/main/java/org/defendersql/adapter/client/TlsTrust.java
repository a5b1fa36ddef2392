package org.defendersql.adapter.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import okhttp3.tls.HandshakeCertificates;
import org.defendersql.model.settings.Setting;

/**
 * The certificates a connection trusts: the platform's, plus those of an optional PEM file (a corporate TLS
 * inspection CA, or the emulator's self-signed certificate). The same trust serves the token requests and the
 * API calls.
 */
final class TlsTrust {
  private TlsTrust() {
  }

  /** Platform trust plus every certificate in the PEM file, if one is given. */
  static HandshakeCertificates of(Path caCertFile) {
    final HandshakeCertificates.Builder b = new HandshakeCertificates.Builder().addPlatformTrustedCertificates();
    if (caCertFile != null) {
      try (InputStream in = Files.newInputStream(caCertFile)) {
        for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
          b.addTrustedCertificate((X509Certificate) c);
        }
      } catch (IOException | GeneralSecurityException e) {
        throw new DefenderException(ErrorKind.CONFIGURATION, "Cannot read the CA certificate file "
            + caCertFile + " (" + Setting.CA_CERT.names() + "): " + e.getMessage()
            + ". It must hold one or more PEM certificates.", e);
      }
    }
    return b.build();
  }
}
