package org.defendersql.adapter.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.linq4j.Enumerator;
import org.defendersql.adapter.config.DefenderConnectionConfig;
import org.defendersql.adapter.odata.DefenderRequest;
import org.defendersql.model.Column;
import org.defendersql.model.DefenderModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exact HTTP requests the client sends: token, pages, retries on 401, refusal of foreign links. */
class DefenderClientRequestsTest {
  private static final String TENANT = "8f2e6c1a-0000-4000-8000-000000000001";
  private static final String JSON = "application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8";
  private HttpsWireMock wm;
  private DefenderClient client;
  /** Every column, so that the requests carry no $select. */
  private final List<Column> columns = DefenderModel.MACHINES.columns();
  private final int health = DefenderModel.MACHINES.indexOf(DefenderModel.MACHINES.column("health_status").orElseThrow());

  @BeforeEach void start(@TempDir Path dir) throws Exception {
    wm = new HttpsWireMock(dir);
    wm.server.stubFor(post(urlEqualTo("/" + TENANT + "/oauth2/v2.0/token")).willReturn(aResponse()
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody("{\"token_type\":\"Bearer\",\"expires_in\":3599,\"ext_expires_in\":3599,\"access_token\":\"tok-1\"}")));
    client = new DefenderClient(DefenderConnectionConfig.from(Map.of(
        "serverUrl", wm.baseUrl(), "authorityHost", wm.baseUrl(), "tenantId", TENANT, "clientId", "app-1",
        "clientSecret", "s3cr3t-value", "caCertFile", wm.caCertFile.toString()), k -> null));
  }

  @AfterEach void stop() {
    wm.server.stop();
  }

  private List<Object[]> readAll(DefenderRequest request) {
    final List<Object[]> rows = new ArrayList<>();
    try (Enumerator<Object[]> e = client.rows(request)) {
      while (e.moveNext()) {
        rows.add(e.current());
      }
    }
    return rows;
  }

  private String page(String ids, String nextLink) {
    final StringBuilder b = new StringBuilder("{\"@odata.context\":\"" + wm.baseUrl() + "/api/$metadata#Machines\",\"value\":[");
    final String[] split = ids.split(",");
    for (int i = 0; i < split.length; i++) {
      b.append(i > 0 ? "," : "").append("{\"id\":\"").append(split[i]).append("\",\"healthStatus\":\"Active\"}");
    }
    b.append("]");
    if (nextLink != null) {
      b.append(",\"@odata.nextLink\":\"").append(nextLink).append("\"");
    }
    return b.append("}").toString();
  }

  @Test void fullScanFollowsNextLinksWithOneTokenRequest() {
    wm.server.stubFor(get(urlEqualTo("/api/machines")).willReturn(aResponse().withHeader("Content-Type", JSON)
        .withBody(page("m1,m2", wm.baseUrl() + "/api/machines?$skip=2"))));
    wm.server.stubFor(get(urlEqualTo("/api/machines?$skip=2")).willReturn(aResponse().withHeader("Content-Type", JSON)
        .withBody(page("m3", null))));
    final List<Object[]> rows = readAll(DefenderRequest.scan(DefenderModel.MACHINES, columns));
    assertEquals(List.of("m1", "m2", "m3"), rows.stream().map(r -> r[0]).toList());
    assertEquals("Active", rows.get(2)[health]);
    wm.server.verify(1, postRequestedFor(urlEqualTo("/" + TENANT + "/oauth2/v2.0/token"))
        .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("grant_type=client_credentials"))
        .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(
            "https%3A%2F%2Fapi.securitycenter.microsoft.com%2F.default")));
    wm.server.verify(1, getRequestedFor(urlEqualTo("/api/machines")).withHeader("Authorization", equalTo("Bearer tok-1")));
    wm.server.verify(1, getRequestedFor(urlEqualTo("/api/machines?$skip=2")));
    readAll(DefenderRequest.scan(DefenderModel.MACHINES, columns));
    wm.server.verify(1, postRequestedFor(urlPathEqualTo("/" + TENANT + "/oauth2/v2.0/token")));
  }

  @Test void a401IsRetriedOnceWithAFreshToken() {
    wm.server.stubFor(get(urlEqualTo("/api/machines")).inScenario("revoked").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json; charset=utf-8")
            .withBody("{\"error\":{\"code\":\"Unauthorized\",\"message\":\"expired\",\"target\":\"|ab.\"}}"))
        .willSetStateTo("fresh"));
    wm.server.stubFor(get(urlEqualTo("/api/machines")).inScenario("revoked").whenScenarioStateIs("fresh")
        .willReturn(aResponse().withHeader("Content-Type", JSON).withBody(page("m1", null))));
    assertEquals(1, readAll(DefenderRequest.scan(DefenderModel.MACHINES, columns)).size());
    wm.server.verify(2, postRequestedFor(urlPathEqualTo("/" + TENANT + "/oauth2/v2.0/token")));
    wm.server.verify(2, getRequestedFor(urlEqualTo("/api/machines")));
  }

  @Test void aForeignNextLinkIsNotFollowed() {
    wm.server.stubFor(get(urlEqualTo("/api/machines")).willReturn(aResponse().withHeader("Content-Type", JSON)
        .withBody(page("m1", "https://evil.example.com/api/machines?$skip=1"))));
    final SQLException e = assertThrows(SQLException.class,
        () -> readAll(DefenderRequest.scan(DefenderModel.MACHINES, columns)));
    assertTrue(e.getMessage().contains("was not followed"), e.getMessage());
  }

  @Test void aRepeatedNextLinkStopsTheQuery() {
    wm.server.stubFor(get(urlEqualTo("/api/machines")).willReturn(aResponse().withHeader("Content-Type", JSON)
        .withBody(page("m1", wm.baseUrl() + "/api/machines?$skip=1"))));
    wm.server.stubFor(get(urlEqualTo("/api/machines?$skip=1")).willReturn(aResponse().withHeader("Content-Type", JSON)
        .withBody(page("m2", wm.baseUrl() + "/api/machines?$skip=1"))));
    final SQLException e = assertThrows(SQLException.class,
        () -> readAll(DefenderRequest.scan(DefenderModel.MACHINES, columns)));
    assertTrue(e.getMessage().contains("paging went in a loop"), e.getMessage());
  }

  @Test void a403NamesTheMissingPermissionAndTheRequestId() {
    wm.server.stubFor(get(urlEqualTo("/api/machines")).willReturn(aResponse().withStatus(403)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody("{\"error\":{\"code\":\"Forbidden\",\"message\":\"Missing application roles. API required roles:"
            + " Machine.Read.All, Machine.ReadWrite.All\",\"target\":\"|4b1c0d2e-9f8a7b6c5d4e3f2a.\"}}")));
    final SQLException e = assertThrows(SQLException.class,
        () -> readAll(DefenderRequest.scan(DefenderModel.MACHINES, columns)));
    final String m = e.getMessage();
    assertTrue(m.contains("HTTP 403 Forbidden"), m);
    assertTrue(m.contains("request id |4b1c0d2e-9f8a7b6c5d4e3f2a."), m);
    assertTrue(m.contains("lacks the application permission Machine.Read.All"), m);
    assertTrue(!m.contains("s3cr3t-value"), m);
    wm.server.verify(1, getRequestedFor(urlEqualTo("/api/machines")).withHeader("Authorization", equalTo("Bearer tok-1"))
        .withHeader("Cookie", absent()));
  }
}
