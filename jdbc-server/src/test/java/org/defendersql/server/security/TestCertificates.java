package org.defendersql.server.security;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import okhttp3.tls.HeldCertificate;

/**
 * A server certificate made for a test (okhttp-tls's {@link HeldCertificate}, for {@code localhost} and
 * {@code 127.0.0.1}), written as the server's PKCS12 key store and as the clients' PKCS12 trust store.
 *
 * @param keyStore   the server's key store (certificate and private key)
 * @param trustStore the clients' trust store (the certificate alone)
 * @param password   the password of both
 */
public record TestCertificates(Path keyStore, Path trustStore, String password) {
  /** Writes both stores into {@code dir}. */
  public static TestCertificates create(Path dir) throws IOException, GeneralSecurityException {
    final HeldCertificate cert = new HeldCertificate.Builder()
        .commonName("defender-sql test server")
        .addSubjectAlternativeName("localhost")
        .addSubjectAlternativeName("127.0.0.1")
        .rsa2048()
        .build();
    final String password = "test-store-password";
    final KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("server", cert.keyPair().getPrivate(), password.toCharArray(),
        new Certificate[] {cert.certificate()});
    final Path keyStore = dir.resolve("server.p12");
    store(ks, keyStore, password);
    final KeyStore ts = KeyStore.getInstance("PKCS12");
    ts.load(null, null);
    ts.setCertificateEntry("server", cert.certificate());
    final Path trustStore = dir.resolve("clients-truststore.p12");
    store(ts, trustStore, password);
    return new TestCertificates(keyStore, trustStore, password);
  }

  private static void store(KeyStore ks, Path file, String password) throws IOException, GeneralSecurityException {
    try (OutputStream out = Files.newOutputStream(file)) {
      ks.store(out, password.toCharArray());
    }
  }
}
