package org.defendersql.emulator.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.TestClient.Reply;
import org.defendersql.model.DefenderModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1.0/security/incidents} over HTTPS: one incident per distinct MDE {@code incidentId}, summarised from
 * its alerts (highest severity, earliest creation, latest update, status), pages of at most 50 to the end, and
 * {@code $expand=alerts} inlining exactly the incident's alerts as {@code alerts_v2} serves them.
 */
class GraphIncidentsTest {
  private static final List<String> SEVERITIES = List.of("unknown", "informational", "low", "medium", "high");
  private static DefenderEmulator emulator;
  private static GraphClient client;
  /** The MDE alerts of each incident id, in alert order. */
  private static final Map<Long, List<Object[]>> BY_INCIDENT = new LinkedHashMap<>();
  private static List<JsonNode> incidents;

  @BeforeAll static void start() {
    emulator = DefenderEmulator.builder().alerts(300).machines(30).now(Instant.parse("2026-11-30T12:00:00Z"))
        .build().start();
    client = new GraphClient(emulator);
    emulator.data().rows(DefenderModel.ALERTS).forEach(a -> BY_INCIDENT.computeIfAbsent((Long) mde(a, "incidentId"),
        k -> new ArrayList<>()).add(a));
    incidents = client.all("/v1.0/security/incidents");
  }

  @AfterAll static void stop() {
    emulator.close();
  }

  private static Object mde(Object[] alert, String property) {
    return alert[DefenderModel.ALERTS.indexOf(DefenderModel.ALERTS.property(property).orElseThrow())];
  }

  @Test void oneIncidentPerMdeIncidentIdInPagesOfFifty() {
    final List<String> want = BY_INCIDENT.keySet().stream().sorted().map(String::valueOf).toList();
    assertEquals(want, GraphClient.ids(incidents));
    assertTrue(want.size() > 100, "several pages: " + want.size());
    JsonNode page = client.json("/v1.0/security/incidents?$count=true");
    assertEquals(emulator.graphUrl() + "/v1.0/$metadata#security/incidents", page.get("@odata.context").asText());
    assertEquals(want.size(), page.get("@odata.count").asLong());
    int pages = 1;
    while (page.has("@odata.nextLink")) {
      assertEquals(DefenderModel.GRAPH_INCIDENTS.maxTop(), page.get("value").size());
      assertTrue(page.get("@odata.nextLink").asText().startsWith(emulator.graphUrl()
          + "/v1.0/security/incidents?$count=true&$skiptoken="));
      page = client.http.getUrl(page.get("@odata.nextLink").asText(), client.graphToken()).json();
      pages++;
    }
    assertEquals((want.size() + 49) / 50, pages);
    assertEquals(want.size(), emulator.graph().count(DefenderModel.GRAPH_INCIDENTS));
  }

  @Test void eachIncidentSummarisesItsAlerts() {
    for (JsonNode incident : incidents) {
      final List<Object[]> alerts = BY_INCIDENT.get(Long.parseLong(incident.get("id").asText()));
      final String id = incident.get("id").asText();
      assertFalse(incident.has("alerts"), "alerts only when expanded");
      final String severity = alerts.stream().map(a -> ((String) mde(a, "severity")).toLowerCase())
          .max(Comparator.comparingInt(SEVERITIES::indexOf)).orElseThrow();
      assertEquals(severity, incident.get("severity").asText(), id);
      GraphJsonAssert.assertValue(alerts.stream().map(a -> (Instant) mde(a, "alertCreationTime"))
          .min(Comparator.naturalOrder()).orElseThrow(), incident.get("createdDateTime"), id);
      GraphJsonAssert.assertValue(alerts.stream().map(a -> (Instant) mde(a, "lastUpdateTime"))
          .max(Comparator.naturalOrder()).orElseThrow(), incident.get("lastUpdateDateTime"), id);
      final boolean allResolved = alerts.stream().allMatch(a -> "Resolved".equals(mde(a, "status")));
      final boolean anyInProgress = alerts.stream().anyMatch(a -> "InProgress".equals(mde(a, "status")));
      assertEquals(allResolved ? "resolved" : anyInProgress ? "inProgress" : "active",
          incident.get("status").asText(), id);
      assertEquals(emulator.tenantId(), incident.get("tenantId").asText());
      assertEquals("https://security.microsoft.com/incidents/" + id + "?tid=" + emulator.tenantId(),
          incident.get("incidentWebUrl").asText());
      assertTrue(incident.get("displayName").asText().contains(alerts.size() == 1
          ? (String) mde(alerts.get(0), "title") : "Multi-stage incident involving "), incident.toString());
      assertEquals(alerts.stream().mapToInt(a -> ((List<?>) mde(a, "comments")).size()).sum(),
          incident.get("comments").size(), id);
      final boolean classified = alerts.stream().anyMatch(a -> mde(a, "classification") != null);
      assertEquals(classified, !"unknown".equals(incident.get("classification").asText()), id);
    }
  }

  @Test void servedJsonIsExactlyTheGraphDataRows() {
    final List<Object[]> rows = emulator.graph().rows(DefenderModel.GRAPH_INCIDENTS).toList();
    final List<JsonNode> expanded = client.all("/v1.0/security/incidents?$expand=alerts");
    assertEquals(rows.size(), expanded.size());
    for (int i = 0; i < rows.size(); i++) {
      GraphJsonAssert.assertRow(DefenderModel.GRAPH_INCIDENTS, rows.get(i), expanded.get(i), true);
      GraphJsonAssert.assertRow(DefenderModel.GRAPH_INCIDENTS, rows.get(i), incidents.get(i), false);
    }
  }

  @Test void expandInlinesTheIncidentsAlertsAsAlertsV2ServesThem() {
    final JsonNode page = client.json("/v1.0/security/incidents?$expand=alerts&$top=20");
    assertEquals(emulator.graphUrl() + "/v1.0/$metadata#security/incidents(alerts())",
        page.get("@odata.context").asText());
    assertTrue(page.get("@odata.nextLink").asText().contains("$expand=alerts&$top=20&$skiptoken="));
    int multi = 0;
    for (JsonNode incident : page.get("value")) {
      final List<Object[]> alerts = BY_INCIDENT.get(Long.parseLong(incident.get("id").asText()));
      final List<String> ids = new ArrayList<>();
      incident.get("alerts").forEach(a -> ids.add(a.get("id").asText()));
      assertEquals(alerts.stream().map(a -> (String) mde(a, "id")).toList(), ids);
      multi += ids.size() > 1 ? 1 : 0;
      for (JsonNode alert : incident.get("alerts")) {
        final JsonNode one = client.json("/v1.0/security/alerts_v2/" + alert.get("id").asText());
        assertEquals(((ObjectNode) one).without("@odata.context").toString(), alert.toString());
        assertEquals(incident.get("id").asText(), alert.get("incidentId").asText());
      }
    }
    assertTrue(multi > 0, "some incidents have several alerts");
  }

  @Test void oneIncidentById() {
    final JsonNode first = incidents.get(7);
    final String id = first.get("id").asText();
    final JsonNode one = client.json("/v1.0/security/incidents/" + id);
    assertEquals(emulator.graphUrl() + "/v1.0/$metadata#security/incidents/$entity",
        one.get("@odata.context").asText());
    assertEquals(first.toString(), ((ObjectNode) one.deepCopy()).without("@odata.context").toString());
    final JsonNode expanded = client.json("/v1.0/security/incidents/" + id + "?$expand=alerts");
    assertEquals(emulator.graphUrl() + "/v1.0/$metadata#security/incidents(alerts())/$entity",
        expanded.get("@odata.context").asText());
    assertEquals(BY_INCIDENT.get(Long.parseLong(id)).size(), expanded.get("alerts").size());
    GraphJsonAssert.assertRow(DefenderModel.GRAPH_INCIDENTS, emulator.graph().lookup(DefenderModel.GRAPH_INCIDENTS,
        id).findFirst().orElseThrow(), ((ObjectNode) expanded.deepCopy()).without("@odata.context"), true);
    final Reply unknown = client.get("/v1.0/security/incidents/999999999");
    GraphODataRulesTest.assertError(unknown, 404, "NotFound", "The incident '999999999' was not found.", false);
    final Reply bad = client.get("/v1.0/security/incidents/abc");
    GraphODataRulesTest.assertError(bad, 400, "BadRequest", "'abc' is not a valid incident id.", false);
  }
}
