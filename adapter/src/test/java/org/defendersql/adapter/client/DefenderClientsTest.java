package org.defendersql.adapter.client;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.defendersql.adapter.config.DefenderConnectionConfig;
import org.defendersql.emulator.DefenderEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clients are shared per settings, and made again when the CA file the settings name changes. */
class DefenderClientsTest {
  @Test void aChangedCaFileIsReadAgainWithoutARestart(@TempDir Path dir) throws Exception {
    final Path ca = dir.resolve("ca.pem");
    try (DefenderEmulator e = DefenderEmulator.builder().alerts(2).machines(1).certificateFile(ca).build().start()) {
      final DefenderConnectionConfig config = DefenderConnectionConfig.from(Map.of("tenantId", "t", "clientId",
          "c", "clientSecret", "s", "caCertFile", ca.toString()), n -> null);
      final DefenderClient first = DefenderClients.of(config);
      assertSame(first, DefenderClients.of(config), "shared while the file is the same");
      final String pem = Files.readString(ca);
      Files.writeString(ca, pem, StandardOpenOption.APPEND); // a bundle of two certificates: another file
      Files.setLastModifiedTime(ca, FileTime.fromMillis(Files.getLastModifiedTime(ca).toMillis() + 2_000));
      final DefenderClient second = DefenderClients.of(config);
      assertNotSame(first, second, "the changed file was read again");
      assertSame(second, DefenderClients.of(config));
    }
  }
}
