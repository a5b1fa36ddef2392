package org.defendersql.adapter.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.defendersql.adapter.config.DefenderConnectionConfig;
import org.defendersql.adapter.config.RateLimit;
import org.defendersql.model.DefenderModel;
import org.junit.jupiter.api.Test;

/**
 * Graph's {@code /security} alerts and incidents have a call budget of their own (150 requests a minute per app
 * and tenant), apart from the Defender API's and from advanced hunting's: proved on a virtual clock, as
 * {@link RateLimiterTest} proves the windows.
 */
class GraphBudgetTest {
  private static DefenderConnectionConfig config(String mdeLimits, String graphLimits) {
    final Map<String, Object> operand = new LinkedHashMap<>();
    operand.put("tenantId", "budget-tenant");
    operand.put("clientId", "budget-client-" + System.nanoTime());
    operand.put("clientSecret", "not-used");
    if (mdeLimits != null) {
      operand.put("rateLimits", mdeLimits);
    }
    if (graphLimits != null) {
      operand.put("graphRateLimits", graphLimits);
    }
    return DefenderConnectionConfig.from(operand, k -> null);
  }

  @Test void graphPathsHaveTheirOwnFamily() {
    assertEquals(ApiFamily.GRAPH_SECURITY, ApiFamily.of(DefenderModel.GRAPH_ALERTS.path()));
    assertEquals(ApiFamily.GRAPH_SECURITY, ApiFamily.of(DefenderModel.GRAPH_INCIDENTS.path() + "/10042"));
    assertEquals(ApiFamily.GRAPH_SECURITY, ApiFamily.of(DefenderModel.GRAPH_ALERT_EVIDENCE.path()));
    assertEquals(ApiFamily.ADVANCED_HUNTING, ApiFamily.of("/v1.0/security/runHuntingQuery"));
    assertEquals(ApiFamily.ADVANCED_HUNTING, ApiFamily.of("/api/advancedqueries/run"));
    assertEquals(ApiFamily.ENTITY, ApiFamily.of(DefenderModel.ALERTS.path()));
    assertEquals(ApiFamily.ENTITY, ApiFamily.of("/api/machines/abc/logonusers"));
  }

  @Test void theDefaultGraphBudgetIs150AMinuteApartFromTheDefenderApis() {
    final DefenderConnectionConfig c = config(null, null);
    assertEquals(RateLimit.parseList("150/1m"), RateLimiters.of(c, ApiFamily.GRAPH_SECURITY).limits());
    assertEquals(RateLimit.parseList("100/1m,1500/1h"), RateLimiters.of(c, ApiFamily.ENTITY).limits());
    assertNotSame(RateLimiters.of(c, ApiFamily.GRAPH_SECURITY), RateLimiters.of(c, ApiFamily.ENTITY));
    assertNotSame(RateLimiters.of(c, ApiFamily.GRAPH_SECURITY), RateLimiters.of(c, ApiFamily.ADVANCED_HUNTING));
  }

  @Test void spendingOneFamilysBudgetNeverHoldsBackTheOther() {
    final RateLimiterTest.VirtualClock clock = new RateLimiterTest.VirtualClock();
    final DefenderConnectionConfig c = config("100/1m,1500/1h", null);
    final RateLimiter mde = RateLimiters.of(c, ApiFamily.ENTITY, clock);
    final RateLimiter graph = RateLimiters.of(c, ApiFamily.GRAPH_SECURITY, clock);
    for (int i = 0; i < 100; i++) {
      mde.acquire(Cancel.NONE, "alerts");
    }
    // The Defender API's minute is spent: Graph's 150 still go at once.
    for (int i = 0; i < 150; i++) {
      graph.acquire(Cancel.NONE, "graph_alerts");
    }
    assertEquals(0, clock.waited, "neither budget waited for the other");
    graph.acquire(Cancel.NONE, "graph_alerts");
    assertEquals(TimeUnit.SECONDS.toNanos(61), clock.waited, "the 151st Graph call waits out Graph's own minute");
    assertEquals(151, graph.calls());
    assertEquals(100, mde.calls());
    // Graph's window has moved on: the Defender API's next call has room again, Graph's calls counted nowhere here.
    mde.acquire(Cancel.NONE, "alerts");
    assertEquals(TimeUnit.SECONDS.toNanos(61), clock.waited);
  }

  @Test void graphRateLimitsSetsGraphsBudgetAlone() {
    final RateLimiterTest.VirtualClock clock = new RateLimiterTest.VirtualClock();
    final DefenderConnectionConfig c = config("off", "2/10s");
    final RateLimiter mde = RateLimiters.of(c, ApiFamily.ENTITY, clock);
    final RateLimiter graph = RateLimiters.of(c, ApiFamily.GRAPH_SECURITY, clock);
    for (int i = 0; i < 500; i++) {
      mde.acquire(Cancel.NONE, "alerts");
    }
    assertEquals(0, clock.waited);
    for (int i = 0; i < 3; i++) {
      graph.acquire(Cancel.NONE, "graph_incidents");
    }
    assertEquals(TimeUnit.MILLISECONDS.toNanos(10_500), clock.waited);
  }
}
