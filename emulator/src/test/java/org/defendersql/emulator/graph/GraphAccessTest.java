package org.defendersql.emulator.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.RecordedRequest;
import org.defendersql.emulator.TestClient;
import org.defendersql.emulator.TestClient.Reply;
import org.defendersql.emulator.faults.Fault;
import org.defendersql.emulator.faults.Quota;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.settings.Setting;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who may read Graph's alerts and incidents, and how much: Graph tokens only (an MDE token is Graph's 401), the
 * security roles of each table (403 without), the {@code /security} budget of 150 calls a minute per app counted
 * apart from the MDE API's (429 with {@code Retry-After}), faults in Graph's shape, the request log, and the MDE API
 * switched off (410 Gone on every {@code /api} route while Graph and runHuntingQuery answer).
 */
class GraphAccessTest {
  private static final String ALERTS = "/v1.0/security/alerts_v2?$top=1";
  private static final String INCIDENTS = "/v1.0/security/incidents?$top=1";
  private static DefenderEmulator emulator;
  private static GraphClient client;

  @BeforeAll static void start() {
    emulator = DefenderEmulator.builder().alerts(60).machines(10).now(Instant.parse("2026-11-30T12:00:00Z"))
        .build().start();
    client = new GraphClient(emulator);
  }

  @AfterAll static void stop() {
    emulator.close();
  }

  private static List<String> roles(String token) throws Exception {
    final JsonNode claims = TestClient.JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    final List<String> roles = new ArrayList<>();
    if (claims.has("roles")) {
      claims.get("roles").forEach(r -> roles.add(r.asText()));
    }
    return roles;
  }

  // ---- tokens and roles

  @Test void theDefaultAppReadsAlertsAndIncidentsWithAGraphToken() throws Exception {
    assertTrue(roles(client.graphToken()).containsAll(List.of("SecurityAlert.Read.All", "SecurityIncident.Read.All",
        "ThreatHunting.Read.All")), roles(client.graphToken()).toString());
    assertEquals(200, client.get(ALERTS).status());
    assertEquals(200, client.get(INCIDENTS).status());
  }

  @Test void anMdeTokenOrNoneIsGraphs401() {
    final Reply mde = client.get(ALERTS, client.http.accessToken());
    GraphODataRulesTest.assertError(mde, 401, "InvalidAuthenticationToken",
        "Access token validation failure. Invalid audience.", false);
    GraphODataRulesTest.assertError(client.get(INCIDENTS, client.http.accessToken()), 401,
        "InvalidAuthenticationToken", "Access token validation failure. Invalid audience.", false);
    GraphODataRulesTest.assertError(client.get(ALERTS, null), 401, "InvalidAuthenticationToken",
        "Authorization header is missing or is not a Bearer token.", false);
    // And the MDE API refuses a Graph token, as before.
    assertEquals(403, client.http.get("/api/alerts?$top=1", client.graphToken()).status());
  }

  @Test void eachTableNeedsItsSecurityRole() {
    emulator.registerApp("22222222-0000-4000-8000-000000000001", "Emu8Q~incidents-only",
        Set.of("SecurityIncident.Read.All"));
    final String incidentsOnly = client.graphToken("22222222-0000-4000-8000-000000000001", "Emu8Q~incidents-only");
    GraphODataRulesTest.assertError(client.get(ALERTS, incidentsOnly), 403, "Forbidden", "Missing application "
        + "roles. API required roles: SecurityAlert.Read.All, SecurityAlert.ReadWrite.All. Application roles: "
        + "SecurityIncident.Read.All.", false);
    assertEquals(403, client.get("/v1.0/security/alerts_v2/x1", incidentsOnly).status());
    assertEquals(200, client.get(INCIDENTS, incidentsOnly).status());
    emulator.registerApp("22222222-0000-4000-8000-000000000002", "Emu8Q~alerts-readwrite",
        Set.of("SecurityAlert.ReadWrite.All", "ThreatHunting.Read.All"));
    final String alertsOnly = client.graphToken("22222222-0000-4000-8000-000000000002", "Emu8Q~alerts-readwrite");
    assertEquals(200, client.get(ALERTS, alertsOnly).status());
    GraphODataRulesTest.assertError(client.get(INCIDENTS + "&$expand=alerts", alertsOnly), 403, "Forbidden",
        "Missing application roles. API required roles: SecurityIncident.Read.All, SecurityIncident.ReadWrite.All."
        + " Application roles: SecurityAlert.ReadWrite.All, ThreatHunting.Read.All.", false);
    emulator.registerApp("22222222-0000-4000-8000-000000000003", "Emu8Q~mde-only", Set.of("Alert.Read.All"));
    final String none = client.graphToken("22222222-0000-4000-8000-000000000003", "Emu8Q~mde-only");
    GraphODataRulesTest.assertError(client.get(ALERTS, none), 403, "Forbidden", "Missing application roles. API "
        + "required roles: SecurityAlert.Read.All, SecurityAlert.ReadWrite.All. Application roles: none.", false);
  }

  // ---- faults and the request log

  @Test void faultsAnswerInGraphsShape() {
    emulator.faults().clear();
    emulator.faults().retryAfterSeconds(7);
    emulator.faults().on("/v1.0/security/alerts_v2").nth(1, Fault.THROTTLE).nth(2, Fault.PERMISSION_REMOVED)
        .nth(3, Fault.UNAVAILABLE);
    try {
      final Reply throttled = client.get(ALERTS);
      GraphODataRulesTest.assertError(throttled, 429, "TooManyRequests", "Too many requests. Retry after 7 seconds.",
          false);
      GraphODataRulesTest.assertError(client.get(ALERTS), 403, "Forbidden", "Missing application roles. API "
          + "required roles: SecurityAlert.Read.All, SecurityAlert.ReadWrite.All. Application roles: "
          + String.join(", ", rolesOf(client.graphToken()).stream().filter(r -> !r.startsWith("SecurityAlert"))
          .toList()) + ".", false);
      GraphODataRulesTest.assertError(client.get(ALERTS), 503, "ServiceUnavailable",
          "The service is temporarily unavailable.", false);
      assertEquals(200, client.get(ALERTS).status());
      final Reply retry = client.http.execute(new Request.Builder().url(emulator.graphUrl() + ALERTS)
          .header("Authorization", "Bearer " + client.graphToken()).build());
      assertEquals(200, retry.status());
    } finally {
      emulator.faults().clear();
    }
    emulator.faults().on("/v1.0/security/incidents").nth(1, Fault.THROTTLE);
    try {
      final okhttp3.Response r = client.http.http().newCall(new Request.Builder().url(emulator.graphUrl()
          + INCIDENTS).header("Authorization", "Bearer " + client.graphToken()).build()).execute();
      assertEquals(429, r.code());
      assertEquals("7", r.header("Retry-After"));
      r.close();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    } finally {
      emulator.faults().clear();
    }
  }

  private static List<String> rolesOf(String token) {
    try {
      return roles(token);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test void graphRequestsAreLoggedWithTheirApp() {
    emulator.clearRequestLog();
    assertEquals(200, client.get("/v1.0/security/incidents?$top=2&$expand=alerts").status());
    assertEquals(400, client.get("/v1.0/security/incidents?$top=51").status());
    final List<RecordedRequest> log = emulator.requestLog().stream()
        .filter(r -> r.path().startsWith("/v1.0/security/")).toList();
    assertEquals(2, log.size(), log.toString());
    assertEquals("$top=2&$expand=alerts", log.get(0).rawQuery());
    assertEquals(200, log.get(0).status());
    assertEquals(400, log.get(1).status());
    assertEquals(emulator.clientId(), log.get(0).clientId());
  }

  // ---- the /security budget

  @Test void realBudgetIs150CallsAMinutePerAppApartFromTheMdeApis() {
    try (DefenderEmulator e = DefenderEmulator.builder().alerts(20).machines(5).realGraphQuotas().build().start()) {
      assertEquals(List.of(new Quota(150, Duration.ofMinutes(1))), e.graphQuotas());
      assertEquals("150/60s", e.environment().get(Setting.GRAPH_RATE_LIMITS.env));
      assertEquals("off", e.environment().get(Setting.RATE_LIMITS.env));
      final GraphClient c = new GraphClient(e);
      for (int i = 0; i < 150; i++) {
        final Reply r = c.get(i % 2 == 0 ? ALERTS : INCIDENTS);
        assertEquals(200, r.status(), "call " + (i + 1) + ": " + r.body());
      }
      final okhttp3.Response refused = c.http.http().newCall(new Request.Builder().url(e.graphUrl() + ALERTS)
          .header("Authorization", "Bearer " + c.graphToken()).build()).execute();
      assertEquals(429, refused.code());
      final long retryAfter = Long.parseLong(refused.header("Retry-After"));
      assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
      final JsonNode error = TestClient.JSON.readTree(refused.body().string()).get("error");
      refused.close();
      assertEquals("TooManyRequests", error.get("code").asText());
      assertEquals("Too many requests: Microsoft Graph's security API allows 150 requests per 00:01:00 per "
          + "application and tenant. Retry after " + retryAfter + " seconds.", error.get("message").asText());
      // The MDE API and hunting have their own budgets.
      assertEquals(200, c.http.get("/api/alerts?$top=1", c.http.accessToken()).status());
    } catch (java.io.IOException ex) {
      throw new AssertionError(ex);
    }
  }

  @Test void budgetCountsPerAppAndRefusedCallsDoNotCount() {
    try (DefenderEmulator e = DefenderEmulator.builder().alerts(20).machines(5).graphQuota(3, Duration.ofHours(1))
        .build().start()) {
      assertEquals("3/3600s", e.environment().get(Setting.GRAPH_RATE_LIMITS.env));
      final GraphClient c = new GraphClient(e);
      for (int i = 0; i < 3; i++) {
        assertEquals(200, c.get(INCIDENTS).status());
      }
      for (int i = 0; i < 3; i++) {
        final Reply r = c.get(ALERTS);
        assertEquals(429, r.status(), r.body());
        assertEquals("TooManyRequests", r.json().get("error").get("code").asText());
      }
      e.registerApp("33333333-0000-4000-8000-000000000001", "Emu8Q~other", Set.of("SecurityAlert.Read.All"));
      final String other = c.graphToken("33333333-0000-4000-8000-000000000001", "Emu8Q~other");
      for (int i = 0; i < 3; i++) {
        assertEquals(200, c.get(ALERTS, other).status(), "another app has its own budget");
      }
      assertEquals(429, c.get(ALERTS, other).status());
    }
  }

  // ---- the MDE API switched off

  @Test void retiredMdeApiAnswers410WhileGraphKeepsWorking() throws Exception {
    try (DefenderEmulator e = DefenderEmulator.builder().alerts(40).machines(8).retireMdeApi().build().start()) {
      assertTrue(e.mdeApiRetired());
      final GraphClient c = new GraphClient(e);
      final String mdeToken = c.http.accessToken();
      final String id = e.data().rows(DefenderModel.ALERTS).findFirst().orElseThrow()[0].toString();
      for (String path : List.of("/api/alerts", "/api/alerts?$top=1", "/api/alerts/" + id, "/api/machines",
          "/api/files/0123456789abcdef0123456789abcdef01234567/stats", "/api/v1.0/alerts", "/API/Alerts",
          "/api/unknown/route")) {
        final Reply r = c.http.get(path, mdeToken);
        assertEquals(410, r.status(), path + ": " + r.body());
        final JsonNode error = r.json().get("error");
        assertEquals("Gone", error.get("code").asText());
        assertTrue(error.get("message").asText().startsWith("The Microsoft Defender for Endpoint API is retired"),
            error.toString());
        assertTrue(error.get("message").asText().contains("MC1220762"), error.toString());
        assertTrue(error.get("message").asText().contains("/v1.0/security/alerts_v2"), error.toString());
      }
      final MediaType json = MediaType.get("application/json; charset=utf-8");
      final Reply hunting = c.http.execute(new Request.Builder().url(e.baseUrl() + "/api/advancedqueries/run")
          .header("Authorization", "Bearer " + mdeToken).post(RequestBody.create("{\"Query\":\"AlertInfo | take 1\"}",
              json)).build());
      assertEquals(410, hunting.status(), hunting.body());
      // Graph answers: alerts, incidents, the alert by id, and advanced hunting.
      assertEquals(id, c.json("/v1.0/security/alerts_v2?$top=1").get("value").get(0).get("id").asText());
      assertEquals(id, c.json("/v1.0/security/alerts_v2/" + id).get("id").asText());
      assertEquals(200, c.get(INCIDENTS + "&$expand=alerts").status());
      final Reply graphHunting = c.http.execute(new Request.Builder().url(e.graphUrl()
          + "/v1.0/security/runHuntingQuery").header("Authorization", "Bearer " + c.graphToken())
          .post(RequestBody.create("{\"Query\":\"AlertInfo | take 1\"}", json)).build());
      assertEquals(200, graphHunting.status(), graphHunting.body());
    }
    // Not retired: the MDE API answers.
    assertEquals(200, client.http.get("/api/alerts?$top=1", client.http.accessToken()).status());
  }
}
