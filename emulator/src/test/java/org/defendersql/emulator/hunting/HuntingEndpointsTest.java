package org.defendersql.emulator.hunting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.RecordedRequest;
import org.defendersql.emulator.TestClient.Reply;
import org.defendersql.emulator.kql.DateTimes;
import org.defendersql.model.hunting.HuntingModel;
import org.defendersql.model.hunting.HuntingTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Both hunting endpoints over HTTPS with real tokens: answer shapes, each operator against the emulator's own
 * hunting data, errors in each endpoint's shape, token audiences and roles, and the request log.
 */
class HuntingEndpointsTest {
  static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
  private static DefenderEmulator emulator;
  private static HuntingClient client;

  @BeforeAll static void start() {
    emulator = DefenderEmulator.builder().alerts(400).machines(30).huntingEventsPerMachinePerDay(3)
        .huntingDeviceInfoInterval(Duration.ofHours(6)).now(NOW).build().start();
    client = new HuntingClient(emulator);
  }

  @AfterAll static void stop() {
    emulator.close();
  }

  /** The emulator's rows of a table over the default 30 days. */
  static List<Object[]> rows(HuntingTable t) {
    return emulator.hunting().rows(t).toList();
  }

  static Object value(HuntingTable t, Object[] row, String column) {
    return row[t.indexOf(column)];
  }

  private static long count(HuntingTable t, Predicate<Object[]> p) {
    return rows(t).stream().filter(p).count();
  }

  private static long served(String query) {
    final JsonNode results = client.results(query, null);
    assertEquals(1, results.size(), query);
    return results.get(0).get("Count").asLong();
  }

  // ---- answer shapes

  @Test void graphAnswersSchemaAndResultsWithSevenDigitTimestamps() {
    final Reply r = client.graph("DeviceProcessEvents | project Timestamp, DeviceId, ProcessId, FileSize | take 3",
        null);
    assertEquals(200, r.status(), r.body());
    assertTrue(r.contentType().startsWith("application/json"), r.contentType());
    final JsonNode json = r.json();
    assertTrue(json.get("@odata.context").asText().endsWith(
        "/v1.0/$metadata#microsoft.graph.security.huntingQueryResults"));
    assertEquals("[{\"name\":\"Timestamp\",\"type\":\"DateTime\"},{\"name\":\"DeviceId\",\"type\":\"String\"},"
        + "{\"name\":\"ProcessId\",\"type\":\"Int64\"},{\"name\":\"FileSize\",\"type\":\"Int64\"}]",
        json.get("schema").toString());
    assertEquals(3, json.get("results").size());
    final Object[] first = rows(HuntingModel.DEVICE_PROCESS_EVENTS).get(0);
    final JsonNode row = json.get("results").get(0);
    assertTrue(row.get("Timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{7}Z"),
        row.toString());
    assertEquals(DateTimes.format((Instant) first[0]), row.get("Timestamp").asText());
    assertEquals(value(HuntingModel.DEVICE_PROCESS_EVENTS, first, "DeviceId"), row.get("DeviceId").asText());
    assertEquals(value(HuntingModel.DEVICE_PROCESS_EVENTS, first, "ProcessId"), row.get("ProcessId").asLong());
    assertTrue(r.requestId().matches("[0-9a-f-]{36}"), "Graph request ids are GUIDs: " + r.requestId());
  }

  @Test void theDefenderApiAnswersTheSameRowsInItsPascalCaseShape() {
    final String q = "AlertInfo | where Severity == 'High' | project AlertId, Title, Timestamp";
    final Reply mde = client.mde(q);
    assertEquals(200, mde.status(), mde.body());
    assertEquals("application/json; charset=utf-8", mde.contentType());
    final JsonNode json = mde.json();
    assertEquals("[{\"Name\":\"AlertId\",\"Type\":\"String\"},{\"Name\":\"Title\",\"Type\":\"String\"},"
        + "{\"Name\":\"Timestamp\",\"Type\":\"DateTime\"}]", json.get("Schema").toString());
    assertNull(json.get("schema"));
    assertEquals(client.results(q, null), json.get("Results"));
    assertTrue(json.get("Results").size() > 0);
  }

  @Test void dynamicValuesAreJsonAndEveryTableAnswers() {
    for (HuntingTable t : HuntingModel.tables()) {
      final Reply r = client.graph(t.name() + " | take 2", null);
      assertEquals(200, r.status(), t.name() + ": " + r.body());
      final JsonNode schema = r.json().get("schema");
      assertEquals(t.columns().size(), schema.size(), t.name());
      for (int i = 0; i < schema.size(); i++) {
        assertEquals(t.columns().get(i).name(), schema.get(i).get("name").asText());
        assertEquals(t.columns().get(i).type().schemaName(), schema.get(i).get("type").asText());
      }
      assertEquals(2, r.json().get("results").size(), t.name());
    }
    final JsonNode tags = client.results("DeviceTvmSoftwareVulnerabilities | take 1", null).get(0).get("CveTags");
    assertTrue(tags.isArray(), tags.toString());
  }

  // ---- operators, against the emulator's data

  @Test void whereAndProjectSelectTheRowsAndColumns() {
    final HuntingTable t = HuntingModel.DEVICE_LOGON_EVENTS;
    final String account = (String) value(t, rows(t).get(5), "AccountName");
    final JsonNode results = client.results("DeviceLogonEvents | where AccountName == '" + account
        + "' | project Timestamp, DeviceId, AccountName", null);
    final List<String> expected = rows(t).stream().filter(r -> value(t, r, "AccountName").equals(account))
        .map(r -> DateTimes.format((Instant) r[0]) + " " + value(t, r, "DeviceId")).toList();
    final List<String> actual = new ArrayList<>();
    results.forEach(n -> {
      assertEquals(3, n.size());
      actual.add(n.get("Timestamp").asText() + " " + n.get("DeviceId").asText());
    });
    assertFalse(expected.isEmpty());
    assertEquals(expected, actual);
  }

  @Test void comparisonStringInBetweenAndTimeOperatorsCountWhatTheDataHas() {
    final HuntingTable net = HuntingModel.DEVICE_NETWORK_EVENTS;
    final HuntingTable file = HuntingModel.DEVICE_FILE_EVENTS;
    final HuntingTable proc = HuntingModel.DEVICE_PROCESS_EVENTS;
    assertEquals(count(net, r -> List.of(445, 3389).contains(value(net, r, "RemotePort"))),
        served("DeviceNetworkEvents | where RemotePort in (445, 3389) | count"));
    assertEquals(count(net, r -> !List.of(445, 3389).contains(value(net, r, "RemotePort"))),
        served("DeviceNetworkEvents | where RemotePort !in (445, 3389) | count"));
    assertEquals(count(net, r -> ((String) value(net, r, "ActionType")).equalsIgnoreCase("connectionsuccess")),
        served("DeviceNetworkEvents | where ActionType =~ 'connectionSUCCESS' | count"));
    assertEquals(count(net, r -> ((String) value(net, r, "RemoteUrl")).toLowerCase().contains("microsoft")),
        served("DeviceNetworkEvents | extend u = tolower(RemoteUrl) | where u contains 'MICROSOFT' | count"));
    assertEquals(count(net, r -> ((String) value(net, r, "RemoteIP")).startsWith("185.")),
        served("DeviceNetworkEvents | where RemoteIP matches regex @'^185\\.' | count"));
    assertEquals(count(file, r -> ((String) value(file, r, "FileName")).toLowerCase().endsWith(".exe")),
        served("DeviceFileEvents | where FileName endswith '.EXE' | count"));
    assertEquals(count(file, r -> ((String) value(file, r, "FileName")).endsWith(".EXE")),
        served("DeviceFileEvents | where FileName endswith_cs '.EXE' | count"));
    assertEquals(count(file, r -> value(file, r, "FileSize") != null && (Long) value(file, r, "FileSize") >= 100_000
        && (Long) value(file, r, "FileSize") <= 500_000),
        served("DeviceFileEvents | where FileSize between (100000 .. 500000) | count"));
    assertEquals(count(file, r -> !((String) value(file, r, "FileOriginUrl")).isEmpty()),
        served("DeviceFileEvents | where isnotempty(FileOriginUrl) | count"));
    assertEquals(count(proc, r -> ((Instant) r[0]).isAfter(NOW.minus(Duration.ofDays(1)))),
        served("DeviceProcessEvents | where Timestamp > ago(1d) | count"));
    assertEquals(count(proc, r -> !((Instant) r[0]).isBefore(Instant.parse("2026-11-20T00:00:00Z"))
        && !((Instant) r[0]).isAfter(Instant.parse("2026-11-21T00:00:00Z"))),
        served("DeviceProcessEvents | where Timestamp between (datetime(2026-11-20) .. datetime(2026-11-21)) "
            + "| count"));
    assertEquals(count(proc, r -> strlen(value(proc, r, "ProcessCommandLine")) > 60),
        served("DeviceProcessEvents | where strlen(ProcessCommandLine) > 60 | count"));
    // has matches whole terms: 'whoami' in "cmd.exe /c whoami /all", never inside a longer word.
    assertEquals(count(proc, r -> ((String) value(proc, r, "ProcessCommandLine")).matches("(?is).*(^|[^\\p{L}\\p{N}])"
        + "whoami([^\\p{L}\\p{N}]|$).*")), served("DeviceProcessEvents | where ProcessCommandLine has 'WHOAMI' "
        + "| count"));
    assertTrue(served("DeviceProcessEvents | where ProcessCommandLine has 'WHOAMI' | count") > 0);
  }

  private static int strlen(Object s) {
    return ((String) s).codePointCount(0, ((String) s).length());
  }

  @Test void summarizeTopSortTakeDistinctAndCount() {
    final HuntingTable t = HuntingModel.DEVICE_FILE_EVENTS;
    final Map<String, Long> byDevice = rows(t).stream().collect(Collectors.groupingBy(
        r -> (String) value(t, r, "DeviceId"), Collectors.counting()));
    final Map<String, Long> served = new java.util.HashMap<>();
    client.results("DeviceFileEvents | summarize count() by DeviceId", null).forEach(n -> served.put(
        n.get("DeviceId").asText(), n.get("count_").asLong()));
    assertEquals(byDevice, served);

    final JsonNode agg = client.results("DeviceFileEvents | summarize n = count(), total = sum(FileSize), "
        + "biggest = max(FileSize), devices = dcount(DeviceId)", null).get(0);
    assertEquals(rows(t).size(), agg.get("n").asLong());
    assertEquals(rows(t).stream().mapToLong(r -> value(t, r, "FileSize") == null ? 0 : (Long) value(t, r,
        "FileSize")).sum(), agg.get("total").asLong());
    assertEquals(rows(t).stream().filter(r -> value(t, r, "FileSize") != null).mapToLong(r -> (Long) value(t, r,
        "FileSize")).max().orElseThrow(), agg.get("biggest").asLong());
    assertEquals(byDevice.size(), agg.get("devices").asLong());

    final List<String> newest = rows(t).stream().map(r -> (Instant) r[0]).sorted(Comparator.reverseOrder()).limit(5)
        .map(DateTimes::format).toList();
    assertEquals(newest, client.column("DeviceFileEvents | top 5 by Timestamp | project Timestamp", "Timestamp"));
    final List<String> oldest = rows(t).stream().map(r -> (Instant) r[0]).sorted().limit(5).map(DateTimes::format)
        .toList();
    assertEquals(oldest, client.column("DeviceFileEvents | top 5 by Timestamp asc nulls last", "Timestamp"));
    assertEquals(oldest, client.column("DeviceFileEvents | sort by Timestamp asc | take 5", "Timestamp"));
    assertEquals(7, client.results("DeviceFileEvents | take 7", null).size());
    assertEquals(7, client.results("DeviceFileEvents | limit 7", null).size());
    assertEquals(rows(t).stream().map(r -> value(t, r, "ActionType")).collect(Collectors.toSet()),
        new HashSet<>(client.column("DeviceFileEvents | distinct ActionType", "ActionType")));
    assertEquals(rows(t).size(), served("DeviceFileEvents | count"));
  }

  @Test void argMaxGivesEachDevicesLatestReport() {
    final HuntingTable t = HuntingModel.DEVICE_INFO;
    final Map<String, Instant> latest = rows(t).stream().collect(Collectors.toMap(r -> (String) value(t, r,
        "DeviceId"), r -> (Instant) r[0], (a, b) -> a.isAfter(b) ? a : b));
    final JsonNode results = client.results("DeviceInfo | summarize arg_max(Timestamp, *) by DeviceId", null);
    assertEquals(latest.size(), results.size());
    results.forEach(n -> {
      assertEquals(DateTimes.format(latest.get(n.get("DeviceId").asText())), n.get("Timestamp").asText());
      assertEquals(t.columns().size(), n.size());
    });
  }

  // ---- errors

  @Test void errorsAre400InEachEndpointsShapeAndNameTheirCause() {
    final Reply syntax = client.graph("DeviceInfo | where DeviceName ==", null);
    assertEquals(400, syntax.status());
    final JsonNode error = syntax.json().get("error");
    assertEquals("BadRequest", error.get("code").asText());
    assertTrue(error.get("message").asText().contains("on line [1,33]"), error.toString());
    assertEquals(syntax.requestId(), error.get("innerError").get("request-id").asText());
    assertEquals(syntax.requestId(), error.get("innerError").get("client-request-id").asText());
    assertTrue(error.get("innerError").get("date").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d"));

    final Reply column = client.mde("DeviceInfo | project Nope");
    assertEquals(400, column.status());
    assertEquals("BadRequest", column.json().get("error").get("code").asText());
    assertTrue(column.json().get("error").get("message").asText().contains("'Nope'"), column.body());
    assertEquals(column.requestId(), column.json().get("error").get("target").asText());

    assertTrue(client.graph("DeviceEvents | take 1", null).json().get("error").get("message").asText()
        .contains("Failed to resolve table or column expression named 'DeviceEvents'"));
    assertTrue(client.graph("DeviceInfo | join (AlertInfo) on DeviceId", null).json().get("error").get("message")
        .asText().contains("'join' operator"));
    assertEquals(400, client.graph("DeviceInfo | where Timestamp > '2026-01-01'", null).status());
  }

  @Test void requestBodiesFollowEachEndpointsRules() {
    // The Defender API's body parameters are case-sensitive; Graph's are not.
    final Reply lower = client.post(HuntingModel.MDE_PATH, "{\"query\":\"DeviceInfo | take 1\"}",
        client.defenderToken());
    assertEquals(400, lower.status());
    assertEquals("{\"code\":\"InvalidRequestBody\",\"message\":\"Missing query.\",\"target\":\"" + lower.requestId()
        + "\"}", lower.json().get("error").toString());
    assertEquals(400, client.post(HuntingModel.MDE_PATH, "{\"Query\":\"x\r\n|y\"", client.defenderToken()).status());
    assertEquals(200, client.post(HuntingModel.GRAPH_PATH, "{\"query\":\"DeviceInfo | take 1\",\"timespan\":\"P1D\"}",
        client.graphToken()).status());
    assertEquals(400, client.post(HuntingModel.GRAPH_PATH, "{}", client.graphToken()).status());
    assertEquals(400, client.post(HuntingModel.GRAPH_PATH, "[1]", client.graphToken()).status());
    final Reply get = client.http.get(HuntingModel.GRAPH_PATH, client.graphToken());
    assertEquals(405, get.status());
  }

  // ---- tokens

  @Test void eachEndpointRequiresItsAudienceAndRole() {
    final Reply defenderOnGraph = client.post(HuntingModel.GRAPH_PATH, HuntingClient.body("Query", "DeviceInfo",
        null), client.defenderToken());
    assertEquals(401, defenderOnGraph.status());
    assertEquals("InvalidAuthenticationToken", defenderOnGraph.json().get("error").get("code").asText());
    assertEquals("Access token validation failure. Invalid audience.",
        defenderOnGraph.json().get("error").get("message").asText());
    final Reply graphOnMde = client.post(HuntingModel.MDE_PATH, HuntingClient.body("Query", "DeviceInfo", null),
        client.graphToken());
    assertEquals(403, graphOnMde.status());
    assertEquals(401, client.post(HuntingModel.GRAPH_PATH, "{}", null).status());

    emulator.registerApp("11111111-0000-4000-8000-000000000001", "Emu8Q~alerts-only", Set.of("Alert.Read.All"));
    final String graphNoRole = client.graphToken("11111111-0000-4000-8000-000000000001", "Emu8Q~alerts-only");
    final Reply noRole = client.post(HuntingModel.GRAPH_PATH, HuntingClient.body("Query", "DeviceInfo", null),
        graphNoRole);
    assertEquals(403, noRole.status());
    assertTrue(noRole.json().get("error").get("message").asText().contains("ThreatHunting.Read.All"), noRole.body());
    final String defenderNoRole = client.http.accessToken("11111111-0000-4000-8000-000000000001",
        "Emu8Q~alerts-only");
    final Reply noMdeRole = client.post(HuntingModel.MDE_PATH, HuntingClient.body("Query", "DeviceInfo", null),
        defenderNoRole);
    assertEquals(403, noMdeRole.status());
    assertTrue(noMdeRole.json().get("error").get("message").asText().contains("AdvancedQuery.Read.All"));
    // The Defender API still refuses a Graph token.
    assertEquals(403, client.http.get("/api/alerts", client.graphToken()).status());
  }

  // ---- request log

  @Test void theRequestLogRecordsTheDecodedQueryAndTimespan() {
    final String kql = "DeviceFileEvents | where FileName == 'it\\'s \u00e9t\u00e9 \"x\"' | take 1";
    emulator.clearRequestLog();
    assertEquals(200, client.graph(kql, "P7D").status());
    assertEquals(200, client.mde(kql).status());
    final List<RecordedRequest> log = emulator.requestLog().stream().filter(r -> r.kql() != null).toList();
    assertEquals(2, log.size(), emulator.requestLog().toString());
    assertEquals(HuntingModel.GRAPH_PATH, log.get(0).path());
    assertEquals(kql, log.get(0).kql());
    assertEquals("P7D", log.get(0).timespan());
    assertEquals(200, log.get(0).status());
    assertEquals(emulator.clientId(), log.get(0).clientId());
    assertEquals(HuntingModel.MDE_PATH, log.get(1).path());
    assertEquals(kql, log.get(1).kql());
    assertNull(log.get(1).timespan());
    assertEquals("POST", log.get(1).method());
  }
}
