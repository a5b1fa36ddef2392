package org.defendersql.adapter.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.defendersql.adapter.DefenderModels;
import org.defendersql.adapter.EmulatedTenant;
import org.defendersql.adapter.config.DefenderConnectionConfig;
import org.defendersql.adapter.config.RateLimit;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.settings.Setting;
import org.junit.jupiter.api.Test;

/**
 * The export APIs ({@code software_vulnerability_export} and its changes) have a call budget of their own, 30
 * calls a minute and 1,000 an hour by default ({@code exportRateLimits}), apart from the other Defender API
 * tables': their requests, next pages included, are counted there and nowhere else.
 */
class ExportBudgetTest {
  @Test void theExportPathsAreTheirOwnFamily() {
    assertEquals(ApiFamily.EXPORT, ApiFamily.of(DefenderModel.SOFTWARE_VULNERABILITY_EXPORT.path()));
    assertEquals(ApiFamily.EXPORT, ApiFamily.of("/api/machines/softwarevulnerabilitiesbymachine"));
    assertEquals(ApiFamily.EXPORT, ApiFamily.of("/api/machines/SoftwareVulnerabilityChangesByMachine"));
    // Device antivirus health is documented with the export APIs' limits: it spends their budget.
    assertEquals(ApiFamily.EXPORT, ApiFamily.of(DefenderModel.DEVICE_AV_HEALTH.path()));
    assertEquals(ApiFamily.ENTITY, ApiFamily.of(DefenderModel.MACHINES.path()));
    assertEquals(ApiFamily.ENTITY, ApiFamily.of(DefenderModel.VULNERABILITIES.path()));
    assertEquals(ApiFamily.ENTITY, ApiFamily.of("/api/vulnerabilities/machinesVulnerabilities"));
    assertEquals(ApiFamily.ENTITY, ApiFamily.of("/api/machines/abc/vulnerabilities"));
  }

  @Test void theDefaultExportBudgetIsTheDocumentedOneApartFromTheEntities() {
    final Map<String, Object> operand = new LinkedHashMap<>();
    operand.put("tenantId", "budget-tenant");
    operand.put("clientId", "export-budget-" + System.nanoTime());
    operand.put("clientSecret", "not-used");
    final DefenderConnectionConfig c = DefenderConnectionConfig.from(operand, k -> null);
    assertEquals("30/1m,1000/1h", Setting.EXPORT_RATE_LIMITS.defaultValue);
    assertEquals(RateLimit.parseList("30/1m,1000/1h"), RateLimiters.of(c, ApiFamily.EXPORT).limits());
    assertNotSame(RateLimiters.of(c, ApiFamily.EXPORT), RateLimiters.of(c, ApiFamily.ENTITY));
    // 31 export calls on a virtual clock: the 31st waits out the minute.
    final RateLimiterTest.VirtualClock clock = new RateLimiterTest.VirtualClock();
    operand.put("clientId", "export-budget-clock-" + System.nanoTime());
    final RateLimiter export = RateLimiters.of(DefenderConnectionConfig.from(operand, k -> null), ApiFamily.EXPORT,
        clock);
    for (int i = 0; i < 31; i++) {
      export.acquire(Cancel.NONE, "software_vulnerability_export");
    }
    assertEquals(TimeUnit.SECONDS.toNanos(61), clock.waited);
  }

  @Test void exportPagesAreCountedInTheExportBudgetAlone() throws SQLException {
    try (DefenderEmulator e = DefenderEmulator.builder().machines(60).alerts(20).pageSize(50)
        .now(Instant.parse("2026-02-01T00:00:00Z")).build().start()) {
      final String client = "eeeeeeee-0000-4000-8000-" + String.format("%012d", System.nanoTime() % 1_000_000_000_000L);
      final String secret = DefenderEmulator.SECRET_MARKER + "export-budget-0123456789abcdefghijk";
      e.registerApp(client, secret, Set.of("Vulnerability.Read.All"));
      final Map<String, Object> operand = new LinkedHashMap<>(DefenderModels.operand(e.environment()));
      operand.put("clientId", client);
      operand.put("clientSecret", secret);
      operand.put("rateLimits", "1000/1m");
      operand.put("exportRateLimits", "1000/1m");
      final DefenderConnectionConfig config = DefenderConnectionConfig.from(operand, k -> null);
      final long pages = (e.data().count(DefenderModel.SOFTWARE_VULNERABILITY_EXPORT) + 49) / 50;
      try (Connection c = EmulatedTenant.connect(DefenderModels.inline(operand)); Statement s = c.createStatement()) {
        try (ResultSet rs = s.executeQuery("select count(*) from software_vulnerability_export")) {
          rs.next();
          assertEquals(e.data().count(DefenderModel.SOFTWARE_VULNERABILITY_EXPORT), rs.getLong(1));
        }
        try (ResultSet rs = s.executeQuery("select count(*) from vulnerabilities")) {
          rs.next();
        }
      }
      assertEquals(pages, RateLimiters.of(config, ApiFamily.EXPORT).calls());
      assertEquals(1, RateLimiters.of(config, ApiFamily.ENTITY).calls());
    }
  }
}
