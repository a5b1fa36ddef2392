package org.defendersql.emulator.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.TestClient;
import org.defendersql.model.DefenderModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 10,000,000 alerts over 100,000 machines: the emulator starts without generating them and serves any page, the
 * count and any alert by id, generated when asked for from the seed and the alert's position. Rows are compared
 * with a tenant generated apart from the same seed, sizes and "now".
 */
class TenMillionAlertsTest {
  private static final long SEED = 1;
  private static final int MACHINES = 100_000;
  private static final int ALERTS = 10_000_000;
  private static final int PAGE = 100;
  private static final Instant NOW = Instant.parse("2026-02-01T10:00:00Z");
  private static final RowShape SHAPE = new RowShape(DefenderModel.ALERTS);

  private static DefenderEmulator emulator;
  private static Tenant tenant;
  private static TestClient client;
  private static String token;

  @BeforeAll static void start() {
    emulator = DefenderEmulator.builder().seed(SEED).machines(MACHINES).alerts(ALERTS).now(NOW).pageSize(PAGE)
        .build().start();
    final Runtime runtime = Runtime.getRuntime();
    System.gc();
    System.out.printf("emulator of %,d machines and %,d alerts started; heap used %,d MB%n", MACHINES, ALERTS,
        (runtime.totalMemory() - runtime.freeMemory()) >> 20);
    tenant = Tenant.generate(SEED, MACHINES, ALERTS, NOW, emulator.tenantId());
    client = new TestClient(emulator);
    token = client.accessToken();
  }

  @AfterAll static void stop() {
    emulator.close();
  }

  private static Object[] alert(long index) {
    return tenant.table(DefenderModel.ALERTS).row(index, false);
  }

  private static Object id(long index) {
    return alert(index)[SHAPE.index("id")];
  }

  /** The ids of a page, checked against the alerts from {@code from} on. */
  private static void assertPage(JsonNode page, long from, int size) {
    final JsonNode value = page.get("value");
    assertEquals(size, value.size());
    for (int i = 0; i < size; i++) {
      assertEquals(id(from + i), value.get(i).get("id").asText(), "alert " + (from + i));
    }
  }

  @Test void counts() {
    assertEquals(Integer.toString(ALERTS), client.get("/api/alerts/$count", token).body());
    assertEquals(ALERTS, emulator.data().count(DefenderModel.ALERTS));
  }

  @Test void firstPageLinksToTheNext() {
    final TestClient.Reply first = client.get("/api/alerts", token);
    assertEquals(200, first.status(), first.body());
    assertPage(first.json(), 0, PAGE);
    final Object[] row = alert(0);
    final JsonNode json = first.json().get("value").get(0);
    assertEquals(row[SHAPE.index("machineId")], json.get("machineId").textValue());
    assertEquals(row[SHAPE.index("title")], json.get("title").asText());
    assertTrue(first.json().get("@odata.nextLink").asText().endsWith("$skip=" + PAGE));
  }

  @Test void aPageDeepInTheTableAndItsNextLink() {
    final TestClient.Reply middle = client.get("/api/alerts?$skip=5000000", token);
    assertEquals(200, middle.status(), middle.body());
    assertPage(middle.json(), 5_000_000, PAGE);
    final String next = middle.json().get("@odata.nextLink").asText();
    assertTrue(next.endsWith("$skip=5000100"), next);
    assertPage(client.getUrl(next, token).json(), 5_000_100, PAGE);

    final JsonNode end = client.get("/api/alerts?$skip=" + (ALERTS - 30), token).json();
    assertPage(end, ALERTS - 30, 30);
    assertFalse(end.has("@odata.nextLink"), "the last page links nowhere");
    assertEquals(0, client.get("/api/alerts?$skip=" + ALERTS, token).json().get("value").size());
  }

  @Test void theLastAlertById() {
    final long last = ALERTS - 1;
    final Object[] row = tenant.table(DefenderModel.ALERTS).row(last, true);
    final TestClient.Reply keyed = client.get("/api/alerts/" + row[SHAPE.index("id")], token);
    assertEquals(200, keyed.status(), keyed.body());
    final JsonNode json = keyed.json();
    assertEquals(row[SHAPE.index("id")], json.get("id").asText());
    assertEquals(row[SHAPE.index("incidentId")], json.get("incidentId").asLong());
    assertEquals(row[SHAPE.index("title")], json.get("title").asText());
    assertEquals(row[SHAPE.index("severity")], json.get("severity").asText());
    assertEquals(row[SHAPE.index("machineId")], json.get("machineId").textValue());
    assertEquals(((List<?>) row[SHAPE.index("evidence")]).size(), json.get("evidence").size());
    // The alert's creation time is the last of the 90 days: alerts are in creation order.
    assertTrue(((Instant) row[SHAPE.index("alertCreationTime")]).isAfter(NOW.minusSeconds(3_600)));

    final List<Object[]> byId = emulator.data().lookup(DefenderModel.ALERTS, (String) row[SHAPE.index("id")])
        .toList();
    assertEquals(1, byId.size());
  }

  /**
   * A machine's alerts are found from each alert's incident without generating the alerts: the same as a scan of
   * the generated alerts up to the last one listed.
   */
  @Test void aMachinesAlerts() {
    final String machine = (String) alert(0)[SHAPE.index("machineId")];
    final TestClient.Reply reply = client.get("/api/machines/" + machine + "/alerts?$top=3", token);
    assertEquals(200, reply.status(), reply.body());
    final JsonNode value = reply.json().get("value");
    assertEquals(3, value.size());
    final EntityTable alerts = tenant.table(DefenderModel.ALERTS);
    final long last = alerts.find(value.get(2).get("id").asText());
    final List<Object> scanned = new java.util.ArrayList<>();
    for (long i = 0; i <= last; i++) {
      final Object[] row = alerts.row(i, false);
      if (machine.equals(row[SHAPE.index("machineId")])) {
        scanned.add(row[SHAPE.index("id")]);
      }
    }
    assertEquals(scanned, java.util.stream.StreamSupport.stream(value.spliterator(), false)
        .map(n -> (Object) n.get("id").asText()).toList());
  }

  @Test void anIdOfTheRightShapeBeyondTheTable() {
    // Alert 10,000,000's id would be well formed, but there is no such alert.
    final AlertIds ids = new AlertIds(SEED);
    final String beyond = ids.id(ALERTS, 639_000_000_000_000_000L - AlertIds.TICKS_AT_EPOCH);
    assertEquals(ALERTS, ids.index(beyond));
    assertEquals(404, client.get("/api/alerts/" + beyond, token).status());
  }
}
