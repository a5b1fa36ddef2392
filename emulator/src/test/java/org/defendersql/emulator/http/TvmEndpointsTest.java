package org.defendersql.emulator.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.TestClient;
import org.defendersql.emulator.TestClient.Reply;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The vulnerability management endpoints: the same machine, product version and CVE facts in every table
 * (machine_vulnerabilities, the machine references of a CVE, a machine's CVEs, the export, the counts of
 * vulnerabilities and software), the OData rules ($top at most 8,000 on vulnerabilities, non-filterable
 * properties refused), the export's paging by pageSize and $skiptoken, its changes since a time, and its own quota.
 */
class TvmEndpointsTest {
  private static final Instant NOW = Instant.parse("2026-02-01T00:00:00Z");
  private static final int PAGE = 40;
  private static DefenderEmulator emulator;
  private static TestClient client;
  private static String token;
  private static List<Object[]> pairs;
  private static List<Object[]> export;

  @BeforeAll static void start() {
    emulator = DefenderEmulator.builder().machines(120).alerts(200).pageSize(PAGE).now(NOW).exportQuota(40,
        Duration.ofMinutes(1)).build().start();
    client = new TestClient(emulator);
    token = client.accessToken();
    pairs = emulator.data().rows(DefenderModel.MACHINE_VULNERABILITIES).toList();
    export = emulator.data().rows(DefenderModel.SOFTWARE_VULNERABILITY_EXPORT).toList();
  }

  @AfterAll static void stop() {
    emulator.close();
  }

  private static Object v(Entity e, Object[] row, String column) {
    return row[e.indexOf(e.column(column).orElseThrow())];
  }

  @Test void everyTableHoldsTheSameMachineAndCveFacts() {
    final Entity mv = DefenderModel.MACHINE_VULNERABILITIES;
    final Entity ex = DefenderModel.SOFTWARE_VULNERABILITY_EXPORT;
    assertTrue(pairs.size() > 50, "pairs: " + pairs.size());
    final Set<String> fromPairs = pairs.stream().map(r -> v(mv, r, "machine_id") + "|" + v(mv, r, "cve_id") + "|"
        + v(mv, r, "product_vendor") + "|" + v(mv, r, "product_name") + "|" + v(mv, r, "product_version"))
        .collect(Collectors.toCollection(TreeSet::new));
    final Set<String> fromExport = export.stream().filter(r -> v(ex, r, "cve_id") != null).map(r -> v(ex, r,
        "device_id") + "|" + v(ex, r, "cve_id") + "|" + v(ex, r, "software_vendor") + "|" + v(ex, r, "software_name")
        + "|" + v(ex, r, "software_version")).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(fromPairs, fromExport);
    assertEquals(pairs.size(), fromPairs.size(), "one row per machine, product version and CVE");
    final Map<Object, Set<Object>> machinesByCve = pairs.stream().collect(Collectors.groupingBy(r -> v(mv, r,
        "cve_id"), Collectors.mapping(r -> v(mv, r, "machine_id"), Collectors.toCollection(TreeSet::new))));
    final List<Object[]> vulnerabilities = emulator.data().rows(DefenderModel.VULNERABILITIES).toList();
    assertEquals(machinesByCve.keySet(), vulnerabilities.stream().map(r -> r[0]).collect(Collectors.toSet()));
    for (Object[] cve : vulnerabilities) {
      final Set<Object> machines = machinesByCve.get(cve[0]);
      assertEquals((long) machines.size(), v(DefenderModel.VULNERABILITIES, cve, "exposed_machines"));
      final Set<Object> refs = emulator.data().lookup(DefenderModel.CVE_MACHINES, (String) cve[0])
          .map(r -> v(DefenderModel.CVE_MACHINES, r, "id")).collect(Collectors.toCollection(TreeSet::new));
      assertEquals(machines, refs, "machine references of " + cve[0]);
      for (Object m : machines) {
        assertTrue(emulator.data().lookup(DefenderModel.MACHINE_CVES, (String) m).anyMatch(r -> r[1].equals(cve[0])),
            m + " lists " + cve[0]);
      }
    }
    // software: installed and exposed counts are the export's devices
    for (Object[] s : emulator.data().rows(DefenderModel.SOFTWARE).toList()) {
      final Entity sw = DefenderModel.SOFTWARE;
      final Set<Object> installed = export.stream().filter(r -> (v(ex, r, "software_vendor") + "-_-"
          + v(ex, r, "software_name")).equals(s[0])).map(r -> v(ex, r, "device_id")).collect(Collectors.toSet());
      final Set<Object> exposed = export.stream().filter(r -> (v(ex, r, "software_vendor") + "-_-"
          + v(ex, r, "software_name")).equals(s[0]) && v(ex, r, "cve_id") != null).map(r -> v(ex, r, "device_id"))
          .collect(Collectors.toSet());
      assertEquals((long) installed.size(), v(sw, s, "installed_machines"), (String) s[0]);
      assertEquals((long) exposed.size(), v(sw, s, "exposed_machines"), (String) s[0]);
      assertEquals(installed, emulator.data().lookup(DefenderModel.SOFTWARE_MACHINES, (String) s[0])
          .map(r -> r[1]).collect(Collectors.toSet()));
    }
    // the machines are the tenant's
    final Set<Object> machineIds = emulator.data().rows(DefenderModel.MACHINES).map(r -> r[0])
        .collect(Collectors.toSet());
    assertTrue(machineIds.containsAll(pairs.stream().map(r -> v(mv, r, "machine_id")).toList()));
    // recommendations and remediation tasks reference exposed software
    final Set<Object> software = emulator.data().rows(DefenderModel.SOFTWARE).map(r -> r[0])
        .collect(Collectors.toSet());
    final List<Object[]> tasks = emulator.data().rows(DefenderModel.REMEDIATION_TASKS).toList();
    assertFalse(tasks.isEmpty());
    for (Object[] t : tasks) {
      assertTrue(software.contains(v(DefenderModel.REMEDIATION_TASKS, t, "product_id")));
    }
    for (Object[] r : emulator.data().rows(DefenderModel.RECOMMENDATIONS).toList()) {
      assertTrue(software.contains(((String) r[0]).substring("va-_-".length())), (String) r[0]);
    }
  }

  @Test void advancedHuntingShowsTheSameSoftwareAndCves() {
    final org.defendersql.model.hunting.HuntingTable vul =
        org.defendersql.model.hunting.HuntingModel.DEVICE_TVM_SOFTWARE_VULNERABILITIES;
    final List<String> names = vul.columns().stream().map(c -> c.name()).toList();
    final Set<String> hunting = emulator.hunting().rows(vul).map(r -> r[names.indexOf("DeviceId")] + "|"
        + r[names.indexOf("CveId")] + "|" + r[names.indexOf("SoftwareVendor")] + "|"
        + r[names.indexOf("SoftwareName")] + "|" + r[names.indexOf("SoftwareVersion")])
        .collect(Collectors.toCollection(TreeSet::new));
    final Entity mv = DefenderModel.MACHINE_VULNERABILITIES;
    final Set<String> api = pairs.stream().map(r -> v(mv, r, "machine_id") + "|" + v(mv, r, "cve_id") + "|"
        + v(mv, r, "product_vendor") + "|" + v(mv, r, "product_name") + "|" + v(mv, r, "product_version"))
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(api, hunting);
    final org.defendersql.model.hunting.HuntingTable inv =
        org.defendersql.model.hunting.HuntingModel.DEVICE_TVM_SOFTWARE_INVENTORY;
    final List<String> invNames = inv.columns().stream().map(c -> c.name()).toList();
    final Entity ex = DefenderModel.SOFTWARE_VULNERABILITY_EXPORT;
    final Set<String> exported = export.stream().map(r -> v(ex, r, "device_id") + "|" + v(ex, r, "software_name")
        + "|" + v(ex, r, "software_version")).collect(Collectors.toCollection(TreeSet::new));
    final Set<String> inventory = emulator.hunting().rows(inv).map(r -> r[invNames.indexOf("DeviceId")] + "|"
        + r[invNames.indexOf("SoftwareName")] + "|" + r[invNames.indexOf("SoftwareVersion")])
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(exported, inventory);
  }

  @Test void oDataRulesOfTheVulnerabilities() {
    assertEquals(400, client.get("/api/vulnerabilities?$top=8001", token).status());
    assertEquals(200, client.get("/api/vulnerabilities?$top=8000", token).status());
    final Reply nonFilterable = client.get("/api/vulnerabilities?$filter=exposedMachines%20gt%201", token);
    assertEquals(400, nonFilterable.status(), nonFilterable.body());
    final JsonNode critical = client.get("/api/vulnerabilities?$filter=severity%20eq%20'Critical'", token).json();
    final long expected = emulator.data().rows(DefenderModel.VULNERABILITIES).filter(r -> "Critical".equals(r[3]))
        .count();
    assertTrue(expected > 0);
    assertEquals(expected, critical.get("value").size());
    final Reply one = client.get("/api/vulnerabilities/cve-2024-38063", token);
    assertEquals(200, one.status(), one.body());
    assertEquals("CVE-2024-38063", one.json().get("id").asText());
    assertEquals(emulator.baseUrl() + "/api/$metadata#Vulnerabilities/$entity",
        one.json().get("@odata.context").asText());
    assertEquals(404, client.get("/api/vulnerabilities/CVE-1999-0001", token).status());
    assertEquals(404, client.get("/api/vulnerabilities/CVE-1999-0001/machineReferences", token).status());
    final Reply byMachine = client.get("/api/vulnerabilities/machinesVulnerabilities?$filter=machineId%20eq%20'"
        + v(DefenderModel.MACHINE_VULNERABILITIES, pairs.get(0), "machine_id") + "'", token);
    assertEquals(pairs.stream().filter(r -> r[2].equals(pairs.get(0)[2])).count(),
        byMachine.json().get("value").size());
    assertEquals(400, client.get("/api/Software/google-_-chrome/vulnerabilities?$filter=id%20eq%20'x'", token)
        .status());
  }

  @Test void theExportPagesByPageSizeAndSkipToken() {
    final Reply first = client.get("/api/machines/SoftwareVulnerabilitiesByMachine?pageSize=25", token);
    assertEquals(200, first.status(), first.body());
    assertEquals(emulator.baseUrl() + "/api/$metadata#Collection(microsoft.windowsDefenderATP.api."
        + "AssetVulnerability)", first.json().get("@odata.context").asText());
    final List<String> ids = new ArrayList<>();
    JsonNode page = first.json();
    int pages = 1;
    while (true) {
      page.get("value").forEach(r -> ids.add(r.get("id").asText()));
      if (!page.has("@odata.nextLink")) {
        break;
      }
      final String next = page.get("@odata.nextLink").asText();
      assertTrue(next.contains("pageSize=25&$skiptoken="), next);
      assertEquals(25, page.get("value").size());
      page = client.getUrl(next, token).json();
      pages++;
    }
    assertEquals(export.stream().map(r -> (String) r[0]).toList(), ids);
    assertEquals((export.size() + 24) / 25, pages);
    // The emulator's page size caps a larger pageSize; $top gives that many rows and no next link.
    final JsonNode big = client.get("/api/machines/SoftwareVulnerabilitiesByMachine", token).json();
    assertEquals(PAGE, big.get("value").size());
    final JsonNode top = client.get("/api/machines/SoftwareVulnerabilitiesByMachine?$top=5", token).json();
    assertEquals(5, top.get("value").size());
    assertFalse(top.has("@odata.nextLink"));
    for (String bad : List.of("pageSize=0", "pageSize=200001", "$filter=cveId%20eq%20'x'", "$skip=3",
        "$select=id", "$skiptoken=abc")) {
      assertEquals(400, client.get("/api/machines/SoftwareVulnerabilitiesByMachine?" + bad, token).status(), bad);
    }
  }

  @Test void changesSinceATimeCountFromTheStartOfItsSixHourPeriod() {
    final Entity ch = DefenderModel.SOFTWARE_VULNERABILITY_CHANGES;
    assertEquals(400, client.get("/api/machines/SoftwareVulnerabilityChangesByMachine", token).status());
    assertEquals(400, client.get("/api/machines/SoftwareVulnerabilityChangesByMachine?sinceTime=yesterday", token)
        .status());
    final String since = "2026-01-20T14:35:49.924Z";
    final List<Object[]> rows = emulator.data().lookup(ch, since).toList();
    final List<Object[]> all = emulator.data().lookup(ch, "2025-01-01").toList();
    assertTrue(rows.size() > 0 && rows.size() < all.size(), rows.size() + " of " + all.size());
    final String periodStart = "2026-01-20 12:00:00";
    for (Object[] r : all) {
      final String at = (String) v(ch, r, "event_timestamp");
      assertEquals(at.compareTo(periodStart) >= 0, rows.stream().anyMatch(x -> Arrays.equals(
          Arrays.copyOfRange(x, 1, x.length), Arrays.copyOfRange(r, 1, r.length))), at);
      assertTrue(Set.of("New", "Fixed", "Updated").contains(v(ch, r, "status")));
    }
    // A fixed CVE is no longer in the snapshot.
    final Entity ex = DefenderModel.SOFTWARE_VULNERABILITY_EXPORT;
    final Set<String> snapshot = export.stream().map(r -> v(ex, r, "id") + "").collect(Collectors.toSet());
    assertTrue(all.stream().anyMatch(r -> "Fixed".equals(v(ch, r, "status"))));
    assertTrue(all.stream().anyMatch(r -> "Updated".equals(v(ch, r, "status"))));
    for (Object[] r : all) {
      if ("Fixed".equals(v(ch, r, "status"))) {
        assertFalse(snapshot.contains((String) v(ch, r, "id")), (String) v(ch, r, "id"));
      } else {
        // A finding New or Updated is still there, unless a later change fixed it.
        assertTrue(snapshot.contains((String) v(ch, r, "id")) || all.stream().anyMatch(x -> "Fixed".equals(v(ch, x,
            "status")) && x[1].equals(r[1])), "still there or fixed: " + v(ch, r, "id"));
      }
    }
    final Reply http = client.get("/api/machines/SoftwareVulnerabilityChangesByMachine?sinceTime="
        + since.replace(":", "%3A") + "&pageSize=7", token);
    assertEquals(200, http.status(), http.body());
    assertEquals(Math.min(7, rows.size()), http.json().get("value").size());
    assertEquals(rows.get(0)[1], http.json().get("value").get(0).get("id").asText());
    assertNull(http.json().get("value").get(0).get("sinceTime"));
    DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSS").withZone(ZoneOffset.UTC)
        .parse(http.json().get("value").get(0).get("eventTimestamp").asText());
  }

  @Test void theExportHasItsOwnQuota() {
    final DefenderEmulator limited = DefenderEmulator.builder().machines(20).alerts(10).now(NOW)
        .exportQuota(3, Duration.ofMinutes(1)).quota(100, Duration.ofMinutes(1)).build().start();
    try {
      final TestClient c = new TestClient(limited);
      final String t = c.accessToken();
      for (int i = 0; i < 3; i++) {
        assertEquals(200, c.get("/api/machines/SoftwareVulnerabilitiesByMachine?$top=1", t).status());
      }
      final Reply refused = c.get("/api/machines/SoftwareVulnerabilityChangesByMachine?sinceTime=2026-01-01", t);
      assertEquals(429, refused.status());
      assertTrue(refused.body().contains("maximum allowed 3 per 00:01:00"), refused.body());
      assertEquals(200, c.get("/api/vulnerabilities?$top=1", t).status(), "the other APIs' quota is apart");
      // Antivirus health is documented with the export APIs' limits and spends the same budget.
      assertEquals(429, c.get(DefenderModel.DEVICE_AV_HEALTH.path() + "?$top=1", t).status());
      assertEquals("3/60s", limited.environment().get("DEFENDER_EXPORT_RATE_LIMITS"));
    } finally {
      limited.close();
    }
    final List<String> real = DefenderEmulator.builder().realExportQuotas().build().exportQuotas().stream()
        .map(q -> q.limit() + "/" + q.window()).toList();
    assertEquals(List.of("30/PT1M", "1000/PT1H"), real);
  }

  @Test void theDataIsDeterministicInTheSeed() {
    try (DefenderEmulator again = DefenderEmulator.builder().machines(120).alerts(200).now(NOW).build().start()) {
      for (Entity e : List.of(DefenderModel.VULNERABILITIES, DefenderModel.MACHINE_VULNERABILITIES,
          DefenderModel.SOFTWARE, DefenderModel.RECOMMENDATIONS, DefenderModel.REMEDIATION_TASKS,
          DefenderModel.SOFTWARE_VULNERABILITY_EXPORT)) {
        final List<Object[]> a = emulator.data().rows(e).toList();
        final List<Object[]> b = again.data().rows(e).toList();
        assertEquals(a.size(), b.size(), e.tableName());
        for (int i = 0; i < a.size(); i++) {
          assertTrue(Arrays.deepEquals(a.get(i), b.get(i)), e.tableName() + " row " + i);
        }
      }
    }
  }
}
