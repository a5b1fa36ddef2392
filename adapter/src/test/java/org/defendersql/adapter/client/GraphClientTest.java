package org.defendersql.adapter.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.linq4j.Enumerator;
import org.defendersql.adapter.config.DefenderConnectionConfig;
import org.defendersql.adapter.odata.DefenderRequest;
import org.defendersql.adapter.runtime.NestedRows;
import org.defendersql.model.Column;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Graph tables' HTTP side against WireMock, one server for the Defender API and sign-in, another for the Graph
 * root: requests go to the Graph root with a Graph token, next-page links must stay on the Graph host, Graph's error
 * body gives the message and request id, evidence items' nested objects and 7-digit timestamps become columns.
 */
class GraphClientTest {
  private static final String TENANT = "8f2e6c1a-0000-4000-8000-0000000000g1";
  private static final String JSON = "application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8";
  private static final String GRAPH_ERROR = "application/json; charset=utf-8";
  private HttpsWireMock mde;
  private HttpsWireMock graph;
  private DefenderClient client;

  @BeforeEach void start(@TempDir Path dir) throws Exception {
    mde = new HttpsWireMock(Files.createDirectory(dir.resolve("mde")));
    graph = new HttpsWireMock(Files.createDirectory(dir.resolve("graph")));
    mde.server.stubFor(post(urlEqualTo("/" + TENANT + "/oauth2/v2.0/token")).atPriority(5).willReturn(token("tok-mde")));
    mde.server.stubFor(post(urlEqualTo("/" + TENANT + "/oauth2/v2.0/token")).atPriority(1)
        .withRequestBody(containing("https%3A%2F%2Fgraph.microsoft.com%2F.default")).willReturn(token("tok-graph")));
    // Both servers' certificates trusted: one PEM file holding the two.
    final Path ca = dir.resolve("both.pem");
    Files.writeString(ca, Files.readString(mde.caCertFile) + Files.readString(graph.caCertFile));
    final Map<String, Object> operand = new LinkedHashMap<>();
    operand.put("serverUrl", mde.baseUrl());
    operand.put("graphUrl", graph.baseUrl());
    operand.put("authorityHost", mde.baseUrl());
    operand.put("tenantId", TENANT);
    operand.put("clientId", "graph-client-" + System.nanoTime());
    operand.put("clientSecret", "s3cr3t-value");
    operand.put("caCertFile", ca.toString());
    operand.put("maxRetries", "0");
    client = new DefenderClient(DefenderConnectionConfig.from(operand, k -> null));
  }

  @AfterEach void stop() {
    mde.server.stop();
    graph.server.stop();
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder token(String value) {
    return aResponse().withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody("{\"token_type\":\"Bearer\",\"expires_in\":3599,\"ext_expires_in\":3599,\"access_token\":\""
            + value + "\"}");
  }

  private List<Object[]> readAll(Enumerator<Object[]> e) {
    final List<Object[]> rows = new ArrayList<>();
    try (e) {
      while (e.moveNext()) {
        rows.add(e.current());
      }
    }
    return rows;
  }

  private static Column col(Entity e, String name) {
    return e.column(name).orElseThrow();
  }

  /** A Graph alert as alerts_v2 writes it, with 7 fraction digits and typed evidence. */
  private static String alert(String id, String evidence) {
    return "{\"@odata.type\":\"#microsoft.graph.security.alert\",\"id\":\"" + id + "\",\"incidentId\":\"10042\","
        + "\"status\":\"inProgress\",\"severity\":\"high\",\"classification\":null,\"determination\":null,"
        + "\"serviceSource\":\"microsoftDefenderForEndpoint\",\"detectionSource\":\"antivirus\",\"title\":\"t\","
        + "\"createdDateTime\":\"2026-10-01T12:34:56.1234567Z\",\"lastUpdateDateTime\":\"2026-10-02T00:00:00Z\","
        + "\"mitreTechniques\":[\"T1059.001\"],\"comments\":[],\"evidence\":[" + evidence + "]}";
  }

  @Test void graphTablesGoToTheGraphRootWithAGraphToken() {
    graph.server.stubFor(get(urlPathEqualTo("/v1.0/security/alerts_v2")).atPriority(5)
        .withQueryParam("$filter", equalTo("severity eq 'high'")).willReturn(
        aResponse().withHeader("Content-Type", JSON).withBody("{\"@odata.context\":\"" + graph.baseUrl()
            + "/v1.0/$metadata#security/alerts_v2\",\"value\":[" + alert("da1", "") + "],\"@odata.nextLink\":\""
            + graph.baseUrl() + "/v1.0/security/alerts_v2?$filter=severity%20eq%20%27high%27&$skiptoken=p2\"}")));
    graph.server.stubFor(get(urlPathEqualTo("/v1.0/security/alerts_v2")).atPriority(1)
        .withQueryParam("$filter", equalTo("severity eq 'high'")).withQueryParam("$skiptoken", equalTo("p2"))
        .willReturn(aResponse().withHeader("Content-Type", JSON).withBody("{\"value\":[" + alert("da2", "") + "]}")));
    final Entity alerts = DefenderModel.GRAPH_ALERTS;
    final List<Column> columns = List.of(col(alerts, "id"), col(alerts, "severity"), col(alerts, "created_date_time"),
        col(alerts, "incident_id"), col(alerts, "mitre_techniques"));
    final DefenderRequest request = DefenderRequest.scan(alerts, columns)
        .withFilter(org.defendersql.adapter.odata.ODataFilter.of("severity eq 'high'"));
    assertEquals("GET /v1.0/security/alerts_v2?$filter=severity eq 'high'", request.toString(), "no $select ever");
    final List<Object[]> rows = readAll(client.rows(request));
    assertEquals(List.of("da1", "da2"), rows.stream().map(r -> r[0]).toList());
    assertEquals("high", rows.get(0)[1]);
    // 7 fraction digits (100 ns) cut to the millisecond
    assertEquals(Instant.parse("2026-10-01T12:34:56.123Z").toEpochMilli(), rows.get(0)[2]);
    assertEquals("10042", rows.get(0)[3]);
    assertEquals(List.of("T1059.001"), rows.get(0)[4]);
    graph.server.verify(2, getRequestedFor(urlPathEqualTo("/v1.0/security/alerts_v2"))
        .withHeader("Authorization", equalTo("Bearer tok-graph")));
    mde.server.verify(0, getRequestedFor(urlPathEqualTo("/v1.0/security/alerts_v2")));
    // counted in Graph's budget, not the Defender API's
    assertEquals(2, RateLimiters.of(client.config(), ApiFamily.GRAPH_SECURITY).calls());
    assertEquals(0, RateLimiters.of(client.config(), ApiFamily.ENTITY).calls());
    mde.server.verify(1, postRequestedFor(urlEqualTo("/" + TENANT + "/oauth2/v2.0/token"))
        .withRequestBody(containing("https%3A%2F%2Fgraph.microsoft.com%2F.default")));
  }

  @Test void aNextLinkOffTheGraphHostIsNotFollowedEvenToTheDefenderApi() {
    graph.server.stubFor(get(urlEqualTo("/v1.0/security/incidents")).willReturn(aResponse()
        .withHeader("Content-Type", JSON).withBody("{\"value\":[{\"id\":\"1\"}],\"@odata.nextLink\":\""
            + mde.baseUrl() + "/v1.0/security/incidents?$skiptoken=x\"}")));
    final Entity incidents = DefenderModel.GRAPH_INCIDENTS;
    final SQLException e = assertThrows(SQLException.class,
        () -> readAll(client.rows(DefenderRequest.scan(incidents, List.of(incidents.key())))));
    assertTrue(e.getMessage().contains("Microsoft Graph sent a next-page link outside " + graph.baseUrl()),
        e.getMessage());
    assertTrue(e.getMessage().contains("was not followed"), e.getMessage());
    mde.server.verify(0, getRequestedFor(urlPathEqualTo("/v1.0/security/incidents")));
  }

  @Test void graphsErrorBodyGivesTheMessageTheRequestIdAndThePermission() {
    graph.server.stubFor(get(urlPathEqualTo("/v1.0/security/incidents")).willReturn(aResponse().withStatus(403)
        .withHeader("Content-Type", GRAPH_ERROR).withHeader("request-id", "header-id-is-second-choice")
        .withBody("{\"error\":{\"code\":\"Forbidden\",\"message\":\"Missing role permissions on the request.\","
            + "\"innerError\":{\"date\":\"2026-11-01T10:00:00\",\"request-id\":\"5f0b7c1e-aaaa-4bbb-8ccc-000000000403\","
            + "\"client-request-id\":\"5f0b7c1e-aaaa-4bbb-8ccc-000000000403\"}}}")));
    final Entity incidents = DefenderModel.GRAPH_INCIDENTS;
    final SQLException e = assertThrows(SQLException.class,
        () -> readAll(client.rows(DefenderRequest.scan(incidents, List.of(incidents.key())))));
    final String m = e.getMessage();
    assertTrue(m.startsWith("Microsoft Graph answered HTTP 403 Forbidden: Missing role permissions on the request."),
        m);
    assertTrue(m.contains("(graph_incidents: GET /v1.0/security/incidents; request id"
        + " 5f0b7c1e-aaaa-4bbb-8ccc-000000000403)"), m);
    assertTrue(m.contains("lacks the application permission SecurityIncident.Read.All on Microsoft Graph"), m);
    assertFalse(m.contains("WindowsDefenderATP"), m);
    assertFalse(m.contains("s3cr3t-value"), m);
    assertEquals("42501", e.getSQLState());
  }

  @Test void aThrottledGraphCallNamesGraphsBudgetAndItsSetting() {
    graph.server.stubFor(get(urlPathEqualTo("/v1.0/security/alerts_v2")).willReturn(aResponse().withStatus(429)
        .withHeader("Content-Type", GRAPH_ERROR).withHeader("Retry-After", "0")
        .withBody("{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"Too many requests.\",\"innerError\":{"
            + "\"request-id\":\"r-429\"}}}")));
    final Entity alerts = DefenderModel.GRAPH_ALERTS;
    final SQLException e = assertThrows(SQLException.class,
        () -> readAll(client.rows(DefenderRequest.scan(alerts, List.of(alerts.key())))));
    final String m = e.getMessage();
    assertTrue(m.contains("150 requests a minute per app and tenant"), m);
    assertTrue(m.contains("graphRateLimits / DEFENDER_GRAPH_RATE_LIMITS"), m);
    assertTrue(m.contains("request id r-429"), m);
  }

  @Test void evidenceItemsOfEveryTypeBecomeRowsWithTheirNestedObjectsFlattened() {
    final String file = "{\"@odata.type\":\"#microsoft.graph.security.fileEvidence\","
        + "\"createdDateTime\":\"2026-10-01T12:34:56.9999999Z\",\"verdict\":\"malicious\",\"remediationStatus\":\"none\","
        + "\"roles\":[],\"tags\":[\"t1\"],\"detectionStatus\":\"detected\",\"mdeDeviceId\":\"" + "a".repeat(40)
        + "\",\"fileDetails\":{\"sha1\":\"" + "1".repeat(40) + "\",\"sha256\":\"" + "2".repeat(64)
        + "\",\"fileName\":\"evil.exe\",\"filePath\":\"C:\\\\Temp\",\"fileSize\":1234,\"filePublisher\":null}}";
    final String user = "{\"@odata.type\":\"#microsoft.graph.security.userEvidence\",\"createdDateTime\":null,"
        + "\"verdict\":\"suspicious\",\"roles\":[\"compromised\"],\"userAccount\":{\"accountName\":\"jdoe\","
        + "\"domainName\":\"CONTOSO\",\"userSid\":\"S-1-5-21-1\",\"azureAdUserId\":null,"
        + "\"userPrincipalName\":\"jdoe@contoso.com\",\"displayName\":\"J Doe\"}}";
    final String device = "{\"@odata.type\":\"#microsoft.graph.security.deviceEvidence\",\"mdeDeviceId\":\""
        + "b".repeat(40) + "\",\"deviceDnsName\":\"desktop-1.contoso.com\",\"osBuild\":22631,"
        + "\"ipInterfaces\":[\"10.0.0.5\",\"fe80::1\"],\"loggedOnUsers\":[{\"accountName\":\"x\"}]}";
    graph.server.stubFor(get(urlPathEqualTo("/v1.0/security/alerts_v2"))
        .withQueryParam("$filter", equalTo("createdDateTime ge 2026-10-01T00:00:00Z")).willReturn(aResponse().withHeader("Content-Type", JSON).withBody("{\"value\":[" + alert("da1",
            file + "," + user) + "," + alert("da2", "") + "," + alert("da3", device) + "]}")));
    final Entity ev = DefenderModel.GRAPH_ALERT_EVIDENCE;
    final List<Column> columns = List.of(col(ev, "alert_id"), col(ev, "evidence_type"),
        col(ev, "file_details_sha1"), col(ev, "file_details_file_size"), col(ev, "user_account_account_name"),
        col(ev, "roles"), col(ev, "created_date_time"), col(ev, "alert_created_date_time"), col(ev, "os_build"),
        col(ev, "ip_interfaces"), col(ev, "device_dns_name"));
    final DefenderRequest request = DefenderRequest.scan(ev, columns)
        .withFilter(org.defendersql.adapter.odata.ODataFilter.of("createdDateTime ge 2026-10-01T00:00:00Z"));
    assertEquals("GET /v1.0/security/alerts_v2?$filter=createdDateTime ge 2026-10-01T00:00:00Z", request.toString(),
        "the parent's filter, and neither $select nor $expand: Graph's evidence is inline");
    final List<Object[]> rows = readAll(NestedRows.of(request, r -> client.rowsWithCollections(r, null, 0)));
    assertEquals(3, rows.size());
    final Object[] f = rows.get(0);
    assertEquals("da1", f[0]);
    assertEquals("#microsoft.graph.security.fileEvidence", f[1]);
    assertEquals("1".repeat(40), f[2]);
    assertEquals(1234L, f[3]);
    assertNull(f[4]);
    assertEquals(List.of(), f[5]);
    assertEquals(Instant.parse("2026-10-01T12:34:56.999Z").toEpochMilli(), f[6]);
    assertEquals(Instant.parse("2026-10-01T12:34:56.123Z").toEpochMilli(), f[7]);
    final Object[] u = rows.get(1);
    assertEquals("#microsoft.graph.security.userEvidence", u[1]);
    assertNull(u[2]);
    assertEquals("jdoe", u[4]);
    assertEquals(List.of("compromised"), u[5]);
    assertNull(u[6]);
    final Object[] d = rows.get(2);
    assertEquals("da3", d[0]);
    assertEquals(22631L, d[8]);
    assertEquals(List.of("10.0.0.5", "fe80::1"), d[9]);
    assertEquals("desktop-1.contoso.com", d[10]);
  }

  @Test void aKeyedGetReadsTheOneAlertTheGraphRootAnswers() {
    graph.server.stubFor(get(urlEqualTo("/v1.0/security/alerts_v2/da637000000000000001_-1")).willReturn(aResponse()
        .withHeader("Content-Type", JSON).withBody("{\"@odata.context\":\"" + graph.baseUrl()
            + "/v1.0/$metadata#security/alerts_v2/$entity\"," + alert("da637000000000000001_-1", "").substring(1))));
    final Entity alerts = DefenderModel.GRAPH_ALERTS;
    final DefenderRequest request = DefenderRequest.scan(alerts, List.of(col(alerts, "id"), col(alerts, "status")))
        .withLookup(alerts.lookups().get(0), List.of("da637000000000000001_-1")).forKey("da637000000000000001_-1");
    final List<Object[]> rows = readAll(client.rows(request));
    assertEquals(1, rows.size());
    assertEquals("inProgress", rows.get(0)[1]);
  }
}
