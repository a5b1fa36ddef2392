package org.defendersql.adapter.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.defendersql.adapter.config.DefenderConnectionConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restarted server goes on with the call budget its predecessor spent: the calls saved in the state file count
 * in the new process's windows (proved on a virtual clock), a Retry-After pause outlives the restart, and a file
 * that is not one the server wrote is refused with its name.
 */
class ApiBudgetStateTest {
  @TempDir Path dir;

  private static DefenderConnectionConfig config(String limits) {
    final Map<String, Object> operand = new LinkedHashMap<>();
    operand.put("tenantId", "state-tenant");
    operand.put("clientId", "state-client-" + System.nanoTime());
    operand.put("clientSecret", "never-saved-secret");
    operand.put("rateLimits", limits);
    return DefenderConnectionConfig.from(operand, k -> null);
  }

  @Test void theCallsOfAnEarlierProcessCountAfterARestart() throws IOException {
    final DefenderConnectionConfig c = config("3/1h");
    final RateLimiterTest.VirtualClock before = new RateLimiterTest.VirtualClock();
    final RateLimiter first = RateLimiters.of(c, ApiFamily.ENTITY, before);
    for (int i = 0; i < 3; i++) {
      first.acquire(Cancel.NONE, "test");
    }
    assertEquals(0, before.waited, "the first process spends its budget without waiting");
    final Path file = dir.resolve("state/api-budget.json");
    assertTrue(ApiBudgetState.save(file) >= 1);
    final String text = Files.readString(file);
    assertTrue(text.contains(RateLimiters.key(c, ApiFamily.ENTITY)), text);
    assertFalse(text.contains("never-saved-secret"), "the state holds no secret");

    RateLimiters.forget(c);
    assertTrue(ApiBudgetState.restore(file) >= 1);
    final RateLimiterTest.VirtualClock after = new RateLimiterTest.VirtualClock();
    final RateLimiter second = RateLimiters.of(c, ApiFamily.ENTITY, after);
    second.acquire(Cancel.NONE, "test");
    // The hour's three calls were made moments ago in wall-clock time: the fourth waits out nearly the hour.
    assertTrue(after.waited > TimeUnit.MINUTES.toNanos(59), "waited " + after.waited / 1e9 + " s");
    assertTrue(after.waited <= TimeUnit.SECONDS.toNanos(3601), "waited " + after.waited / 1e9 + " s");
  }

  @Test void anUnusedIdentityIsKeptForTheNextSave() throws IOException {
    final DefenderConnectionConfig c = config("5/1m");
    final RateLimiter limiter = RateLimiters.of(c, ApiFamily.ENTITY, new RateLimiterTest.VirtualClock());
    limiter.acquire(Cancel.NONE, "test");
    final Path file = dir.resolve("api-budget.json");
    ApiBudgetState.save(file);
    RateLimiters.forget(c);
    ApiBudgetState.restore(file);
    // Not used in this process, yet the next save still carries its call.
    final Path again = dir.resolve("again.json");
    ApiBudgetState.save(again);
    assertTrue(Files.readString(again).contains(RateLimiters.key(c, ApiFamily.ENTITY)));
  }

  @Test void aPauseTheApiAskedForOutlivesTheRestart() throws IOException {
    final DefenderConnectionConfig c = config("off");
    RateLimiters.of(c, ApiFamily.ENTITY, new RateLimiterTest.VirtualClock()).pause(TimeUnit.SECONDS.toNanos(30));
    final Path file = dir.resolve("api-budget.json");
    ApiBudgetState.save(file);
    RateLimiters.forget(c);
    ApiBudgetState.restore(file);
    final RateLimiterTest.VirtualClock after = new RateLimiterTest.VirtualClock();
    RateLimiters.of(c, ApiFamily.ENTITY, after).acquire(Cancel.NONE, "test");
    assertTrue(after.waited > TimeUnit.SECONDS.toNanos(25) && after.waited <= TimeUnit.SECONDS.toNanos(30),
        "waited " + after.waited / 1e9 + " s");
  }

  @Test void aMissingFileIsAFirstStartAndAForeignOneIsRefusedByName() throws IOException {
    assertEquals(0, ApiBudgetState.restore(dir.resolve("absent.json")));
    final Path foreign = dir.resolve("foreign.json");
    Files.writeString(foreign, "{\"budgets\":[{\"identity\":\"x\",\"calls\":[\"yesterday\"]}]}");
    final IOException e = assertThrows(IOException.class, () -> ApiBudgetState.restore(foreign));
    assertTrue(e.getMessage().contains(foreign.toString()) && e.getMessage().contains("move it aside"),
        e.getMessage());
    final Path broken = dir.resolve("broken.json");
    Files.writeString(broken, "{\"budgets\": [");
    assertTrue(assertThrows(IOException.class, () -> ApiBudgetState.restore(broken)).getMessage()
        .contains(broken.toString()));
  }
}
