package org.defendersql.emulator.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.RecordedRequest;
import org.defendersql.emulator.RowJson;
import org.defendersql.emulator.TestClient;
import org.defendersql.emulator.TestClient.Reply;
import org.defendersql.model.Column;
import org.defendersql.model.DefenderEnums;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Defender API over HTTPS: auth, routes, formats, query options and paging against the emulator's data. */
class ApiTest {
  private static final Entity ALERTS = DefenderModel.ALERTS;
  private static final Entity MACHINES = DefenderModel.MACHINES;
  private static final String ODATA_JSON =
      "application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8";
  private static final int PAGE = 37;

  private static DefenderEmulator emulator;
  private static TestClient client;
  private static String token;
  private static List<Object[]> alerts;
  private static List<Object[]> machines;

  @BeforeAll static void start() {
    emulator = DefenderEmulator.builder().alerts(400).machines(60).pageSize(PAGE)
        .now(Instant.parse("2026-02-01T00:00:00Z")).build().start();
    client = new TestClient(emulator);
    token = client.accessToken();
    alerts = emulator.data().rows(ALERTS).toList();
    machines = emulator.data().rows(MACHINES).toList();
  }

  @AfterAll static void stop() {
    emulator.close();
  }

  private static String q(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static Object value(Entity entity, Object[] row, String jsonName) {
    return row[entity.indexOf(entity.property(jsonName).orElseThrow())];
  }

  private static void assertError(Reply r, int status, String code, String messageStart) {
    assertEquals(status, r.status(), r.body());
    assertEquals("application/json; charset=utf-8", r.contentType());
    assertNull(r.odataVersion(), "errors carry no OData-Version");
    final JsonNode error = r.json().get("error");
    assertEquals(code, error.get("code").asText());
    assertTrue(error.get("message").asText().startsWith(messageStart), error.get("message").asText());
    assertEquals(r.requestId(), error.get("target").asText());
    assertTrue(r.requestId().matches("\\|[0-9a-f]{8}-[0-9a-f]{16}\\."), r.requestId());
  }

  // ---- authentication and authorization

  @Test void missingOrBadTokenIs401() {
    assertError(client.get("/api/alerts", null), 401, "Unauthorized", "Authorization header is missing");
    assertError(client.get("/api/alerts", "abc.def.ghi"), 401, "Unauthorized", "The access token is malformed.");
    final String tampered = token.substring(0, token.length() - 3) + (token.endsWith("AAA") ? "BBB" : "AAA");
    assertError(client.get("/api/machines", tampered), 401, "Unauthorized", "The access token signature");
  }

  @Test void expiredTokenIs401() throws Exception {
    try (DefenderEmulator shortLived = DefenderEmulator.builder().alerts(1).machines(1)
        .tokenLifetime(java.time.Duration.ofSeconds(1)).build().start()) {
      final TestClient c = new TestClient(shortLived);
      final String t = c.accessToken();
      Thread.sleep(2_100);
      assertError(c.get("/api/alerts", t), 401, "Unauthorized", "The access token has expired.");
    }
  }

  @Test void tokenOfAnotherEmulatorIs401() {
    try (DefenderEmulator other = DefenderEmulator.builder().alerts(1).machines(1).build().start()) {
      final String foreign = new TestClient(other).accessToken();
      assertEquals(401, client.get("/api/alerts", foreign).status());
    }
  }

  @Test void missingRoleIs403() {
    emulator.registerApp("bbbbbbbb-0000-0000-0000-000000000001", "pw", Set.of("Machine.Read.All"));
    final String machinesOnly = client.accessToken("bbbbbbbb-0000-0000-0000-000000000001", "pw");
    assertError(client.get("/api/alerts", machinesOnly), 403, "Forbidden",
        "Missing application roles. API required roles: Alert.Read.All");
    assertError(client.get("/api/alerts/$count", machinesOnly), 403, "Forbidden", "Missing application roles.");
    assertEquals(200, client.get("/api/machines?$top=1", machinesOnly).status());
  }

  // ---- routes

  @Test void unknownRoutesAre404WithAnEmptyBody() {
    for (String path : List.of("/api/ips/1.2.3.4/machines", "/api/domains/x.com", "/api", "/nothing",
        "/api/alerts/x/files", "/api/v2.0/alerts")) {
      final Reply r = client.get(path, token);
      assertEquals(404, r.status(), path);
      assertEquals("", r.body(), path);
    }
  }

  @Test void otherMethodsAre405() {
    final Reply r = client.execute(new Request.Builder().url(emulator.baseUrl() + "/api/alerts")
        .header("Authorization", "Bearer " + token).post(RequestBody.create(new byte[0])).build());
    assertEquals(405, r.status());
  }

  @Test void versionedPrefixAndCaseInsensitiveSegments() {
    assertEquals(200, client.get("/api/v1.0/alerts?$top=1", token).status());
    assertEquals(200, client.get("/api/Machines?$top=1", token).status());
  }

  @Test void unknownKeysAre404Json() {
    assertError(client.get("/api/alerts/da637472900382838869_1364969609", token), 404, "ResourceNotFound",
        "Alert da637472900382838869_1364969609 was not found");
    assertError(client.get("/api/machines/nope", token), 404, "ResourceNotFound", "Machine nope was not found");
  }

  // ---- formats

  @Test void collectionFormat() {
    final Reply r = client.get("/api/alerts?$top=3", token);
    assertEquals(200, r.status());
    assertEquals(ODATA_JSON, r.contentType());
    assertEquals("4.0", r.odataVersion());
    final JsonNode json = r.json();
    assertEquals(emulator.baseUrl() + "/api/$metadata#Alerts", json.get("@odata.context").asText());
    assertEquals(List.of("@odata.context", "value"), fieldNames(json));
    assertEquals(3, json.get("value").size());
    for (int i = 0; i < 3; i++) {
      final JsonNode alert = json.get("value").get(i);
      assertEquals(RowJson.topLevelNames(ALERTS), fieldNames(alert), "every property, in model order");
      assertEquals(0, alert.get("evidence").size(), "evidence only with $expand");
      final Object[] expected = emulator.data().rows(ALERTS).skip(i).findFirst().orElseThrow();
      expected[ALERTS.indexOf(ALERTS.property("evidence").orElseThrow())] = List.of();
      RowJson.assertMatches(ALERTS, expected, alert);
    }
  }

  @Test void everyAlertAndMachineMatchesItsRow() {
    final JsonNode alertPage = client.get("/api/alerts?$top=400&$expand=evidence", token).json().get("value");
    assertEquals(alerts.size(), alertPage.size());
    int withEvidence = 0;
    for (int i = 0; i < alerts.size(); i++) {
      RowJson.assertMatches(ALERTS, alerts.get(i), alertPage.get(i));
      withEvidence += alertPage.get(i).get("evidence").size() > 0 ? 1 : 0;
    }
    assertEquals(alerts.size(), withEvidence, "every alert has evidence");
    final JsonNode machinePage = client.get("/api/machines", token).json().get("value");
    assertEquals(PAGE, machinePage.size());
    for (int i = 0; i < PAGE; i++) {
      RowJson.assertMatches(MACHINES, machines.get(i), machinePage.get(i));
    }
  }

  @Test void nestedObjectsAreNullWhenEmpty() {
    final JsonNode page = client.get("/api/machines?$top=60", token).json().get("value");
    boolean sawNull = false;
    boolean sawObject = false;
    for (JsonNode m : page) {
      sawNull |= m.get("vmMetadata").isNull();
      sawObject |= m.get("vmMetadata").isObject() && m.get("vmMetadata").get("cloudProvider").asText().equals("Azure");
    }
    assertTrue(sawNull && sawObject);
  }

  @Test void singleEntities() {
    final Object[] alert = alerts.get(123);
    final String id = (String) value(ALERTS, alert, "id");
    final Reply r = client.get("/api/alerts/" + id, token);
    assertEquals(200, r.status(), r.body());
    assertEquals(ODATA_JSON, r.contentType());
    assertEquals("4.0", r.odataVersion());
    final JsonNode json = r.json();
    assertEquals(emulator.baseUrl() + "/api/$metadata#Alerts/$entity", json.get("@odata.context").asText());
    RowJson.assertMatches(ALERTS, alert, json);
    assertTrue(json.get("evidence").size() > 0, "a single alert carries evidence without $expand");

    final Object[] machine = machines.get(7);
    final String machineId = (String) value(MACHINES, machine, "id");
    final String dns = (String) value(MACHINES, machine, "computerDnsName");
    for (String key : List.of(machineId, machineId.toUpperCase(), dns, dns.toUpperCase())) {
      final JsonNode m = client.get("/api/machines/" + key, token).json();
      assertEquals(emulator.baseUrl() + "/api/$metadata#Machines/$entity", m.get("@odata.context").asText());
      RowJson.assertMatches(MACHINES, machine, m);
    }
    final JsonNode selected = client.get("/api/alerts/" + id + "?$select=id,severity", token).json();
    assertEquals(List.of("@odata.context", "id", "severity"), fieldNames(selected));
    assertEquals(400, client.get("/api/alerts/" + id + "?$top=1", token).status());
  }

  @Test void countSegment() {
    final Reply all = client.get("/api/alerts/$count", token);
    assertEquals(200, all.status());
    assertTrue(all.contentType().startsWith("text/plain"), all.contentType());
    assertEquals("400", all.body());
    final long newAlerts = alerts.stream().filter(a -> "New".equals(value(ALERTS, a, "status"))).count();
    assertEquals(Long.toString(newAlerts), client.get("/api/alerts/$count?$filter=" + q("status eq 'New'"),
        token).body());
    assertEquals("60", client.get("/api/machines/$count", token).body());
    assertEquals(400, client.get("/api/alerts/$count?$filter=" + q("title eq 'x'"), token).status());
  }

  // ---- query options

  @Test void topAndSkip() {
    final JsonNode json = client.get("/api/alerts?$top=5&$skip=10", token).json();
    assertNull(json.get("@odata.nextLink"), "no next link with $top");
    assertEquals(ids(alerts.subList(10, 15)), ids(json.get("value")));
    assertEquals(0, client.get("/api/alerts?$top=0", token).json().get("value").size());
    assertEquals(0, client.get("/api/alerts?$skip=5000", token).json().get("value").size());
    assertError(client.get("/api/alerts?$top=10001", token), 400, "ODataError",
        "The limit of '10000' for Top query has been exceeded. The value from the incoming request is '10001'.");
    assertError(client.get("/api/alerts?$count=true", token), 400, "ODataError",
        "The query parameter '$count' is not supported.");
  }

  @Test void pagingVisitsEveryRowOnceInOrder() {
    assertEquals(ids(alerts), followAll("/api/alerts"));
    final String filter = "status eq 'New' or severity eq 'High'";
    final List<String> expected = ids(alerts.stream().filter(a -> "New".equals(value(ALERTS, a, "status"))
        || "High".equals(value(ALERTS, a, "severity"))).toList());
    assertTrue(expected.size() > PAGE, "the filter spans several pages");
    assertEquals(expected, followAll("/api/alerts?$filter=" + q(filter) + "&$expand=evidence"));
  }

  @Test void nextLinkKeepsTheQueryAndReplacesSkip() {
    final JsonNode first = client.get("/api/alerts?$filter=" + q("severity ne 'Low'") + "&$skip=3", token).json();
    final String next = first.get("@odata.nextLink").asText();
    assertEquals(emulator.baseUrl() + "/api/alerts?$filter=" + q("severity ne 'Low'") + "&$skip=" + (3 + PAGE),
        next);
    final List<String> expected = ids(alerts.stream().filter(a -> !"Low".equals(value(ALERTS, a, "severity")))
        .toList());
    assertEquals(expected.subList(3, 3 + PAGE), ids(first.get("value")));
  }

  @Test void select() {
    final Reply r = client.get("/api/alerts?$top=2&$select=id,relatedUser,alertCreationTime", token);
    final JsonNode json = r.json();
    assertEquals(emulator.baseUrl() + "/api/$metadata#Alerts(id,relatedUser,alertCreationTime)",
        json.get("@odata.context").asText());
    assertEquals(List.of("id", "alertCreationTime", "relatedUser"), fieldNames(json.get("value").get(0)));
    assertError(client.get("/api/alerts?$select=nope", token), 400, "ODataError", "Could not find a property");
  }

  @Test void orderByKeysThenNaturalOrder() {
    final JsonNode page = client.get("/api/alerts?$top=400&$orderby=" + q("severity desc,lastUpdateTime"), token)
        .json().get("value");
    final Comparator<Object[]> bySeverityDesc = Comparator.comparing(
        (Object[] a) -> DefenderEnums.ALERT_SEVERITY.indexOf((String) value(ALERTS, a, "severity"))).reversed();
    final List<Object[]> expected = new ArrayList<>(alerts);
    expected.sort(bySeverityDesc.thenComparing(a -> (Instant) value(ALERTS, a, "lastUpdateTime")));
    assertEquals(ids(expected), ids(page));

    final JsonNode nullsFirst = client.get("/api/alerts?$top=5&$orderby=assignedTo", token).json().get("value");
    assertTrue(nullsFirst.get(0).get("assignedTo").isNull());
    final JsonNode paged = client.get("/api/alerts?$orderby=alertCreationTime%20desc&$skip=" + PAGE, token).json();
    final List<String> reversed = new ArrayList<>(ids(alerts));
    java.util.Collections.reverse(reversed);
    assertEquals(reversed.subList(PAGE, 2 * PAGE), ids(paged.get("value")));
    assertTrue(paged.get("@odata.nextLink").asText().contains("$orderby=alertCreationTime%20desc"));
  }

  @Test void filtersOverHttpIncludingEncodedLiterals() {
    final Object[] target = alerts.get(42);
    final String created = org.defendersql.emulator.odata.EdmDateTime.format(
        (Instant) value(ALERTS, target, "alertCreationTime"));
    final JsonNode page = client.get("/api/alerts?$filter=" + q("alertCreationTime ge " + created) + "&$top=10000",
        token).json().get("value");
    assertEquals(ids(alerts.subList(42, alerts.size())), ids(page));
    final Reply tags = client.get("/api/machines?$filter=" + q("machineTags/any(t: t eq 'VIP')"), token);
    assertEquals(200, tags.status(), tags.body());
    final Reply odd = client.get("/api/alerts?$filter=" + q("assignedTo eq 'a&b=c+d#e%f''g'"), token);
    assertEquals(200, odd.status(), odd.body());
    assertEquals(0, odd.json().get("value").size());
    assertError(client.get("/api/alerts?$filter=" + q("title eq 'x'"), token), 400, "ODataError",
        "The property 'title' cannot be used in the $filter query option.");
    assertError(client.get("/api/alerts?$filter=" + q("severity eq 'Foo'"), token), 400, "ODataError",
        "The string 'Foo' is not a valid enumeration type constant.");
    final String plusForSpace = "/api/machines?$filter=healthStatus+eq+%27Active%27";
    assertEquals(200, client.get(plusForSpace, token).status());
  }

  @Test void requestLogRecordsApiCalls() {
    emulator.clearRequestLog();
    final String raw = "$filter=" + q("status eq 'New'") + "&$top=1";
    client.get("/api/alerts?" + raw, token);
    client.get("/api/alerts", null);
    final List<RecordedRequest> log = emulator.requestLog();
    assertEquals(2, log.size());
    assertEquals(raw, log.get(0).rawQuery());
    assertEquals("$filter=status eq 'New'&$top=1", log.get(0).query());
    assertEquals(emulator.clientId(), log.get(0).clientId());
    assertEquals(200, log.get(0).status());
    assertEquals("/api/alerts", log.get(1).path());
    assertEquals(401, log.get(1).status());
    assertNull(log.get(1).clientId());
    assertFalse(log.toString().contains(token));
  }

  // ---- helpers

  private List<String> followAll(String first) {
    final TestClient.Pages pages = client.followNextLinks(first, token, PAGE);
    assertTrue(pages.pages() > 1);
    return pages.ids();
  }

  private static List<String> ids(List<Object[]> rows) {
    final Column id = ALERTS.key();
    return rows.stream().map(r -> (String) r[ALERTS.indexOf(id)]).collect(Collectors.toList());
  }

  private static List<String> ids(JsonNode array) {
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
