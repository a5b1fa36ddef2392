package org.defendersql.adapter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resilience settings: documented defaults, operand and environment, clear refusals; the secret hidden. */
class ResilienceSettingsTest {
  private static final Map<String, String> ENV = Map.of(
      "AZURE_TENANT_ID", "t", "AZURE_CLIENT_ID", "c", "AZURE_CLIENT_SECRET", "Emu8Q~settings-secret-value");

  @Test void defaultsAreTheDocumentedBudget() {
    final Resilience r = DefenderConnectionConfig.from(Map.of(), ENV::get).resilience();
    assertEquals(List.of(new RateLimit(100, Duration.ofMinutes(1)), new RateLimit(1500, Duration.ofHours(1))),
        r.rateLimits());
    assertEquals(5, r.maxRetries());
    assertEquals(Duration.ofMinutes(2), r.maxRetryTime());
    assertEquals(Duration.ofMillis(500), r.retryBackoff());
    assertEquals(Duration.ofSeconds(20), r.connectTimeout());
    assertEquals(Duration.ofMinutes(2), r.readTimeout());
  }

  @Test void operandAndEnvironmentSetThem() {
    final Resilience r = DefenderConnectionConfig.from(Map.of("rateLimits", "100/10s, 400/60s", "readTimeout",
        "1500ms"), k -> k.equals("DEFENDER_MAX_RETRIES") ? "2" : ENV.get(k)).resilience();
    assertEquals(List.of(new RateLimit(100, Duration.ofSeconds(10)), new RateLimit(400, Duration.ofMinutes(1))),
        r.rateLimits());
    assertEquals(Duration.ofMillis(1500), r.readTimeout());
    assertEquals(2, r.maxRetries());
    assertTrue(DefenderConnectionConfig.from(Map.of("rateLimits", "off"), ENV::get).resilience().rateLimits()
        .isEmpty());
  }

  @Test void badValuesAreNamed() {
    final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DefenderConnectionConfig
        .from(Map.of("rateLimits", "100 per minute", "readTimeout", "soon", "maxRetries", "-1"), ENV::get));
    assertTrue(e.getMessage().contains("rateLimits (environment DEFENDER_RATE_LIMITS) is invalid"), e.getMessage());
    assertTrue(e.getMessage().contains("readTimeout (environment DEFENDER_READ_TIMEOUT) is invalid: 'soon' is not"
        + " a duration"), e.getMessage());
    assertTrue(e.getMessage().contains("maxRetries (environment DEFENDER_MAX_RETRIES) is invalid"), e.getMessage());
  }

  @Test void theSecretFromAFileNeverShows(@TempDir Path dir) throws Exception {
    final Path file = dir.resolve("secret");
    Files.writeString(file, "Emu8Q~from-a-file-0123456789\n");
    final DefenderConnectionConfig c = DefenderConnectionConfig.from(Map.of("clientSecretFile", file.toString()),
        k -> k.equals("AZURE_CLIENT_SECRET") ? null : ENV.get(k));
    assertEquals("Emu8Q~from-a-file-0123456789", c.clientSecret().reveal());
    assertFalse(c.toString().contains("Emu8Q~"), c.toString());
    assertTrue(c.toString().contains("rateLimits=100/1m,1500/1h"), c.toString());
  }
}
