package org.defendersql.emulator.hunting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.TestClient.Reply;
import org.defendersql.emulator.faults.Fault;
import org.defendersql.model.hunting.HuntingModel;
import org.junit.jupiter.api.Test;

/**
 * The limits of the hunting endpoints: the row cap (the first rows), the size cap (400 with the documented
 * message), the Timespan forms and the 30 days of data, call and CPU quotas (429 bodies that say which), faults.
 */
class HuntingLimitsTest {
  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

  private static DefenderEmulator.Builder tenant() {
    return DefenderEmulator.builder().alerts(200).machines(20).huntingEventsPerMachinePerDay(4)
        .huntingDeviceInfoInterval(Duration.ofHours(12)).now(NOW);
  }

  @Test void answersStopAtTheRowCapAndPastTheSizeCapAre400() {
    try (DefenderEmulator e = tenant().huntingMaxRows(50).huntingMaxResultBytes(40_000).build().start()) {
      final HuntingClient c = new HuntingClient(e);
      final long all = e.hunting().rows(HuntingModel.DEVICE_NETWORK_EVENTS).count();
      assertTrue(all > 50, "the table has more rows than the cap: " + all);
      final JsonNode capped = c.results("DeviceNetworkEvents | project Timestamp, DeviceId", null);
      assertEquals(50, capped.size());
      // The first rows: the table's own order (time order here).
      final List<Object[]> first = e.hunting().rows(HuntingModel.DEVICE_NETWORK_EVENTS).limit(50).toList();
      for (int i = 0; i < 50; i++) {
        assertEquals(first.get(i)[1], capped.get(i).get("DeviceId").asText());
      }
      assertEquals(50, c.mde("DeviceNetworkEvents | project DeviceId").json().get("Results").size());
      // A count over every row is one row: the cap limits the answer, not the rows the query reads.
      assertEquals(all, c.results("DeviceNetworkEvents | count", null).get(0).get("Count").asLong());

      final Reply tooLarge = c.graph("DeviceNetworkEvents", null);
      assertEquals(400, tooLarge.status());
      assertEquals("Query execution has exceeded the allowed result size. Optimize your query by limiting the "
          + "number of results and try again", tooLarge.json().get("error").get("message").asText());
      final Reply mdeTooLarge = c.mde("DeviceNetworkEvents");
      assertEquals(400, mdeTooLarge.status());
      assertEquals("BadRequest", mdeTooLarge.json().get("error").get("code").asText());
    }
  }

  @Test void timespanFormsBoundTheWindowAndDataReachesBackThirtyDays() {
    try (DefenderEmulator e = tenant().build().start()) {
      final HuntingClient c = new HuntingClient(e);
      final List<Instant> times = e.hunting().rows(HuntingModel.DEVICE_PROCESS_EVENTS).map(r -> (Instant) r[0])
          .toList();
      final Instant a = Instant.parse("2026-11-10T06:00:00Z");
      final Instant b = Instant.parse("2026-11-20T18:30:00Z");
      assertEquals(between(times, a, b), count(c, a + "/" + b));
      assertEquals(between(times, b.minus(Duration.ofDays(3)), b), count(c, "P3D/" + b));
      assertEquals(between(times, a, a.plus(Duration.ofHours(36))), count(c, a + "/P1DT12H"));
      assertEquals(between(times, a, a.plus(Duration.ofDays(14))), count(c, a + "/P2W"));
      assertEquals(between(times, NOW.minus(Duration.ofDays(2)), NOW), count(c, "P2D"));
      assertEquals(between(times, NOW.minus(Duration.ofHours(5)), NOW), count(c, "PT5H"));
      assertEquals(between(times, a, NOW), count(c, "2026-11-10T06:00:00Z"));
      assertEquals(times.size(), count(c, null), "no Timespan: the last 30 days");
      assertEquals(times.size(), count(c, "P90D"), "data reaches back 30 days only");
      assertTrue(times.stream().allMatch(t -> !t.isBefore(NOW.minus(Duration.ofDays(30))) && t.isBefore(NOW)));
      // The Defender API has no Timespan: always the last 30 days.
      assertEquals(times.size(), c.mde("DeviceProcessEvents | count").json().get("Results").get(0).get("Count")
          .asLong());
      for (String bad : new String[] {"yesterday", "P", "P1X", a + "/" + a, b + "/" + a, "P1D/P2D", "2026-13-01"}) {
        final Reply r = c.graph("DeviceProcessEvents | count", bad);
        assertEquals(400, r.status(), bad);
        assertTrue(r.json().get("error").get("message").asText().contains(bad), r.body());
      }
    }
  }

  private static long between(List<Instant> times, Instant from, Instant to) {
    return times.stream().filter(t -> !t.isBefore(from) && t.isBefore(to)).count();
  }

  private static long count(HuntingClient c, String timespan) {
    return c.results("DeviceProcessEvents | count", timespan).get(0).get("Count").asLong();
  }

  @Test void callQuotasAnswer429SharedByBothEndpoints() {
    try (DefenderEmulator e = tenant().huntingQuota(3, Duration.ofSeconds(60)).build().start()) {
      final HuntingClient c = new HuntingClient(e);
      assertEquals(200, c.graph("AlertInfo | take 1", null).status());
      assertEquals(200, c.mde("AlertInfo | take 1").status());
      assertEquals(400, c.mde("AlertInfo | bad").status(), "a refused query still counts as a call");
      final Reply graph = c.graph("AlertInfo | take 1", null);
      assertEquals(429, graph.status());
      assertEquals("TooManyRequests", graph.json().get("error").get("code").asText());
      assertEquals("API calls quota exceeded! maximum allowed 3 per 00:01:00",
          graph.json().get("error").get("message").asText());
      final Reply mde = c.mde("AlertInfo | take 1");
      assertEquals(429, mde.status());
      assertEquals("429", mde.json().get("error").get("code").asText());
      assertTrue(mde.json().get("error").get("message").asText().startsWith("API calls quota exceeded!"));
      // The Defender API's other endpoints have their own quotas.
      assertEquals(200, c.http.get("/api/alerts?$top=1", c.defenderToken()).status());
    }
  }

  @Test void cpuQuotasAnswer429WithTheProcessingResourcesMessage() throws Exception {
    try (DefenderEmulator e = tenant().huntingCpuPerRow(Duration.ofMillis(5))
        .huntingCpuQuota(Duration.ofSeconds(1), Duration.ofMinutes(15)).build().start()) {
      final HuntingClient c = new HuntingClient(e);
      final long rows = e.hunting().rows(HuntingModel.DEVICE_FILE_EVENTS).count();
      assertTrue(rows * 5 > 1000, "the scan is charged more than the budget: " + rows);
      // Reading few rows stays under budget.
      assertEquals(200, c.graph("AlertInfo | take 1", null).status());
      // The query that spends the budget answers; the next ones are refused.
      assertEquals(200, c.graph("DeviceFileEvents | count", null).status());
      final okhttp3.Response r = c.http.http().newCall(new okhttp3.Request.Builder()
          .url(e.baseUrl() + HuntingModel.MDE_PATH).header("Authorization", "Bearer " + c.defenderToken())
          .post(okhttp3.RequestBody.create(HuntingClient.body("Query", "AlertInfo | take 1", null),
              HuntingClient.JSON)).build()).execute();
      try (r) {
        assertEquals(429, r.code());
        final long retryAfter = Long.parseLong(r.header("Retry-After"));
        assertTrue(retryAfter > 800 && retryAfter <= 900, "until the charge leaves the 15 minutes: " + retryAfter);
        final String message = com.fasterxml.jackson.databind.json.JsonMapper.builder().build().readTree(
            r.body().string()).get("error").get("message").asText();
        assertTrue(message.startsWith("You have exceeded processing resources allocated to this tenant. You can run "
            + "queries again in 00:1"), message);
      }
      final Reply graph = c.graph("AlertInfo | take 1", null);
      assertEquals(429, graph.status());
      assertTrue(graph.json().get("error").get("message").asText().contains("processing resources"));
    }
  }

  @Test void faultsApplyToTheHuntingEndpointsInTheirShape() {
    try (DefenderEmulator e = tenant().build().start()) {
      final HuntingClient c = new HuntingClient(e);
      e.faults().on(HuntingModel.GRAPH_PATH).nth(1, Fault.THROTTLE).nth(2, Fault.UNAVAILABLE)
          .nth(3, Fault.TRUNCATED_JSON);
      final Reply throttled = c.graph("AlertInfo | take 1", null);
      assertEquals(429, throttled.status());
      assertEquals(throttled.requestId(), throttled.json().get("error").get("innerError").get("request-id").asText());
      assertEquals(503, c.graph("AlertInfo | take 1", null).status());
      final Reply truncated = c.graph("AlertInfo | take 1", null);
      assertEquals(200, truncated.status());
      assertTrue(!truncated.body().endsWith("}"), truncated.body());
      assertEquals(200, c.graph("AlertInfo | take 1", null).status());
      assertEquals(200, c.mde("AlertInfo | take 1").status(), "faults of one path leave the other alone");
    }
  }
}
