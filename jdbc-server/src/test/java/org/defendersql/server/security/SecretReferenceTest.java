package org.defendersql.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A secret from the environment, from a file, or written out with a warning. */
class SecretReferenceTest {
  @TempDir Path dir;

  @Test void readsEnvironmentAndFilesAndWarnsAboutAWrittenSecret() throws Exception {
    final Map<String, String> env = Map.of("KS_PW", "from-env");
    final List<String> warnings = new ArrayList<>();
    assertEquals("from-env", SecretReference.resolve("env:KS_PW", "the key", env::get, warnings));
    final Path f = dir.resolve("pw");
    Files.writeString(f, "from-file\n");
    assertEquals("from-file", SecretReference.resolve("file:" + f, "the key", env::get, warnings));
    assertEquals(List.of(), warnings);
    assertEquals("written-out", SecretReference.resolve("written-out", "the key", env::get, warnings));
    assertEquals(1, warnings.size());
    assertTrue(warnings.get(0).contains("command line") && !warnings.get(0).contains("written-out"),
        warnings.get(0));
  }

  @Test void aMissingSecretNamesWhereItWasLookedFor() {
    final SecurityConfigException e = assertThrows(SecurityConfigException.class,
        () -> SecretReference.resolve("env:NOT_SET_HERE", "the key", n -> null, new ArrayList<>()));
    assertTrue(e.getMessage().contains("NOT_SET_HERE"), e.getMessage());
    final SecurityConfigException f = assertThrows(SecurityConfigException.class,
        () -> SecretReference.resolve("file:" + dir.resolve("absent"), "the key", n -> null, new ArrayList<>()));
    assertTrue(f.getMessage().contains("absent"), f.getMessage());
  }

  @Test void aKeyStoreWithTheWrongPasswordIsNamed() throws Exception {
    final TestCertificates certs = TestCertificates.create(dir);
    new TlsKeyStore(certs.keyStore(), certs.password(), null).check(new ArrayList<>());
    final SecurityConfigException e = assertThrows(SecurityConfigException.class,
        () -> new TlsKeyStore(certs.keyStore(), "wrong", null).check(new ArrayList<>()));
    assertTrue(e.getMessage().startsWith("Cannot open the TLS key store " + certs.keyStore()), e.getMessage());
    final SecurityConfigException noKey = assertThrows(SecurityConfigException.class,
        () -> new TlsKeyStore(certs.trustStore(), certs.password(), null).check(new ArrayList<>()));
    assertTrue(noKey.getMessage().contains("holds no private key"), noKey.getMessage());
    final SecurityConfigException absent = assertThrows(SecurityConfigException.class,
        () -> new TlsKeyStore(dir.resolve("absent.p12"), certs.password(), null).check(new ArrayList<>()));
    assertTrue(absent.getMessage().contains("absent.p12: no such file"), absent.getMessage());
  }
}
