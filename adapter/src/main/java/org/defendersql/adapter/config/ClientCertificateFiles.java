package org.defendersql.adapter.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.UnrecoverableKeyException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.defendersql.model.settings.Setting;

/**
 * Checks the app's certificate files when the settings are read, so that a missing file, a PFX that cannot be
 * opened, a wrong password, a key azure-identity cannot use or an expired certificate is an error naming the
 * setting and the fix, at start, rather than a stack trace at the first query. Never puts the password or key
 * material into a message.
 */
public final class ClientCertificateFiles {
  private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----",
      Pattern.DOTALL);

  private ClientCertificateFiles() {
  }

  /** Whether the file is PEM text (else it is taken for PFX/PKCS#12). */
  public static boolean isPem(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).contains("-----BEGIN ");
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Adds to {@code problems} what is wrong with the certificate (and separate key file, if any).
   *
   * @param password the PFX password, or null
   */
  static void check(Path certificate, Path key, Secret password, List<String> problems) {
    final String certName = Setting.CERTIFICATE_PATH.names();
    if (!Files.isReadable(certificate) || Files.isDirectory(certificate)) {
      problems.add(certName + " names a file that cannot be read: " + certificate
          + " (check the path, and that this process may read it)");
      return;
    }
    if (key != null && (!Files.isReadable(key) || Files.isDirectory(key))) {
      problems.add(Setting.CERTIFICATE_KEY_PATH.names() + " names a file that cannot be read: " + key);
      return;
    }
    try {
      if (isPem(certificate)) {
        checkPem(certificate, key, problems);
      } else {
        checkPfx(certificate, password, problems);
      }
    } catch (IOException e) {
      problems.add(certName + " names a file that cannot be read: " + certificate + " (" + e.getMessage() + ")");
    }
  }

  private static void checkPem(Path certificate, Path keyFile, List<String> problems) throws IOException {
    final String certName = Setting.CERTIFICATE_PATH.names();
    final List<String[]> blocks = new ArrayList<>(blocks(certificate));
    if (keyFile != null) {
      blocks.addAll(blocks(keyFile));
    }
    final List<X509Certificate> certificates = new ArrayList<>();
    String keyKind = null;
    byte[] pkcs8 = null;
    for (String[] b : blocks) {
      switch (b[0]) {
        case "CERTIFICATE" -> {
          try {
            certificates.add((X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Base64.getMimeDecoder().decode(b[1]))));
          } catch (GeneralSecurityException | IllegalArgumentException e) {
            problems.add(certName + ": " + certificate + " holds a certificate that cannot be parsed");
            return;
          }
        }
        case "PRIVATE KEY" -> pkcs8 = Base64.getMimeDecoder().decode(b[1]);
        default -> keyKind = b[0].endsWith("PRIVATE KEY") ? b[0] : keyKind;
      }
    }
    if (certificates.isEmpty()) {
      problems.add(certName + ": " + certificate + " holds no certificate ('-----BEGIN CERTIFICATE-----'); put the"
          + " certificate and its private key in the PEM file, or use a PFX file");
      return;
    }
    if (pkcs8 == null) {
      if ("RSA PRIVATE KEY".equals(keyKind)) {
        problems.add(certName + ": the private key is PKCS#1 ('BEGIN RSA PRIVATE KEY'), which azure-identity cannot"
            + " read: convert it with 'openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem'");
      } else if ("ENCRYPTED PRIVATE KEY".equals(keyKind)) {
        problems.add(certName + ": the private key is encrypted, which azure-identity cannot read from PEM: decrypt"
            + " it ('openssl pkcs8 -in key.pem -out key-plain.pem') or use a PFX file with "
            + Setting.CERTIFICATE_PASSWORD.names());
      } else if (keyKind != null) {
        problems.add(certName + ": the private key is '" + keyKind + "'; Entra ID certificate sign-in needs an RSA"
            + " key in PKCS#8 PEM ('BEGIN PRIVATE KEY')");
      } else {
        problems.add(certName + ": " + certificate + " holds no private key; put the key ('BEGIN PRIVATE KEY') in"
            + " the same PEM file or name its file in " + Setting.CERTIFICATE_KEY_PATH.names());
      }
      return;
    }
    final Key key;
    try {
      key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException e) {
      problems.add(certName + ": the private key is not an RSA key in PKCS#8; Entra ID certificate sign-in needs"
          + " one");
      return;
    }
    checkPair(certificates.get(0), key, problems);
  }

  private static void checkPfx(Path file, Secret password, List<String> problems) throws IOException {
    final String certName = Setting.CERTIFICATE_PATH.names();
    final KeyStore store;
    final char[] pass = password == null ? new char[0] : password.reveal().toCharArray();
    try {
      store = KeyStore.getInstance("PKCS12");
      store.load(new ByteArrayInputStream(Files.readAllBytes(file)), pass);
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
        problems.add(certName + ": " + file + " cannot be opened with "
            + (password == null ? "no password: set its password in " + Setting.CERTIFICATE_PASSWORD.names()
            + " (or " + Setting.CERTIFICATE_PASSWORD_FILE.names() + ")"
            : "the given password: check " + Setting.CERTIFICATE_PASSWORD.names() + " (or "
            + Setting.CERTIFICATE_PASSWORD_FILE.names() + ")"));
      } else {
        problems.add(certName + ": " + file + " is neither a PEM file nor a PFX/PKCS#12 file that can be read ("
            + e.getClass().getSimpleName() + ")");
      }
      return;
    } catch (GeneralSecurityException e) {
      problems.add(certName + ": " + file + " is not a PFX/PKCS#12 file that can be read ("
          + e.getClass().getSimpleName() + ")");
      return;
    }
    try {
      for (String alias : Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias)) {
          final Key key = store.getKey(alias, pass);
          if (!(store.getCertificate(alias) instanceof X509Certificate c)) {
            break;
          }
          checkPair(c, key, problems);
          return;
        }
      }
    } catch (GeneralSecurityException e) {
      problems.add(certName + ": the private key in " + file + " cannot be opened with the given password: check "
          + Setting.CERTIFICATE_PASSWORD.names());
      return;
    }
    problems.add(certName + ": " + file + " holds no private key with its certificate; export the certificate with"
        + " its private key");
  }

  private static void checkPair(X509Certificate certificate, Key key, List<String> problems) {
    final String name = Setting.CERTIFICATE_PATH.names() + ": the certificate '"
        + certificate.getSubjectX500Principal().getName() + "' (thumbprint " + thumbprint(certificate) + ")";
    if (!(key instanceof RSAKey rsa) || !(certificate.getPublicKey() instanceof RSAPublicKey pub)) {
      problems.add(name + " has no RSA key; Entra ID certificate sign-in needs one");
      return;
    }
    if (!rsa.getModulus().equals(pub.getModulus())) {
      problems.add(name + " does not match the private key given with it: use the key the certificate was made for");
      return;
    }
    try {
      certificate.checkValidity();
    } catch (CertificateExpiredException e) {
      problems.add(name + " expired on " + certificate.getNotAfter().toInstant() + ": make a new one and upload it to"
          + " the app registration (Certificates & secrets)");
    } catch (CertificateNotYetValidException e) {
      problems.add(name + " is not valid before " + certificate.getNotBefore().toInstant()
          + ": check this machine's clock");
    }
  }

  /** The SHA-1 thumbprint in hex, as the Azure portal shows it. */
  static String thumbprint(X509Certificate certificate) {
    try {
      return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1")
          .digest(certificate.getEncoded()));
    } catch (GeneralSecurityException e) {
      return "?";
    }
  }

  private static List<String[]> blocks(Path file) throws IOException {
    final List<String[]> blocks = new ArrayList<>();
    final Matcher m = BLOCK.matcher(new String(Files.readAllBytes(file), StandardCharsets.US_ASCII));
    while (m.find()) {
      blocks.add(new String[] {m.group(1), m.group(2).replaceAll("\\s", "")});
    }
    return blocks;
  }
}
