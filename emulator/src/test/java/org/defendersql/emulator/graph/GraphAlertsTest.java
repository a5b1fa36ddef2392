package org.defendersql.emulator.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.TestClient.Reply;
import org.defendersql.model.Column;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1.0/security/alerts_v2} over HTTPS with real Graph tokens: each Graph alert is the MDE alert of the
 * same id in Graph's shape (the model's properties, camelCase enums, seven-digit date-times, typed evidence mapped
 * from the MDE evidence), paging with {@code $skiptoken} returns every alert once, and {@code e.graph()} holds what
 * is served.
 */
class GraphAlertsTest {
  static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
  private static DefenderEmulator emulator;
  private static GraphClient client;
  private static List<Object[]> mde;
  private static List<JsonNode> served;

  @BeforeAll static void start() {
    // A page size below alerts_v2's limit: pages without $top hold that many alerts.
    emulator = DefenderEmulator.builder().alerts(400).machines(40).pageSize(100).now(NOW).build().start();
    client = new GraphClient(emulator);
    mde = emulator.data().rows(DefenderModel.ALERTS).toList();
    served = client.all("/v1.0/security/alerts_v2?$top=150");
  }

  @AfterAll static void stop() {
    emulator.close();
  }

  private static Object mde(Object[] alert, String property) {
    return alert[DefenderModel.ALERTS.indexOf(DefenderModel.ALERTS.property(property).orElseThrow())];
  }

  private static String camel(String pascal) {
    return pascal.substring(0, 1).toLowerCase(Locale.ROOT) + pascal.substring(1);
  }

  /** Graph's names of the detection sources the emulated tenant's alerts have. */
  private static final Map<String, String> DETECTION = Map.of("WindowsDefenderAtp", "microsoftDefenderForEndpoint",
      "WindowsDefenderAv", "antivirus", "CustomDetection", "customDetection", "AutomatedInvestigation",
      "automatedInvestigation", "OfficeATP", "microsoftDefenderForOffice365", "WindowsDefenderSmartScreen",
      "smartScreen", "CustomerTI", "customTi", "ThreatExperts", "microsoftThreatExperts");

  // ---- shape and values

  @Test void everyGraphAlertIsTheMdeAlertOfTheSameId() {
    assertEquals(mde.size(), served.size());
    final Set<String> sources = new HashSet<>();
    for (int i = 0; i < mde.size(); i++) {
      final Object[] a = mde.get(i);
      final JsonNode g = served.get(i);
      final String id = (String) mde(a, "id");
      assertEquals(GraphJsonAssert.names(DefenderModel.GRAPH_ALERTS), GraphJsonAssert.fieldNames(g), id);
      assertEquals(id, g.get("id").asText());
      assertEquals(id, g.get("providerAlertId").asText());
      assertTrue(g.get("incidentId").isTextual(), "incidentId is a string: " + g.get("incidentId"));
      assertEquals(String.valueOf(mde(a, "incidentId")), g.get("incidentId").asText());
      assertEquals(camel((String) mde(a, "severity")), g.get("severity").asText(), id);
      assertEquals(camel((String) mde(a, "status")), g.get("status").asText(), id);
      assertEquals(mde(a, "classification") == null ? "unknown" : camel((String) mde(a, "classification")),
          g.get("classification").asText(), id);
      final String determination = (String) mde(a, "determination");
      assertEquals(determination == null ? "unknown" : determination.equals("NoEnoughDataToValidate")
          ? "notEnoughDataToValidate" : camel(determination), g.get("determination").asText(), id);
      final String source = (String) mde(a, "detectionSource");
      sources.add(source);
      assertEquals(DETECTION.get(source), g.get("detectionSource").asText(), id);
      assertEquals(source.equals("OfficeATP") ? "microsoftDefenderForOffice365" : "microsoftDefenderForEndpoint",
          g.get("serviceSource").asText(), id);
      for (String[] same : new String[][] {{"title", "title"}, {"description", "description"}, {"category",
          "category"}, {"assignedTo", "assignedTo"}, {"detectorId", "detectorId"}, {"tenantId", "aadTenantId"},
          {"threatFamilyName", "threatFamilyName"}, {"threatDisplayName", "threatName"}}) {
        final Object want = mde(a, same[1]);
        assertEquals(want, g.get(same[0]).isNull() ? null : g.get(same[0]).asText(), id + " " + same[0]);
      }
      for (String[] time : new String[][] {{"createdDateTime", "alertCreationTime"}, {"lastUpdateDateTime",
          "lastUpdateTime"}, {"resolvedDateTime", "resolvedTime"}, {"firstActivityDateTime", "firstEventTime"},
          {"lastActivityDateTime", "lastEventTime"}}) {
        GraphJsonAssert.assertValue(mde(a, time[1]), g.get(time[0]), id + " " + time[0]);
      }
      GraphJsonAssert.assertValue(mde(a, "mitreTechniques"), g.get("mitreTechniques"), id + " mitreTechniques");
      final List<?> comments = (List<?>) mde(a, "comments");
      assertEquals(comments.size(), g.get("comments").size(), id);
      for (int k = 0; k < comments.size(); k++) {
        final Map<?, ?> c = (Map<?, ?>) comments.get(k);
        final JsonNode gc = g.get("comments").get(k);
        assertEquals(List.of("comment", "createdByDisplayName", "createdDateTime"), GraphJsonAssert.fieldNames(gc));
        assertEquals(c.get("comment"), gc.get("comment").asText());
        assertEquals(c.get("createdBy"), gc.get("createdByDisplayName").asText());
        GraphJsonAssert.assertValue(c.get("createdTime"), gc.get("createdDateTime"), id + " comment time");
      }
      assertTrue(g.get("alertWebUrl").asText().startsWith("https://security.microsoft.com/alerts/" + id + "?tid="));
      assertEquals("https://security.microsoft.com/incidents/" + mde(a, "incidentId") + "?tid="
          + emulator.tenantId(), g.get("incidentWebUrl").asText());
    }
    assertTrue(sources.containsAll(List.of("WindowsDefenderAv", "CustomDetection", "WindowsDefenderAtp")),
        "the tenant has the detection sources the test maps: " + sources);
  }

  @Test void servedJsonIsExactlyTheGraphDataRows() {
    final List<Object[]> rows = emulator.graph().rows(DefenderModel.GRAPH_ALERTS).toList();
    assertEquals(served.size(), rows.size());
    for (int i = 0; i < rows.size(); i++) {
      GraphJsonAssert.assertRow(DefenderModel.GRAPH_ALERTS, rows.get(i), served.get(i), true);
    }
    // graph_alert_evidence: one row per item, in order, flattened by the model's JSON paths.
    final Entity ev = DefenderModel.GRAPH_ALERT_EVIDENCE;
    final List<Object[]> evidence = emulator.graph().rows(ev).toList();
    int at = 0;
    for (JsonNode alert : served) {
      for (JsonNode item : alert.get("evidence")) {
        final Object[] row = evidence.get(at++);
        for (Column c : ev.columns()) {
          final Object value = row[ev.indexOf(c)];
          final String where = alert.get("id").asText() + " " + c.sqlName();
          switch (c.origin()) {
            case PARENT -> GraphJsonAssert.assertValue(value, alert.get(c.jsonName()), where);
            default -> {
              final JsonNode top = item.get(c.jsonName());
              final JsonNode node = top == null || top.isNull() ? null : c.isNested() ? top.get(c.leafName()) : top;
              if (node == null) {
                assertTrue(value == null || List.of().equals(value), where + " absent: " + value);
              } else {
                GraphJsonAssert.assertValue(value, node, where);
              }
            }
          }
        }
      }
    }
    assertEquals(evidence.size(), at);
    assertEquals(at, emulator.graph().count(ev));
  }

  @Test void evidenceIsGraphsTypedEvidenceMappedFromEachMdeItem() {
    final Set<String> top = new HashSet<>();
    DefenderModel.GRAPH_ALERT_EVIDENCE.columns().forEach(c -> top.add(c.jsonName()));
    final Map<String, List<String>> shapes = new HashMap<>();
    final Set<String> types = new LinkedHashSet<>();
    for (int i = 0; i < mde.size(); i++) {
      final Object[] a = mde.get(i);
      final String id = (String) mde(a, "id");
      final JsonNode items = served.get(i).get("evidence");
      for (JsonNode item : items) {
        final String type = item.get("@odata.type").asText();
        types.add(type);
        final List<String> names = GraphJsonAssert.fieldNames(item);
        assertTrue(top.containsAll(names), id + ": every property is the model's: " + names);
        assertEquals(List.of("@odata.type", "createdDateTime", "verdict", "remediationStatus",
            "remediationStatusDetails", "roles", "detailedRoles", "tags"), names.subList(0, 8), id);
        assertEquals(names, shapes.computeIfAbsent(type, t -> names), "one shape per type: " + type);
      }
      int k = 0;
      final String machineId = (String) mde(a, "machineId");
      if (machineId != null) {
        final JsonNode device = items.get(k++);
        assertEquals("#microsoft.graph.security.deviceEvidence", device.get("@odata.type").asText());
        assertEquals(machineId, device.get("mdeDeviceId").asText());
        assertEquals(mde(a, "computerDnsName"), device.get("deviceDnsName").asText());
        final Object[] machine = emulator.data().lookup(DefenderModel.MACHINES, machineId).findFirst().orElseThrow();
        assertEquals(machine[DefenderModel.MACHINES.indexOf(DefenderModel.MACHINES.column("os_platform")
            .orElseThrow())], device.get("osPlatform").asText());
      }
      final boolean office = machineId == null && "OfficeATP".equals(mde(a, "detectionSource"));
      final Set<String> named = new HashSet<>();
      for (Object o : (List<?>) mde(a, "evidence")) {
        final Map<?, ?> m = (Map<?, ?>) o;
        final String type = (String) m.get("entityType");
        if (type.equals("Machine")) {
          continue;
        }
        final JsonNode g = items.get(k++);
        final String where = id + " " + type;
        GraphJsonAssert.assertValue(m.get("evidenceCreationTime"), g.get("createdDateTime"), where);
        switch (type) {
          case "File" -> {
            assertEquals("#microsoft.graph.security.fileEvidence", g.get("@odata.type").asText(), where);
            assertFile(m, g.get("fileDetails"), where);
            assertEquals(machineId, g.get("mdeDeviceId").isNull() ? null : g.get("mdeDeviceId").asText(), where);
          }
          case "Process" -> {
            assertEquals("#microsoft.graph.security.processEvidence", g.get("@odata.type").asText(), where);
            assertFile(m, g.get("imageFile"), where);
            assertEquals(m.get("processId"), g.get("processId").asLong(), where);
            assertEquals(m.get("processCommandLine"), g.get("processCommandLine").asText(), where);
            assertEquals(m.get("parentProcessFileName"), g.get("parentProcessImageFile").get("fileName").asText());
            assertEquals(m.get("accountName"), g.get("userAccount").get("accountName").asText(), where);
            assertEquals(m.get("userSid"), g.get("userAccount").get("userSid").asText(), where);
            named.add(((String) m.get("accountName")).toLowerCase(Locale.ROOT));
          }
          case "User" -> {
            assertEquals(office ? "#microsoft.graph.security.mailboxEvidence"
                : "#microsoft.graph.security.userEvidence", g.get("@odata.type").asText(), where);
            final JsonNode u = g.get("userAccount");
            assertEquals(List.of("accountName", "domainName", "userSid", "azureAdUserId", "userPrincipalName",
                "displayName"), GraphJsonAssert.fieldNames(u), where);
            assertEquals(m.get("accountName"), u.get("accountName").asText(), where);
            assertEquals(m.get("domainName"), u.get("domainName").asText(), where);
            assertEquals(m.get("userSid"), u.get("userSid").asText(), where);
            assertEquals(m.get("aadUserId"), u.get("azureAdUserId").asText(), where);
            assertEquals(m.get("userPrincipalName"), u.get("userPrincipalName").asText(), where);
            if (office) {
              assertEquals(m.get("userPrincipalName"), g.get("primaryAddress").asText(), where);
            }
            named.add(((String) m.get("accountName")).toLowerCase(Locale.ROOT));
          }
          case "Ip" -> {
            assertEquals("#microsoft.graph.security.ipEvidence", g.get("@odata.type").asText(), where);
            assertEquals(m.get("ipAddress"), g.get("ipAddress").asText(), where);
          }
          case "Url" -> {
            assertEquals("#microsoft.graph.security.urlEvidence", g.get("@odata.type").asText(), where);
            assertEquals(m.get("url"), g.get("url").asText(), where);
          }
          case "RegistryKey" -> {
            assertEquals("#microsoft.graph.security.registryValueEvidence", g.get("@odata.type").asText(), where);
            assertEquals(m.get("registryKey"), g.get("registryHive").asText() + "\\" + g.get("registryKey").asText());
            assertEquals(m.get("registryValueName"), g.get("registryValueName").asText(), where);
            assertEquals(m.get("registryValue"), g.get("registryValue").asText(), where);
          }
          default -> throw new AssertionError("unexpected MDE evidence type " + type);
        }
      }
      // The rest: the accounts the MDE API relates the alert to and no item names, as contextual users.
      final Set<String> related = new LinkedHashSet<>();
      final Object relatedUser = a[DefenderModel.ALERTS.indexOf(DefenderModel.ALERTS.column("related_user_user_name")
          .orElseThrow())];
      if (relatedUser != null) {
        related.add(((String) relatedUser).toLowerCase(Locale.ROOT));
      }
      for (Object o : (List<?>) mde(a, "loggedOnUsers")) {
        related.add(((String) ((Map<?, ?>) o).get("accountName")).toLowerCase(Locale.ROOT));
      }
      related.removeAll(named);
      final List<String> contextual = new ArrayList<>();
      for (; k < items.size(); k++) {
        final JsonNode u = items.get(k);
        assertEquals("#microsoft.graph.security.userEvidence", u.get("@odata.type").asText(), id);
        assertEquals("[\"contextual\"]", u.get("roles").toString(), id);
        assertTrue(u.get("userAccount").get("userPrincipalName").asText().endsWith("@contoso.com"), id);
        contextual.add(u.get("userAccount").get("accountName").asText().toLowerCase(Locale.ROOT));
      }
      assertEquals(new ArrayList<>(related), contextual, id + " contextual users");
    }
    assertTrue(types.containsAll(List.of("#microsoft.graph.security.deviceEvidence",
        "#microsoft.graph.security.fileEvidence", "#microsoft.graph.security.processEvidence",
        "#microsoft.graph.security.userEvidence", "#microsoft.graph.security.mailboxEvidence",
        "#microsoft.graph.security.ipEvidence", "#microsoft.graph.security.urlEvidence",
        "#microsoft.graph.security.registryValueEvidence")), "the tenant's alerts carry every type: " + types);
  }

  /** A Graph file object ({@code fileDetails}, {@code imageFile}) against an MDE evidence item and the file. */
  private static void assertFile(Map<?, ?> m, JsonNode f, String where) {
    assertEquals(List.of("sha1", "sha256", "fileName", "filePath", "fileSize", "filePublisher"),
        GraphJsonAssert.fieldNames(f), where);
    assertEquals(m.get("sha1"), f.get("sha1").asText(), where);
    assertEquals(m.get("sha256"), f.get("sha256").asText(), where);
    assertEquals(m.get("fileName"), f.get("fileName").asText(), where);
    assertEquals(m.get("filePath"), f.get("filePath").isNull() ? null : f.get("filePath").asText(), where);
    final Object[] file = emulator.data().lookup(DefenderModel.FILES, (String) m.get("sha1")).findFirst()
        .orElseThrow();
    assertEquals(file[DefenderModel.FILES.indexOf(DefenderModel.FILES.column("size").orElseThrow())],
        f.get("fileSize").asLong(), where);
  }

  // ---- by id

  @Test void oneAlertByIdIsTheListsAlert() {
    for (int i : new int[] {0, 123, mde.size() - 1}) {
      final String id = served.get(i).get("id").asText();
      final JsonNode one = client.json("/v1.0/security/alerts_v2/" + id);
      assertEquals(emulator.graphUrl() + "/v1.0/$metadata#security/alerts_v2/$entity",
          one.get("@odata.context").asText());
      final List<String> names = GraphJsonAssert.fieldNames(one);
      assertEquals("@odata.context", names.get(0));
      assertEquals(GraphJsonAssert.names(DefenderModel.GRAPH_ALERTS), names.subList(1, names.size()));
      assertEquals(served.get(i).toString(), ((com.fasterxml.jackson.databind.node.ObjectNode) one.deepCopy())
          .without("@odata.context").toString());
      GraphJsonAssert.assertRow(DefenderModel.GRAPH_ALERTS, emulator.graph().lookup(DefenderModel.GRAPH_ALERTS, id)
          .findFirst().orElseThrow(), ((com.fasterxml.jackson.databind.node.ObjectNode) one.deepCopy())
          .without("@odata.context"), true);
    }
    final Reply unknown = client.get("/v1.0/security/alerts_v2/da000000000000000000_1");
    assertEquals(404, unknown.status(), unknown.body());
    assertEquals("NotFound", unknown.json().get("error").get("code").asText());
    assertEquals("The alert 'da000000000000000000_1' was not found.", unknown.json().get("error").get("message")
        .asText());
    assertEquals(0, emulator.graph().lookup(DefenderModel.GRAPH_ALERTS, "da000000000000000000_1").count());
    final Reply bad = client.get("/v1.0/security/alerts_v2/not%20an%20id");
    assertEquals(400, bad.status(), bad.body());
    assertEquals("'not an id' is not a valid alert id.", bad.json().get("error").get("message").asText());
  }

  // ---- paging

  @Test void pagesFollowSkipTokensToTheEndEveryAlertOnce() {
    final JsonNode first = client.json("/v1.0/security/alerts_v2?$top=150");
    assertEquals(emulator.graphUrl() + "/v1.0/$metadata#security/alerts_v2", first.get("@odata.context").asText());
    assertEquals(150, first.get("value").size());
    final String next = first.get("@odata.nextLink").asText();
    assertTrue(next.startsWith(emulator.graphUrl() + "/v1.0/security/alerts_v2?$top=150&$skiptoken="), next);
    final List<String> want = mde.stream().map(a -> (String) mde(a, "id")).toList();
    assertEquals(want, GraphClient.ids(served));
    // $skip applies once; the next links carry the filter and the page size, not the skip.
    final List<String> skipped = GraphClient.ids(client.all("/v1.0/security/alerts_v2?$top=70&$skip=5"));
    assertEquals(want.subList(5, want.size()), skipped);
    final List<String> high = GraphClient.ids(client.all(
        "/v1.0/security/alerts_v2?$filter=severity%20eq%20'high'&$top=20&$count=true"));
    assertEquals(mde.stream().filter(a -> "High".equals(mde(a, "severity"))).map(a -> (String) mde(a, "id"))
        .toList(), high);
    final JsonNode filtered = client.json("/v1.0/security/alerts_v2?$filter=severity%20eq%20'high'&$top=20");
    assertTrue(filtered.get("@odata.nextLink").asText().contains("$filter=severity%20eq%20%27high%27&$top=20"
        + "&$skiptoken="), filtered.get("@odata.nextLink").asText());
    // A last page exactly full has no next link; $top=0 answers no rows and no link.
    final JsonNode exact = client.json("/v1.0/security/alerts_v2?$top=100&$skip=" + (want.size() - 100));
    assertEquals(100, exact.get("value").size());
    assertNull(exact.get("@odata.nextLink"));
    final JsonNode none = client.json("/v1.0/security/alerts_v2?$top=0&$count=true");
    assertEquals(0, none.get("value").size());
    assertNull(none.get("@odata.nextLink"));
    assertEquals(want.size(), none.get("@odata.count").asLong());
  }

  @Test void countIsEveryMatchWhateverThePage() {
    final long inProgress = mde.stream().filter(a -> "InProgress".equals(mde(a, "status"))).count();
    assertTrue(inProgress > 0);
    final JsonNode page = client.json("/v1.0/security/alerts_v2?$filter=status%20eq%20'inProgress'&$top=3"
        + "&$count=true");
    assertEquals(inProgress, page.get("@odata.count").asLong());
    assertEquals(List.of("@odata.context", "@odata.count", "@odata.nextLink", "value"),
        GraphJsonAssert.fieldNames(page));
    final JsonNode second = client.http.getUrl(page.get("@odata.nextLink").asText(), client.graphToken()).json();
    assertEquals(inProgress, second.get("@odata.count").asLong());
    assertFalse(client.json("/v1.0/security/alerts_v2?$top=1&$count=false").has("@odata.count"));
    assertFalse(client.json("/v1.0/security/alerts_v2?$top=1").has("@odata.count"));
  }

  @Test void withoutTopPagesHoldAtMostTheLimitOfAlertsV2() {
    final JsonNode small = client.json("/v1.0/security/alerts_v2");
    assertEquals(100, small.get("value").size(), "the emulator's page size, below alerts_v2's limit");
    assertEquals(GraphClient.ids(served), GraphClient.ids(client.all("/v1.0/security/alerts_v2")));
    try (DefenderEmulator big = DefenderEmulator.builder().alerts(DefenderModel.GRAPH_ALERTS.maxTop() + 100).machines(20).now(NOW).build()
        .start()) {
      final GraphClient c = new GraphClient(big);
      final JsonNode first = c.json("/v1.0/security/alerts_v2");
      assertEquals(DefenderModel.GRAPH_ALERTS.maxTop(), first.get("value").size());
      final JsonNode second = c.http.getUrl(first.get("@odata.nextLink").asText(), c.graphToken()).json();
      assertEquals(100, second.get("value").size());
      assertFalse(second.has("@odata.nextLink"));
      final List<String> ids = new ArrayList<>(GraphClient.ids(List.copyOf(toList(first.get("value")))));
      ids.addAll(GraphClient.ids(toList(second.get("value"))));
      assertEquals(big.data().rows(DefenderModel.ALERTS).map(a -> (String) mde(a, "id")).toList(), ids);
    }
  }

  private static List<JsonNode> toList(JsonNode array) {
    final List<JsonNode> list = new ArrayList<>();
    array.forEach(list::add);
    return list;
  }
}
