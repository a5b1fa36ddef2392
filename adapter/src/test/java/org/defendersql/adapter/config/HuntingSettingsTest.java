package org.defendersql.adapter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hunting settings: defaults, the Graph audience of each cloud, the backend and bounds, and their errors. */
class HuntingSettingsTest {
  private static Map<String, Object> operand(Object... more) {
    final Map<String, Object> o = new LinkedHashMap<>(Map.of("tenantId", "t", "clientId", "c", "clientSecret", "s"));
    for (int i = 0; i < more.length; i += 2) {
      o.put((String) more[i], more[i + 1]);
    }
    return o;
  }

  @Test void defaultsAreGlobalGraphWithTheDocumentedLimits() {
    final HuntingSettings h = DefenderConnectionConfig.from(operand(), k -> null).hunting();
    assertEquals("https://graph.microsoft.com", h.graphUrl().toString());
    assertEquals("https://graph.microsoft.com/.default", h.graphScope());
    assertEquals(HuntingApi.GRAPH, h.api());
    assertEquals("45/1m,1500/1h", RateLimit.format(h.rateLimits()));
    assertEquals(100_000, h.maxRows());
    assertEquals(40, h.maxRequests());
  }

  @Test void usGovernmentGraphRootsAreTheirOwnAudience() {
    assertEquals("https://dod-graph.microsoft.us/.default", DefenderConnectionConfig.from(
        operand("graphUrl", "https://dod-graph.microsoft.us/"), k -> null).hunting().graphScope());
    assertEquals("https://graph.microsoft.us/.default", DefenderConnectionConfig.from(operand(),
        k -> k.equals("DEFENDER_GRAPH_URL") ? "https://graph.microsoft.us" : null).hunting().graphScope());
    // a proxy or an emulator in front of global Graph keeps Graph's audience
    assertEquals("https://graph.microsoft.com/.default", DefenderConnectionConfig.from(
        operand("graphUrl", "https://localhost:8443"), k -> null).hunting().graphScope());
  }

  @Test void theBackendAndTheBoundsAreSettings() {
    final HuntingSettings h = DefenderConnectionConfig.from(operand("huntingApi", "MDE", "huntingMaxRows", "500",
        "huntingMaxRequests", 3, "huntingRateLimits", "off"), k -> null).hunting();
    assertEquals(HuntingApi.MDE, h.api());
    assertEquals(500, h.maxRows());
    assertEquals(3, h.maxRequests());
    assertTrue(h.rateLimits().isEmpty());
  }

  @Test void malformedSettingsAreNamed() {
    final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DefenderConnectionConfig
        .from(operand("huntingApi", "xdr", "huntingMaxRows", "0", "graphUrl", "http://graph.example"), k -> null));
    assertTrue(e.getMessage().contains("huntingApi (environment DEFENDER_HUNTING_API) is invalid: must be graph or"
        + " mde, not 'xdr'"), e.getMessage());
    assertTrue(e.getMessage().contains("huntingMaxRows (environment DEFENDER_HUNTING_MAX_ROWS) is invalid: must be at"
        + " least 1"), e.getMessage());
    assertTrue(e.getMessage().contains("graphUrl (environment DEFENDER_GRAPH_URL) must be an https URL"),
        e.getMessage());
  }
}
