package org.defendersql.emulator.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.RowJson;
import org.defendersql.emulator.TestClient;
import org.defendersql.emulator.TestClient.Reply;
import org.defendersql.model.Column;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The device tables' endpoints (issue 14): each list answers exactly the emulator's rows, tied to the tenant's
 * machines and alerts; the scores answer one object; keyed endpoints answer the service's errors for bad keys
 * (a non-GUID machine action is 400, an invalid IP 400, findbyip older than 30 days 400); options an endpoint does
 * not take, non-filterable properties and {@code $top} above 10,000 are 400.
 */
class DeviceTablesEndpointsTest {
  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
  private static final Entity MACHINES = DefenderModel.MACHINES;

  private static DefenderEmulator emulator;
  private static TestClient client;
  private static String token;
  private static List<Object[]> machines;

  @BeforeAll static void start() {
    emulator = DefenderEmulator.builder().alerts(2_000).machines(300).now(NOW).build().start();
    client = new TestClient(emulator);
    token = client.accessToken();
    machines = emulator.data().rows(MACHINES).toList();
  }

  @AfterAll static void stop() {
    emulator.close();
  }

  private static Object value(Entity e, Object[] row, String column) {
    return row[e.indexOf(e.column(column).orElseThrow())];
  }

  private static List<Object[]> rows(Entity e) {
    return emulator.data().rows(e).toList();
  }

  @Test void listsAnswerTheTenantsRowsTiedToItsMachinesAndAlerts() {
    final Set<Object> machineIds = machines.stream().map(m -> value(MACHINES, m, "id")).collect(Collectors.toSet());
    final Set<Object> alertIds = emulator.data().rows(DefenderModel.ALERTS)
        .map(a -> value(DefenderModel.ALERTS, a, "id")).collect(Collectors.toSet());
    final long onboarded = machines.stream().filter(m -> value(MACHINES, m, "last_seen") != null).count();
    for (Entity e : List.of(DefenderModel.INDICATORS, DefenderModel.MACHINE_ACTIONS, DefenderModel.INVESTIGATIONS,
        DefenderModel.DEVICE_AV_HEALTH, DefenderModel.EXPOSURE_SCORE_BY_MACHINE_GROUP)) {
      final List<Object[]> expected = rows(e);
      assertFalse(expected.isEmpty(), e.tableName());
      final Reply r = client.get(e.path(), token);
      assertEquals(200, r.status(), e.tableName() + ": " + r.body());
      final JsonNode value = r.json().get("value");
      assertEquals(expected.size(), value.size(), e.tableName());
      for (int i = 0; i < expected.size(); i++) {
        RowJson.assertMatches(e, expected.get(i), value.get(i));
      }
      final Column machineId = e.column("machine_id").orElse(null);
      for (Object[] row : expected) {
        if (machineId != null && row[e.indexOf(machineId)] != null) {
          assertTrue(machineIds.contains(row[e.indexOf(machineId)]), e.tableName() + " names a machine that exists");
        }
      }
    }
    assertEquals(onboarded, rows(DefenderModel.DEVICE_AV_HEALTH).size(), "one report row per onboarded device");
    final long actions = rows(DefenderModel.MACHINE_ACTIONS).size();
    assertTrue(actions > onboarded / 2 && actions < onboarded * 3, "about one action per device: " + actions);
    final Set<Object> investigated = emulator.data().rows(DefenderModel.ALERTS)
        .map(a -> value(DefenderModel.ALERTS, a, "investigation_id")).filter(java.util.Objects::nonNull)
        .map(Object::toString).collect(Collectors.toSet());
    final Set<Object> investigations = new HashSet<>();
    for (Object[] i : rows(DefenderModel.INVESTIGATIONS)) {
      investigations.add(value(DefenderModel.INVESTIGATIONS, i, "id"));
      assertTrue(alertIds.contains(value(DefenderModel.INVESTIGATIONS, i, "triggering_alert_id")));
    }
    assertEquals(investigated, investigations, "one investigation per investigation id of the alerts");
  }

  @Test void scoresAreOneObject() {
    for (Entity e : List.of(DefenderModel.EXPOSURE_SCORE, DefenderModel.DEVICE_SECURE_SCORE)) {
      final Reply r = client.get(e.path(), token);
      assertEquals(200, r.status(), r.body());
      final JsonNode json = r.json();
      assertEquals(emulator.baseUrl() + "/api/$metadata#" + e.entitySetName() + "/$entity",
          json.get("@odata.context").asText());
      final List<Object[]> row = rows(e);
      assertEquals(1, row.size());
      RowJson.assertMatches(e, row.get(0), json);
      assertError(client.get(e.path() + "?$top=1", token), 400, "not supported");
    }
    final double score = (Double) value(DefenderModel.EXPOSURE_SCORE, rows(DefenderModel.EXPOSURE_SCORE).get(0),
        "score");
    assertTrue(score > 0 && score < 100, "mean exposure of the devices: " + score);
    assertError(client.get("/api/exposureScore/ByMachineGroups?$filter=score gt 1", token), 400, "not supported");
  }

  @Test void machineActionsByGuidAndTheServicesOdataRules() {
    final Entity e = DefenderModel.MACHINE_ACTIONS;
    final Object[] action = rows(e).get(3);
    final String id = (String) value(e, action, "id");
    final Reply one = client.get("/api/machineactions/" + id.toUpperCase(Locale.ROOT), token);
    assertEquals(200, one.status(), one.body());
    RowJson.assertMatches(e, action, one.json());
    assertError(client.get("/api/machineactions/00000000-0000-4000-8000-000000000000", token), 404, "not found");
    assertError(client.get("/api/machineactions/not-a-guid", token), 400, "Edm.Guid");
    final Reply filtered = client.get("/api/machineactions?$filter=" + enc("type eq 'Isolate'"), token);
    assertEquals(200, filtered.status(), filtered.body());
    final long isolations = rows(e).stream().filter(a -> "Isolate".equals(value(e, a, "type"))).count();
    assertEquals(isolations, filtered.json().get("value").size());
    assertError(client.get("/api/machineactions?$filter=" + enc("title eq 'x'"), token), 400, "title");
    assertError(client.get("/api/machineactions?$filter=" + enc("nope eq 'x'"), token), 400, "nope");
    assertError(client.get("/api/machineactions?$top=10001", token), 400, "10000");
    assertError(client.get("/api/investigations/999999999", token), 404, "not found");
    final Object[] inv = rows(DefenderModel.INVESTIGATIONS).get(0);
    final Reply investigation = client.get("/api/investigations/" + value(DefenderModel.INVESTIGATIONS, inv, "id"),
        token);
    RowJson.assertMatches(DefenderModel.INVESTIGATIONS, inv, investigation.json());
  }

  @Test void ipAndDomainStatisticsCountTheDevicesOfTheRelatedAlerts() {
    final Entity evidence = DefenderModel.ALERT_EVIDENCE;
    final Instant since = NOW.minusSeconds(30L * 86_400);
    final List<Object[]> items = emulator.data().rows(evidence).toList();
    final Object[] withIp = items.stream().filter(i -> value(evidence, i, "ip_address") != null
        && ((Instant) value(evidence, i, "alert_creation_time")).isAfter(since)).findFirst().orElseThrow();
    final String ip = (String) value(evidence, withIp, "ip_address");
    final Set<Object> alertsOfIp = items.stream().filter(i -> ip.equals(value(evidence, i, "ip_address"))
        && ((Instant) value(evidence, i, "alert_creation_time")).isAfter(since))
        .map(i -> value(evidence, i, "alert_id")).collect(Collectors.toSet());
    final Set<Object> devices = emulator.data().rows(DefenderModel.ALERTS)
        .filter(a -> alertsOfIp.contains(value(DefenderModel.ALERTS, a, "id")))
        .map(a -> value(DefenderModel.ALERTS, a, "machine_id")).filter(java.util.Objects::nonNull)
        .collect(Collectors.toSet());
    final Reply r = client.get("/api/ips/" + ip + "/stats", token);
    assertEquals(200, r.status(), r.body());
    assertEquals(ip, r.json().get("ipAddress").asText());
    assertEquals(devices.size(), r.json().get("organizationPrevalence").asInt());
    assertEquals(Integer.toString(devices.size()), r.json().get("orgPrevalence").asText());
    final Object[] row = emulator.data().lookup(DefenderModel.IP_STATS, ip).findFirst().orElseThrow();
    assertEquals(devices.size(), value(DefenderModel.IP_STATS, row, "org_prevalence"));
    final Reply unseen = client.get("/api/ips/10.250.250.250/stats", token);
    assertEquals(0, unseen.json().get("organizationPrevalence").asInt());
    assertTrue(unseen.json().get("orgFirstSeen").isNull());
    assertError(client.get("/api/ips/300.1.1.1/stats", token), 400, "InvalidIpAddress");
    assertError(client.get("/api/ips/" + ip + "/stats?$select=orgFirstSeen", token), 400, "not supported");
    assertError(client.get("/api/domains/nodot/stats", token), 400, "InvalidDomainName");
    assertEquals(0, client.get("/api/domains/example.org/stats", token).json().get("organizationPrevalence").asInt());
  }

  @Test void findByTagIsExactOrAPrefixIgnoringCase() {
    final List<String> tagged = new ArrayList<>();
    for (Object[] m : machines) {
      if (((List<?>) value(MACHINES, m, "machine_tags")).stream().anyMatch("Finance"::equals)) {
        tagged.add((String) value(MACHINES, m, "id"));
      }
    }
    assertFalse(tagged.isEmpty());
    final Reply r = client.get("/api/machines/findbytag?tag=fInance&useStartsWithFilter=false", token);
    assertEquals(200, r.status(), r.body());
    assertEquals(tagged, ids(r.json()));
    assertEquals(tagged, emulator.data().lookup(DefenderModel.MACHINES_BY_TAG, "Finance")
        .map(row -> value(DefenderModel.MACHINES_BY_TAG, row, "id")).toList());
    assertEquals(List.of(), ids(client.get("/api/machines/findbytag?tag=Fin", token).json()));
    assertEquals(tagged, ids(client.get("/api/machines/findbytag?tag=Fin&useStartsWithFilter=true", token).json()));
    assertError(client.get("/api/machines/findbytag", token), 400, "tag");
  }

  @Test void findByIpKnowsWhoHeldAnAddressWhenAndRefusesOldTimes() {
    int differing = 0;
    for (Object[] m : machines) {
      final String ip = (String) value(MACHINES, m, "last_ip_address");
      final Instant lastSeen = (Instant) value(MACHINES, m, "last_seen");
      if (lastSeen == null || lastSeen.isBefore(NOW.minusSeconds(20L * 86_400))) {
        continue;
      }
      final Instant at = Instant.ofEpochSecond(lastSeen.getEpochSecond());
      final Reply r = client.get("/api/machines/findbyip(ip='" + ip + "',timestamp=" + at + ")", token);
      assertEquals(200, r.status(), r.body());
      assertTrue(ids(r.json()).contains(value(MACHINES, m, "id")), "the device holds its address when last seen");
      assertEquals(emulator.data().machinesByIp(ip, at).map(row -> value(DefenderModel.MACHINES_BY_IP, row, "id"))
          .toList(), ids(r.json()));
      final Instant earlier = NOW.minusSeconds(29L * 86_400);
      final Set<Object> then = new HashSet<>(emulator.data().machinesByIp(ip, earlier)
          .map(row -> value(DefenderModel.MACHINES_BY_IP, row, "id")).toList());
      final Set<Object> lastIp = machines.stream().filter(x -> ip.equals(value(MACHINES, x, "last_ip_address")))
          .map(x -> value(MACHINES, x, "id")).collect(Collectors.toSet());
      if (!then.equals(lastIp)) {
        differing++;
      }
    }
    assertNotEquals(0, differing, "an address names other devices a month ago than last_ip_address says");
    assertError(client.get("/api/machines/findbyip(ip='10.1.1.1',timestamp=" + NOW.minusSeconds(31L * 86_400)
        + ")", token), 400, "30 days");
    assertError(client.get("/api/machines/findbyip(ip='10.1.1.999',timestamp=" + NOW + ")", token), 400,
        "InvalidIpAddress");
  }

  private static List<Object> ids(JsonNode page) {
    final List<Object> ids = new ArrayList<>();
    page.get("value").forEach(m -> ids.add(m.get("id").asText()));
    return ids;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static void assertError(Reply r, int status, String text) {
    assertEquals(status, r.status(), r.body());
    assertTrue(r.body().contains(text), r.body() + " should contain " + text);
  }
}
