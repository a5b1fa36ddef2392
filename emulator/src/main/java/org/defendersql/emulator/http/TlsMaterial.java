package org.defendersql.emulator.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * The emulator's TLS identity, made fresh at start: a private CA (the certificate clients must trust, written as
 * PEM) and a server certificate it signed for {@code localhost} and {@code 127.0.0.1}. A CA rather than a lone
 * self-signed certificate because clients then exercise the same trust path as behind TLS inspection.
 */
public final class TlsMaterial {
  private final HeldCertificate authority;
  private final SSLContext serverContext;

  private TlsMaterial(HeldCertificate authority, SSLContext serverContext) {
    this.authority = authority;
    this.serverContext = serverContext;
  }

  public static TlsMaterial generate() {
    final HeldCertificate authority = new HeldCertificate.Builder()
        .commonName("defender-sql emulator CA")
        .organizationalUnit("defender-sql")
        .certificateAuthority(0)
        .duration(3650, TimeUnit.DAYS)
        .build();
    final HeldCertificate server = new HeldCertificate.Builder()
        .commonName("localhost")
        .addSubjectAlternativeName("localhost")
        .addSubjectAlternativeName("127.0.0.1")
        .addSubjectAlternativeName("::1")
        .duration(825, TimeUnit.DAYS)
        .signedBy(authority)
        .build();
    final HandshakeCertificates handshake = new HandshakeCertificates.Builder()
        .heldCertificate(server, authority.certificate())
        .build();
    return new TlsMaterial(authority, handshake.sslContext());
  }

  /** The server side's context. */
  public SSLContext serverContext() {
    return serverContext;
  }

  /** Writes the CA certificate as PEM, creating a temp file when no path is given. */
  public Path writeCertificate(Path file) throws IOException {
    final Path target = file != null ? file : Files.createTempFile("defender-emulator-ca-", ".pem");
    if (target.getParent() != null) {
      Files.createDirectories(target.getParent());
    }
    Files.writeString(target, authority.certificatePem(), StandardCharsets.US_ASCII);
    return target;
  }
}
