package org.defendersql.emulator;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The emulator leaves no file behind: the CA certificate it wrote to a temp file goes when it closes. */
class EmulatorTempFilesTest {
  @Test void itsOwnCertificateFileIsRemovedOnClose() {
    final DefenderEmulator e = DefenderEmulator.builder().alerts(5).machines(2).build().start();
    final Path ca = e.certificateFile();
    assertTrue(Files.isRegularFile(ca));
    e.close();
    assertFalse(Files.exists(ca), ca + " was left behind");
  }

  @Test void aCertificateFileItWasGivenIsKept(@TempDir Path dir) {
    final Path ca = dir.resolve("ca.pem");
    final DefenderEmulator e = DefenderEmulator.builder().alerts(5).machines(2).certificateFile(ca).build().start();
    e.close();
    assertTrue(Files.isRegularFile(ca), "the user's file stays");
  }
}
