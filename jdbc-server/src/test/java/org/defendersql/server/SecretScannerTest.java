package org.defendersql.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.defendersql.emulator.DefenderEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scanner behind {@link SuiteOutputSecretScan} finds a planted emulator secret, and reports it masked. */
class SecretScannerTest {
  @Test void findsAPlantedSecretInAnyFileAndMasksIt(@TempDir Path dir) throws Exception {
    final String secret;
    try (DefenderEmulator e = DefenderEmulator.builder().alerts(1).machines(1).build()) {
      secret = e.clientSecret();
    }
    assertTrue(secret.startsWith(DefenderEmulator.SECRET_MARKER), "emulator secrets carry the marker");
    Files.createDirectories(dir.resolve("sub"));
    Files.writeString(dir.resolve("sub/Some-output.txt"), "line one\n2026 WARN token request with " + secret
        + " in it\n");
    Files.writeString(dir.resolve("clean.xml"), "<testsuite/>");
    final SecretScanner scanner = new SecretScanner(SuiteOutputSecretScan.SECRETS);
    final List<SecretScanner.Finding> findings = scanner.scan(dir);
    assertEquals(1, findings.size(), findings.toString());
    assertEquals(2, scanner.files());
    assertFalse(findings.toString().contains(secret), "the report must not repeat the secret");
  }
}
