package org.defendersql.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.defendersql.emulator.DefenderEmulator;
import org.junit.jupiter.api.Test;

/**
 * Runs in the {@code verify} phase of this module, after the tests of the model, emulator, adapter and server
 * modules: their whole output (everything printed and logged, every failure message and stack trace) must hold
 * none of the secrets the suite uses. Every emulator secret starts with {@link DefenderEmulator#SECRET_MARKER};
 * the other secrets are those tests give explicitly.
 */
class SuiteOutputSecretScan {
  /** Emulator secrets, and the literal secrets of tests that use no emulator or a wrong one on purpose. */
  static final List<String> SECRETS = List.of(DefenderEmulator.SECRET_MARKER, "wrong-Secret-Value-0123456789~xyz",
      "s3cr3t-value", "env-s3cr3t");

  @Test void noSecretInTheOutputOfTheSuite() {
    final SecretScanner scanner = new SecretScanner(SECRETS);
    final List<SecretScanner.Finding> findings = new ArrayList<>();
    final List<String> scanned = new ArrayList<>();
    for (String dir : System.getProperty("secretScan.reports", "").split(",")) {
      if (!dir.isBlank() && Files.isDirectory(Path.of(dir))) {
        findings.addAll(scanner.scan(Path.of(dir)));
        scanned.add(dir);
      }
    }
    final Path required = Path.of(System.getProperty("secretScan.required", "target/surefire-reports"));
    assertTrue(scanned.contains(required.toString()), "this module's test reports must exist: " + required);
    assertTrue(scanner.files() > 5 && scanner.bytes() > 10_000, "too little was scanned: " + scanner.files()
        + " files, " + scanner.bytes() + " bytes in " + scanned);
    System.out.println("SuiteOutputSecretScan: " + scanner.files() + " files, " + scanner.bytes() + " bytes in "
        + scanned + ": " + findings.size() + " secrets found");
    assertTrue(findings.isEmpty(), "secrets in the suite's output: " + findings);
  }
}
