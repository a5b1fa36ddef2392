package org.defendersql.server.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Date;
import java.util.List;

/**
 * The key store the server's TLS certificate and private key come from (PKCS12, or JKS), opened once before the
 * server starts so that a wrong password or file is reported by name rather than as Jetty's stack trace.
 *
 * @param file     the key store
 * @param password its password (and its key's)
 * @param type     its type, or null for the JDK's default (PKCS12, which also opens JKS files)
 */
public record TlsKeyStore(Path file, String password, String type) {
  @Override public String toString() {
    return "TlsKeyStore[" + file + ", type " + (type == null ? "default" : type) + "]";
  }

  /**
   * Opens the key store and checks that it holds a private key with its certificate.
   *
   * @param warnings receives a warning when the certificate has expired or is not valid yet
   */
  public void check(List<String> warnings) {
    if (!Files.isReadable(file)) {
      throw new SecurityConfigException("Cannot read the TLS key store " + file + ": no such file, or not readable"
          + " by the server's account");
    }
    final KeyStore ks;
    try (InputStream in = Files.newInputStream(file)) {
      ks = KeyStore.getInstance(type == null ? KeyStore.getDefaultType() : type);
      ks.load(in, password.toCharArray());
    } catch (IOException | GeneralSecurityException e) {
      throw new SecurityConfigException("Cannot open the TLS key store " + file + " (wrong password, or not a "
          + (type == null ? "PKCS12 or JKS" : type) + " key store?): " + e.getMessage(), e);
    }
    try {
      for (String alias : Collections.list(ks.aliases())) {
        if (ks.isKeyEntry(alias) && ks.getCertificate(alias) != null) {
          final Certificate cert = ks.getCertificate(alias);
          if (cert instanceof X509Certificate x) {
            final Date now = new Date();
            if (now.after(x.getNotAfter()) || now.before(x.getNotBefore())) {
              warnings.add("The TLS certificate '" + alias + "' of " + file + " is valid only from "
                  + x.getNotBefore().toInstant() + " to " + x.getNotAfter().toInstant() + "; clients will refuse it");
            }
          }
          return;
        }
      }
    } catch (GeneralSecurityException e) {
      throw new SecurityConfigException("Cannot read the TLS key store " + file + ": " + e.getMessage(), e);
    }
    throw new SecurityConfigException("The TLS key store " + file + " holds no private key with its certificate");
  }
}
