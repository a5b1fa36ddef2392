package org.defendersql.adapter.auth;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.concurrent.TimeUnit;
import okhttp3.tls.HeldCertificate;

/** App certificates for the sign-in tests: RSA, as Entra ID needs, written as PEM and PFX files. */
final class TestCertificates {
  private TestCertificates() {
  }

  /** A self-signed app certificate valid for a day. */
  static HeldCertificate app(String commonName) {
    return new HeldCertificate.Builder().rsa2048().commonName(commonName).duration(1, TimeUnit.DAYS).build();
  }

  /** A CA, for subject name and issuer sign-in. */
  static HeldCertificate authority() {
    return new HeldCertificate.Builder().rsa2048().commonName("defender-sql test CA").certificateAuthority(0)
        .duration(1, TimeUnit.DAYS).build();
  }

  /** An app certificate issued by the CA. */
  static HeldCertificate issued(String commonName, HeldCertificate ca) {
    return new HeldCertificate.Builder().rsa2048().commonName(commonName).signedBy(ca).duration(1, TimeUnit.DAYS)
        .build();
  }

  /** The private key and the certificate(s) in one PEM file, as azure-identity reads it. */
  static Path pem(Path dir, HeldCertificate c, HeldCertificate... chain) throws IOException {
    final StringBuilder b = new StringBuilder(c.privateKeyPkcs8Pem()).append(c.certificatePem());
    for (HeldCertificate parent : chain) {
      b.append(parent.certificatePem());
    }
    return write(dir.resolve("app-" + System.nanoTime() + ".pem"), b.toString());
  }

  static Path certificatePem(Path dir, HeldCertificate c) throws IOException {
    return write(dir.resolve("cert-" + System.nanoTime() + ".pem"), c.certificatePem());
  }

  static Path keyPem(Path dir, HeldCertificate c) throws IOException {
    return write(dir.resolve("key-" + System.nanoTime() + ".pem"), c.privateKeyPkcs8Pem());
  }

  /** A PFX (PKCS#12) file holding the key and the certificate under this password. */
  static Path pfx(Path dir, HeldCertificate c, String password) throws IOException, GeneralSecurityException {
    final KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("app", c.keyPair().getPrivate(), password.toCharArray(),
        new Certificate[] {c.certificate()});
    final Path file = dir.resolve("app-" + System.nanoTime() + ".pfx");
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, password.toCharArray());
    }
    return file;
  }

  static Path write(Path file, String text) throws IOException {
    return Files.writeString(file, text, StandardCharsets.US_ASCII);
  }
}
