package org.defendersql.emulator.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.RowJson;
import org.defendersql.emulator.TestClient;
import org.defendersql.emulator.TestClient.Reply;
import org.defendersql.emulator.data.ServedEntities;
import org.defendersql.model.Column;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The keyed endpoints the model's lookups and statistics template name: files, file statistics, logon users, a
 * machine's alerts and the related alerts and machines of files, users, IPs and domains. Expectations are computed
 * independently from {@code EmulatorData.rows} (alerts, evidence, users), then compared with the HTTP answers and
 * with {@code EmulatorData.lookup}.
 */
class KeyedEndpointsTest {
  private static final Entity ALERTS = DefenderModel.ALERTS;
  private static final Entity MACHINES = DefenderModel.MACHINES;
  private static final Entity FILES = DefenderModel.FILES;
  private static final Entity USERS = DefenderModel.USERS;
  private static final Entity EVIDENCE = DefenderModel.ALERT_EVIDENCE;
  private static final String ODATA_JSON =
      "application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8";
  private static final int PAGE = 40;
  private static final Instant NOW = Instant.parse("2026-02-01T00:00:00Z");

  private static DefenderEmulator emulator;
  private static TestClient client;
  private static String token;
  private static List<Object[]> alerts;
  private static List<Object[]> machines;
  private static List<Object[]> evidence;
  private static List<Object[]> files;
  private static List<Object[]> users;
  private static Map<Object, List<Object[]>> evidenceByAlert;

  @BeforeAll static void start() {
    emulator = DefenderEmulator.builder().alerts(3_000).machines(150).pageSize(PAGE).now(NOW).build().start();
    client = new TestClient(emulator);
    token = client.accessToken();
    alerts = emulator.data().rows(ALERTS).toList();
    machines = emulator.data().rows(MACHINES).toList();
    evidence = emulator.data().rows(EVIDENCE).toList();
    files = emulator.data().rows(FILES).toList();
    users = emulator.data().rows(USERS).toList();
    evidenceByAlert = evidence.stream().collect(Collectors.groupingBy(e -> e[0]));
  }

  @AfterAll static void stop() {
    emulator.close();
  }

  // ---- files

  @Test void fileBySha1OrSha256InAnyCase() {
    final Object[] file = mostPrevalentFile();
    final String sha1 = (String) v(FILES, file, "sha1");
    final String sha256 = (String) v(FILES, file, "sha256");
    for (String key : List.of(sha1, sha256, sha1.toUpperCase(Locale.ROOT))) {
      final Reply r = client.get("/api/files/" + key, token);
      assertEquals(200, r.status(), r.body());
      assertEquals(ODATA_JSON, r.contentType());
      assertEquals("4.0", r.odataVersion());
      final JsonNode json = r.json();
      assertEquals(emulator.baseUrl() + "/api/$metadata#Files/$entity", json.get("@odata.context").asText());
      final List<String> expected = new ArrayList<>(List.of("@odata.context"));
      expected.addAll(RowJson.topLevelNames(ServedEntities.of(FILES)));
      assertEquals(expected, fieldNames(json), "every file property, no statistics");
      RowJson.assertMatches(ServedEntities.of(FILES), served(FILES, file), json);
    }
    final JsonNode selected = client.get("/api/files/" + sha1 + "?$select=sha1,size", token).json();
    assertEquals(List.of("@odata.context", "sha1", "size"), fieldNames(selected));
    assertEquals(emulator.baseUrl() + "/api/$metadata#Files(sha1,size)/$entity",
        selected.get("@odata.context").asText());
    assertError(client.get("/api/files/" + sha1 + "?$top=1", token), 400, "ODataError", "The query specified");
    assertError(client.get("/api/files/" + sha1 + "?$select=organizationPrevalence", token), 400, "ODataError",
        "Could not find a property named 'organizationPrevalence'");
  }

  @Test void unknownAndMalformedFiles() {
    final String unknown = "0123456789abcdef0123456789abcdef01234567";
    assertError(client.get("/api/files/" + unknown, token), 404, "ResourceNotFound",
        "File " + unknown + " was not found");
    assertError(client.get("/api/files/" + unknown + "/stats", token), 404, "ResourceNotFound", "File ");
    for (String bad : List.of("xyz", "0123456789abcdef", unknown + "0", "g123456789abcdef0123456789abcdef01234567")) {
      assertError(client.get("/api/files/" + bad, token), 400, "InvalidHashValue", "Hash value '" + bad + "'");
    }
    final Reply none = client.get("/api/files/" + unknown + "/alerts", token);
    assertEquals(200, none.status());
    assertEquals(ODATA_JSON, none.contentType());
    assertEquals(emulator.baseUrl() + "/api/$metadata#Alerts", none.json().get("@odata.context").asText());
    assertEquals(0, none.json().get("value").size());
    assertEquals(0, client.get("/api/files/" + unknown + "/machines", token).json().get("value").size());
  }

  @Test void fileStatistics() {
    final Object[] file = mostPrevalentFile();
    final String sha1 = (String) v(FILES, file, "sha1");
    final Reply r = client.get("/api/files/" + sha1 + "/stats", token);
    assertEquals(200, r.status(), r.body());
    assertEquals(ODATA_JSON, r.contentType());
    final JsonNode s = r.json();
    assertEquals(emulator.baseUrl() + "/api/$metadata#microsoft.windowsDefenderATP.api.InOrgFileStats",
        s.get("@odata.context").asText());
    assertEquals(List.of("@odata.context", "sha1", "orgPrevalence", "organizationPrevalence", "orgFirstSeen",
        "orgLastSeen", "globalPrevalence", "globallyPrevalence", "globalFirstObserved", "globalLastObserved",
        "topFileNames"), fieldNames(s));
    // Prevalence: distinct machines of the alerts of the last 30 days whose evidence names the file.
    final Instant since = NOW.minusSeconds(720 * 3600L);
    final List<Object[]> recent = alertsWhere(a -> evidenceOf(a).stream().anyMatch(e -> sha1.equals(v(EVIDENCE, e,
        "sha1"))) && !((Instant) v(ALERTS, a, "alertCreationTime")).isBefore(since));
    final long prevalence = recent.stream().map(a -> v(ALERTS, a, "machineId")).filter(Objects::nonNull)
        .distinct().count();
    assertTrue(prevalence > 1, "the file is seen on several machines");
    assertEquals(prevalence, s.get("organizationPrevalence").asLong());
    assertEquals(Long.toString(prevalence), s.get("orgPrevalence").asText());
    assertEquals(prevalence, ((Integer) v(FILES, file, "organizationPrevalence")).longValue());
    final Instant first = Instant.parse(s.get("orgFirstSeen").asText());
    final Instant last = Instant.parse(s.get("orgLastSeen").asText());
    assertEquals(0, first.getNano(), "whole seconds");
    assertEquals(((Instant) v(ALERTS, recent.get(0), "alertCreationTime")).getEpochSecond(), first.getEpochSecond());
    assertEquals(((Instant) v(ALERTS, recent.get(recent.size() - 1), "alertCreationTime")).getEpochSecond(),
        last.getEpochSecond());
    assertEquals(first, v(FILES, file, "orgFirstSeen"));
    assertEquals(last, v(FILES, file, "orgLastSeen"));
    assertEquals(v(FILES, file, "globalPrevalence"), s.get("globallyPrevalence").asLong());
    assertEquals(v(FILES, file, "globalPrevalence").toString(), s.get("globalPrevalence").asText());
    assertTrue(Instant.parse(s.get("globalFirstObserved").asText()).isBefore(first));
    final List<String> names = new ArrayList<>();
    s.get("topFileNames").forEach(n -> names.add(n.asText()));
    assertEquals(v(FILES, file, "topFileNames"), names);
    assertTrue(names.contains(recent.stream().flatMap(a -> evidenceOf(a).stream())
        .filter(e -> sha1.equals(v(EVIDENCE, e, "sha1"))).map(e -> (String) v(EVIDENCE, e, "fileName"))
        .findFirst().orElseThrow()));

    final JsonNode day = client.get("/api/files/" + sha1 + "/stats?lookBackHours=48", token).json();
    assertTrue(day.get("organizationPrevalence").asLong() <= prevalence);
    final JsonNode selected = client.get("/api/files/" + sha1 + "/stats?$select=sha1,organizationPrevalence", token)
        .json();
    assertEquals(List.of("@odata.context", "sha1", "organizationPrevalence"), fieldNames(selected));
    for (String bad : List.of("0", "721", "abc", "-5")) {
      assertError(client.get("/api/files/" + sha1 + "/stats?lookBackHours=" + bad, token), 400, "BadRequest",
          "lookBackHours");
    }
    assertError(client.get("/api/files/" + v(FILES, file, "sha256") + "/stats", token), 400, "InvalidHashValue",
        "Hash value");
    assertError(client.get("/api/files/" + sha1 + "/stats?$top=3", token), 400, "ODataError", "The query");
  }

  @Test void fileAlertsAndMachines() {
    final Object[] file = mostPrevalentFile();
    final String sha1 = (String) v(FILES, file, "sha1");
    final List<Object[]> expected = alertsWhere(a -> evidenceOf(a).stream()
        .anyMatch(e -> sha1.equals(v(EVIDENCE, e, "sha1"))));
    assertTrue(expected.size() > PAGE, "the file's alerts span pages");
    assertEquals(ids(expected), followAll("/api/files/" + sha1.toUpperCase(Locale.ROOT) + "/alerts", ALERTS));
    final JsonNode page = client.get("/api/files/" + sha1 + "/alerts?$top=3", token).json();
    for (JsonNode a : page.get("value")) {
      assertEquals(0, a.get("evidence").size(), "related collections carry no evidence");
    }
    assertEquals(machineSet(expected), new TreeSet<>(followAll("/api/files/" + sha1 + "/machines", MACHINES)));
    assertError(client.get("/api/files/" + v(FILES, file, "sha256") + "/alerts", token), 400, "InvalidHashValue",
        "Hash value");
    assertError(client.get("/api/files/" + v(FILES, file, "sha256") + "/machines", token), 400,
        "InvalidHashValue", "Hash value");
  }

  // ---- users

  @Test void userAlertsAndMachines() {
    final String account = (String) users.stream().filter(u -> ((String) v(USERS, u, "accountName"))
        .startsWith("svc_")).findFirst().map(u -> v(USERS, u, "accountName")).orElseThrow();
    final List<Object[]> expected = alertsWhere(a -> account.equals(v(ALERTS, a, "relatedUser/userName"))
        || ((List<?>) v(ALERTS, a, "loggedOnUsers")).stream().anyMatch(u -> account.equals(((Map<?, ?>) u)
        .get("accountName"))) || evidenceOf(a).stream().anyMatch(e -> account.equals(v(EVIDENCE, e, "accountName"))));
    assertFalse(expected.isEmpty());
    assertEquals(ids(expected), followAll("/api/users/" + account + "/alerts", ALERTS));
    assertEquals(ids(expected), followAll("/api/users/" + account.toUpperCase(Locale.ROOT) + "/alerts", ALERTS));
    final Set<String> loggedOn = users.stream().filter(u -> account.equals(v(USERS, u, "accountName")))
        .map(u -> (String) u[0]).collect(Collectors.toCollection(TreeSet::new));
    assertTrue(loggedOn.size() > 1, "a service account logs on to several servers");
    assertEquals(loggedOn, new TreeSet<>(followAll("/api/users/" + account + "/machines", MACHINES)));
    // The documented caveat: the path takes the bare account name, not the UPN nor domain\\account.
    for (String other : List.of(account + "@contoso.com", "contoso%5C" + account)) {
      for (String what : List.of("alerts", "machines")) {
        final Reply r = client.get("/api/users/" + other + "/" + what, token);
        assertEquals(200, r.status(), r.body());
        assertEquals(0, r.json().get("value").size(), other);
      }
    }
    assertEquals(0, client.get("/api/users/nobody-here/alerts", token).json().get("value").size());
  }

  // ---- IPs and domains

  @Test void ipAlerts() {
    final String ip = mostCommon(EVIDENCE, "ipAddress");
    final List<Object[]> expected = alertsWhere(a -> evidenceOf(a).stream().anyMatch(e -> ip.equals(v(EVIDENCE, e,
        "ipAddress"))));
    assertFalse(expected.isEmpty());
    assertEquals(ids(expected), followAll("/api/ips/" + ip + "/alerts", ALERTS));
    for (String bad : List.of("999.1.1.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1::2::3", "12345::1", "...")) {
      assertError(client.get("/api/ips/" + bad + "/alerts", token), 400, "InvalidIpAddress", "'" + bad + "'");
    }
    for (String unknown : List.of("8.8.8.8", "::1", "2001:DB8::1")) {
      final Reply r = client.get("/api/ips/" + unknown + "/alerts", token);
      assertEquals(200, r.status(), unknown + ": " + r.body());
      assertEquals(0, r.json().get("value").size());
    }
    assertEquals(404, client.get("/api/ips/" + ip + "/machines", token).status(), "no such route");
  }

  @Test void domainAlertsAndMachines() {
    final String host = mostCommon(EVIDENCE, "url", u -> URI.create(u).getHost());
    final List<Object[]> expected = alertsWhere(a -> evidenceOf(a).stream().anyMatch(e -> v(EVIDENCE, e, "url") != null
        && host.equals(URI.create((String) v(EVIDENCE, e, "url")).getHost())));
    assertFalse(expected.isEmpty());
    assertEquals(ids(expected), followAll("/api/domains/" + host.toUpperCase(Locale.ROOT) + "/alerts", ALERTS));
    assertEquals(machineSet(expected), new TreeSet<>(followAll("/api/domains/" + host + "/machines", MACHINES)));
    // A parent domain covers its subdomains; the top-level domain alone is not a domain name.
    final String parent = host.substring(host.indexOf('.') + 1);
    if (parent.contains(".")) {
      assertTrue(followAll("/api/domains/" + parent + "/alerts", ALERTS).containsAll(ids(expected)));
    }
    for (String bad : List.of("com", "-evil.com", "a..b.com", "evil.com.", "evil_.com")) {
      assertError(client.get("/api/domains/" + bad + "/alerts", token), 400, "InvalidDomainName", "'" + bad + "'");
    }
    assertEquals(0, client.get("/api/domains/nothing-here.example/alerts", token).json().get("value").size());
    assertEquals(0, client.get("/api/domains/nothing-here.example/machines", token).json().get("value").size());
  }

  // ---- machines

  @Test void logonUsersOfAMachine() {
    final String machineId = (String) users.get(0)[0];
    final List<Object[]> expected = users.stream().filter(u -> machineId.equals(u[0])).toList();
    final Reply r = client.get("/api/machines/" + machineId + "/logonusers", token);
    assertEquals(200, r.status(), r.body());
    assertEquals(ODATA_JSON, r.contentType());
    final JsonNode json = r.json();
    assertEquals(emulator.baseUrl() + "/api/$metadata#Users", json.get("@odata.context").asText());
    assertEquals(expected.size(), json.get("value").size());
    for (int i = 0; i < expected.size(); i++) {
      final JsonNode u = json.get("value").get(i);
      assertEquals(RowJson.topLevelNames(ServedEntities.of(USERS)), fieldNames(u), "no machine id in the JSON");
      RowJson.assertMatches(ServedEntities.of(USERS), served(USERS, expected.get(i)), u);
      assertEquals("contoso\\" + u.get("accountName").asText().toLowerCase(Locale.ROOT), u.get("id").asText());
      assertEquals(0, Instant.parse(u.get("firstSeen").asText()).getNano());
      assertTrue(u.get("accountSid").asText().startsWith("S-1-5-21-"));
      assertTrue(u.get("isDomainAdmin").isNull() && u.get("logOnMachinesCount").isNull());
    }
    final String unknown = "ffffffffffffffffffffffffffffffffffffffff";
    assertError(client.get("/api/machines/" + unknown + "/logonusers", token), 404, "ResourceNotFound",
        "Machine " + unknown + " was not found");
    assertError(client.get("/api/machines/" + unknown + "/alerts", token), 404, "ResourceNotFound", "Machine ");
  }

  @Test void everyAlertsLoggedOnUsersAreAmongItsMachinesLogonUsers() {
    final int machine = ALERTS.indexOf(ALERTS.property("machineId").orElseThrow());
    final int loggedOn = ALERTS.indexOf(ALERTS.property("loggedOnUsers").orElseThrow());
    for (Object[] a : alerts) {
      if (a[machine] == null) {
        continue;
      }
      final Set<String> named = ((List<?>) a[loggedOn]).stream().map(u -> (String) ((Map<?, ?>) u)
          .get("accountName")).collect(Collectors.toSet());
      final Set<String> logons = users.stream().filter(u -> a[machine].equals(u[0]))
          .map(u -> (String) v(USERS, u, "accountName")).collect(Collectors.toSet());
      assertTrue(logons.containsAll(named), "alert " + a[0]);
      assertTrue(logons.size() > named.size(), "IT staff log on too: " + a[0]);
    }
  }

  @Test void machineAlerts() {
    final String machineId = mostCommonAlertMachine();
    final List<Object[]> expected = alertsWhere(a -> machineId.equals(v(ALERTS, a, "machineId")));
    assertEquals(ids(expected), followAll("/api/machines/" + machineId + "/alerts", ALERTS));
    final String dns = (String) machines.stream().filter(m -> machineId.equals(m[0])).findFirst()
        .map(m -> v(MACHINES, m, "computerDnsName")).orElseThrow();
    assertEquals(ids(expected), followAll("/api/v1.0/Machines/" + dns + "/Alerts", ALERTS), "by computer name");
  }

  // ---- query options

  @Test void relatedCollectionsTakeTopSkipAndSelectOnly() {
    final String machineId = mostCommonAlertMachine();
    final String path = "/api/machines/" + machineId + "/alerts";
    final List<String> all = followAll(path, ALERTS);
    assertTrue(all.size() > PAGE + 5);
    final JsonNode sliced = client.get(path + "?$top=4&$skip=3", token).json();
    assertEquals(all.subList(3, 7), idsOf(sliced.get("value")));
    assertNull(sliced.get("@odata.nextLink"), "no next link with $top");
    final JsonNode skipped = client.get(path + "?$skip=2", token).json();
    assertEquals(all.subList(2, 2 + PAGE), idsOf(skipped.get("value")));
    assertEquals(emulator.baseUrl() + path + "?$skip=" + (2 + PAGE), skipped.get("@odata.nextLink").asText());
    final JsonNode selected = client.get(path + "?$top=2&$select=id,severity", token).json();
    assertEquals(emulator.baseUrl() + "/api/$metadata#Alerts(id,severity)", selected.get("@odata.context").asText());
    assertEquals(List.of("id", "severity"), fieldNames(selected.get("value").get(0)));
    final String user = (String) v(USERS, users.get(0), "accountName");
    for (String p : List.of(path, "/api/users/" + user + "/machines", "/api/machines/" + machineId + "/logonusers",
        "/api/ips/8.8.8.8/alerts")) {
      for (String option : List.of("$filter=" + q("id eq 'x'"), "$orderby=id", "$expand=evidence")) {
        assertError(client.get(p + "?" + option, token), 400, "ODataError", "The query option '$");
      }
    }
    assertError(client.get(path + "?$top=10001", token), 400, "ODataError", "The limit of '10000'");
    assertEquals(400, client.get(path + "?$select=nope", token).status());
  }

  // ---- roles

  @Test void eachEndpointNeedsItsTablesRole() {
    emulator.registerApp("cccccccc-0000-0000-0000-000000000001", "pw", Set.of("Alert.Read.All", "Machine.Read.All"));
    emulator.registerApp("cccccccc-0000-0000-0000-000000000002", "pw", Set.of("File.Read.All"));
    final String noFiles = client.accessToken("cccccccc-0000-0000-0000-000000000001", "pw");
    final String filesOnly = client.accessToken("cccccccc-0000-0000-0000-000000000002", "pw");
    final String sha1 = (String) v(FILES, mostPrevalentFile(), "sha1");
    final String machineId = (String) users.get(0)[0];
    assertError(client.get("/api/files/" + sha1, noFiles), 403, "Forbidden",
        "Missing application roles. API required roles: File.Read.All");
    assertError(client.get("/api/files/" + sha1 + "/stats", noFiles), 403, "Forbidden",
        "Missing application roles. API required roles: File.Read.All");
    assertError(client.get("/api/machines/" + machineId + "/logonusers", noFiles), 403, "Forbidden",
        "Missing application roles. API required roles: User.Read.All");
    assertEquals(200, client.get("/api/files/" + sha1 + "/alerts", noFiles).status());
    assertEquals(200, client.get("/api/files/" + sha1 + "/machines", noFiles).status());
    assertEquals(200, client.get("/api/files/" + sha1, filesOnly).status());
    assertError(client.get("/api/files/" + sha1 + "/alerts", filesOnly), 403, "Forbidden",
        "Missing application roles. API required roles: Alert.Read.All");
    assertError(client.get("/api/files/" + sha1 + "/machines", filesOnly), 403, "Forbidden",
        "Missing application roles. API required roles: Machine.Read.All");
    assertError(client.get("/api/users/x/alerts", filesOnly), 403, "Forbidden", "Missing application roles.");
    assertError(client.get("/api/domains/x.com/machines", filesOnly), 403, "Forbidden", "Missing application");
  }

  // ---- the test data API

  @Test void lookupIsWhatTheApiAnswers() {
    final Object[] file = mostPrevalentFile();
    final String sha1 = (String) v(FILES, file, "sha1");
    final String machineId = mostCommonAlertMachine();
    final String account = (String) v(USERS, users.get(0), "accountName");
    final String ip = mostCommon(EVIDENCE, "ipAddress");
    final String domain = mostCommon(EVIDENCE, "url", u -> URI.create(u).getHost());
    final String alertId = (String) alerts.get(17)[0];
    final Map<Entity, List<String>> cases = Map.ofEntries(
        Map.entry(FILES, List.of(sha1, ((String) v(FILES, file, "sha256")).toUpperCase(Locale.ROOT))),
        Map.entry(USERS, List.of(machineId, (String) users.get(0)[0])),
        Map.entry(ALERTS, List.of(alertId)),
        Map.entry(MACHINES, List.of(machineId)),
        Map.entry(DefenderModel.FILE_ALERTS, List.of(sha1)),
        Map.entry(DefenderModel.FILE_MACHINES, List.of(sha1)),
        Map.entry(DefenderModel.USER_ALERTS, List.of(account)),
        Map.entry(DefenderModel.USER_MACHINES, List.of(account)),
        Map.entry(DefenderModel.IP_ALERTS, List.of(ip)),
        Map.entry(DefenderModel.DOMAIN_ALERTS, List.of(domain)),
        Map.entry(DefenderModel.DOMAIN_MACHINES, List.of(domain)));
    cases.forEach((table, keys) -> {
      for (String key : keys) {
        final List<Object[]> rows = emulator.data().lookup(table, key).toList();
        final String path = table.lookups().get(0).path(key) + (table.lookups().get(0).single() ? "" : "?$top=10000");
        final JsonNode json = client.get(path, token).json();
        final List<JsonNode> answered = new ArrayList<>();
        if (table.lookups().get(0).single()) {
          answered.add(json);
        } else {
          json.get("value").forEach(answered::add);
        }
        assertEquals(answered.size(), rows.size(), table.tableName() + " " + key);
        assertFalse(rows.isEmpty(), table.tableName() + " " + key);
        for (int i = 0; i < rows.size(); i++) {
          RowJson.assertMatches(ServedEntities.of(table), served(table, rows.get(i)), answered.get(i));
          for (Column c : table.columns()) {
            if (c.origin() == org.defendersql.model.Origin.KEY) {
              assertEquals(key, rows.get(i)[table.indexOf(c)]);
            }
          }
        }
      }
    });
    assertEquals(1, emulator.data().lookup(FILES, sha1).count());
    assertTrue(java.util.Arrays.deepEquals(files.stream().filter(f -> sha1.equals(f[0])).findFirst().orElseThrow(),
        emulator.data().lookup(FILES, sha1).findFirst().orElseThrow()), "lookup and rows agree on a file");
    assertEquals(evidenceOf(alerts.get(17)).size(), emulator.data().lookup(EVIDENCE, alertId).count());
    for (Entity table : List.of(FILES, ALERTS, MACHINES, USERS, DefenderModel.FILE_ALERTS, DefenderModel.IP_ALERTS)) {
      assertEquals(0, emulator.data().lookup(table, "0000000000000000000000000000000000000000").count());
      assertEquals(0, emulator.data().lookup(table, "not a key!").count());
    }
  }

  @Test void filesUsersAndEvidenceRowsAreConsistentWithAlerts() {
    final int evidenceIndex = ALERTS.indexOf(ALERTS.property("evidence").orElseThrow());
    assertEquals(alerts.stream().mapToInt(a -> ((List<?>) a[evidenceIndex]).size()).sum(), evidence.size());
    int at = 0;
    for (Object[] a : alerts) {
      for (Object item : (List<?>) a[evidenceIndex]) {
        final Object[] e = evidence.get(at++);
        assertEquals(a[0], e[0]);
        assertEquals(v(ALERTS, a, "alertCreationTime"), e[1]);
        assertEquals(((Map<?, ?>) item).get("sha1"), v(EVIDENCE, e, "sha1"));
      }
    }
    // Every hash of evidence is a file of the pool, with the same SHA-256.
    final Map<String, Object[]> bySha1 = files.stream().collect(Collectors.toMap(f -> (String) f[0], f -> f));
    for (Object[] e : evidence) {
      final String sha1 = (String) v(EVIDENCE, e, "sha1");
      if (sha1 != null) {
        assertTrue(bySha1.containsKey(sha1), sha1);
        assertEquals(v(EVIDENCE, e, "sha256"), v(FILES, bySha1.get(sha1), "sha256"));
      }
    }
    for (Object[] f : files) {
      assertTrue(((String) v(FILES, f, "md5")).matches("[0-9a-f]{32}"));
      final String determination = (String) v(FILES, f, "determinationType");
      assertTrue(List.of("Malware", "Unwanted", "Pua", "Clean").contains(determination), determination);
      if ("Microsoft Windows".equals(v(FILES, f, "signer"))) {
        assertEquals("Clean", determination);
        assertEquals(Boolean.TRUE, v(FILES, f, "isValidCertificate"));
      }
      assertTrue((Long) v(FILES, f, "globalPrevalence") > 0);
    }
    assertTrue(files.stream().anyMatch(f -> "Malware".equals(v(FILES, f, "determinationType"))));
    assertTrue(files.stream().anyMatch(f -> "Clean".equals(v(FILES, f, "determinationType"))));
    // Several users per machine somewhere; every user row names an existing machine.
    final Set<Object> machineIds = machines.stream().map(m -> m[0]).collect(Collectors.toSet());
    assertTrue(users.stream().allMatch(u -> machineIds.contains(u[0])));
    assertTrue(users.stream().collect(Collectors.groupingBy(u -> u[0], Collectors.counting())).values().stream()
        .anyMatch(n -> n > 1));
    assertTrue(users.stream().map(u -> v(USERS, u, "logonTypes")).collect(Collectors.toSet())
        .containsAll(List.of("Interactive", "Network", "RemoteInteractive", "Interactive, Network")));
    // Logons fall within the machine's own first and last seen; an account has one SID everywhere.
    final Map<Object, Object[]> machineById = machines.stream().collect(Collectors.toMap(m -> m[0], m -> m));
    final Map<String, String> sids = new java.util.HashMap<>();
    for (Object[] u : users) {
      final Object[] m = machineById.get(u[0]);
      final Instant first = (Instant) v(USERS, u, "firstSeen");
      final Instant last = (Instant) v(USERS, u, "lastSeen");
      assertFalse(first.isAfter(last));
      assertFalse(first.isBefore((Instant) v(MACHINES, m, "firstSeen")), "first logon after the first report");
      assertFalse(last.isAfter((Instant) v(MACHINES, m, "lastSeen")), "last logon before the last report");
      assertEquals(v(USERS, u, "accountSid"), sids.computeIfAbsent((String) v(USERS, u, "accountName"),
          a -> (String) v(USERS, u, "accountSid")));
    }
    for (Object[] e : evidence) {
      final String account = (String) v(EVIDENCE, e, "accountName");
      if (account != null && sids.containsKey(account)) {
        assertEquals(sids.get(account), v(EVIDENCE, e, "userSid"));
      }
      if (v(EVIDENCE, e, "userPrincipalName") != null) {
        assertEquals(account + "@contoso.com", v(EVIDENCE, e, "userPrincipalName"));
      }
    }
  }

  // ---- helpers

  private static Object v(Entity e, Object[] row, String jsonPath) {
    for (Column c : e.columns()) {
      if (String.join("/", c.jsonPath()).equals(jsonPath)) {
        return row[e.indexOf(c)];
      }
    }
    throw new IllegalArgumentException(e.tableName() + " has no " + jsonPath);
  }

  /** The served JSON's values of a table's row (its properties, or the related table's target columns). */
  private static Object[] served(Entity table, Object[] row) {
    final Entity s = ServedEntities.of(table);
    return s.columns().stream().map(c -> row[table.indexOf(table.column(c.sqlName()).orElseThrow())]).toArray();
  }

  private static List<Object[]> evidenceOf(Object[] alert) {
    return evidenceByAlert.getOrDefault(alert[0], List.of());
  }

  private static List<Object[]> alertsWhere(java.util.function.Predicate<Object[]> p) {
    return alerts.stream().filter(p).toList();
  }

  private static Object[] mostPrevalentFile() {
    return files.stream().max(java.util.Comparator.comparing(f -> (Integer) v(FILES, f, "organizationPrevalence")))
        .orElseThrow();
  }

  private static String mostCommonAlertMachine() {
    return mostCommon(ALERTS, "machineId", x -> x, alerts);
  }

  private static String mostCommon(Entity e, String path) {
    return mostCommon(e, path, x -> x);
  }

  private static String mostCommon(Entity e, String path, java.util.function.Function<String, String> f) {
    return mostCommon(e, path, f, evidence);
  }

  private static String mostCommon(Entity e, String path, java.util.function.Function<String, String> f,
      List<Object[]> rows) {
    return rows.stream().map(r -> (String) v(e, r, path)).filter(Objects::nonNull).map(f)
        .collect(Collectors.groupingBy(x -> x, Collectors.counting())).entrySet().stream()
        .max(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey())).orElseThrow()
        .getKey();
  }

  private static Set<String> machineSet(List<Object[]> alertRows) {
    return alertRows.stream().map(a -> (String) v(ALERTS, a, "machineId")).filter(Objects::nonNull)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static String q(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static void assertError(Reply r, int status, String code, String messageStart) {
    assertEquals(status, r.status(), r.body());
    assertEquals("application/json; charset=utf-8", r.contentType());
    assertNull(r.odataVersion(), "errors carry no OData-Version");
    final JsonNode error = r.json().get("error");
    assertEquals(code, error.get("code").asText(), r.body());
    assertTrue(error.get("message").asText().startsWith(messageStart), error.get("message").asText());
    assertEquals(r.requestId(), error.get("target").asText());
  }

  /** Every id of a keyed collection, following next links; only full pages have one. */
  private static List<String> followAll(String first, Entity entity) {
    final TestClient.Pages pages = client.followNextLinks(first, token, PAGE);
    assertTrue(pages.first().get("@odata.context").asText().endsWith("#" + entity.entitySetName()));
    return pages.ids();
  }

  private static List<String> ids(List<Object[]> rows) {
    return rows.stream().map(r -> (String) r[0]).toList();
  }

  private static List<String> idsOf(JsonNode array) {
    final List<String> ids = new ArrayList<>();
    array.forEach(n -> ids.add(n.get("id").asText()));
    return ids;
  }

  private static List<String> fieldNames(JsonNode node) {
    final List<String> names = new ArrayList<>();
    final Iterator<String> it = node.fieldNames();
    it.forEachRemaining(names::add);
    return names;
  }
}
