package org.defendersql.adapter.client;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Extension;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import okhttp3.tls.HeldCertificate;

/**
 * A WireMock server over HTTPS with a certificate made for the test, and that certificate as a PEM file. It may
 * proxy to servers with self-signed certificates (the emulator).
 */
public final class HttpsWireMock {
  private static final char[] PASSWORD = "changeit".toCharArray();

  public final WireMockServer server;
  public final Path caCertFile;

  public HttpsWireMock(Path dir) throws IOException, GeneralSecurityException {
    this(dir, new Extension[0]);
  }

  /** As above, with WireMock extensions (e.g. a transformer of proxied answers). */
  public HttpsWireMock(Path dir, Extension... extensions) throws IOException, GeneralSecurityException {
    final HeldCertificate cert = new HeldCertificate.Builder().addSubjectAlternativeName("localhost")
        .commonName("localhost").build();
    caCertFile = dir.resolve("wiremock.pem");
    Files.writeString(caCertFile, cert.certificatePem(), StandardCharsets.US_ASCII);
    final Path keystore = dir.resolve("wiremock.p12");
    final KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("wiremock", cert.keyPair().getPrivate(), PASSWORD, new Certificate[] {cert.certificate()});
    try (OutputStream out = Files.newOutputStream(keystore)) {
      ks.store(out, PASSWORD);
    }
    server = new WireMockServer(options().httpDisabled(true).dynamicHttpsPort().trustAllProxyTargets(true)
        .keystorePath(keystore.toString()).keystorePassword(new String(PASSWORD))
        .keyManagerPassword(new String(PASSWORD)).keystoreType("PKCS12").extensions(extensions));
    server.start();
  }

  public String baseUrl() {
    return "https://localhost:" + server.httpsPort();
  }
}
