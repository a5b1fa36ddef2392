package org.defendersql.emulator.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import okhttp3.Request;
import okhttp3.Response;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.TestClient;
import org.junit.jupiter.api.Test;

/** The emulator's injected faults and quotas look like the real service's answers. */
class FaultsAndQuotasTest {

  /** Status, Retry-After and body of a GET. */
  private record Answer(int status, String retryAfter, String body) {
    JsonNode error() throws IOException {
      return TestClient.JSON.readTree(body).get("error");
    }
  }

  private static Answer get(TestClient client, String url, String token) throws IOException {
    try (Response r = client.http().newCall(new Request.Builder().url(url)
        .header("Authorization", "Bearer " + token).build()).execute()) {
      return new Answer(r.code(), r.header("Retry-After"), r.body().string());
    }
  }

  @Test void quotasAnswer429WithTheRealBodyAndRetryAfter() throws Exception {
    try (DefenderEmulator e = DefenderEmulator.builder().alerts(10).machines(5)
        .quota(3, Duration.ofSeconds(30)).quota(100, Duration.ofHours(1)).build().start()) {
      final TestClient client = new TestClient(e);
      final String token = client.accessToken();
      for (int i = 0; i < 3; i++) {
        assertEquals(200, get(client, e.baseUrl() + "/api/alerts", token).status());
      }
      final Answer a = get(client, e.baseUrl() + "/api/machines", token);
      assertEquals(429, a.status());
      assertEquals("429", a.error().get("code").asText());
      assertEquals("API calls quota exceeded! maximum allowed 3 per 00:00:30", a.error().get("message").asText());
      assertTrue(a.error().get("target").asText().startsWith("|"));
      final long retryAfter = Long.parseLong(a.retryAfter());
      assertTrue(retryAfter >= 29 && retryAfter <= 30, a.retryAfter());
      assertEquals("API calls quota exceeded! maximum allowed 1500 per 01:00:00",
          new Quota(1500, Duration.ofHours(1)).message());
    }
  }

  @Test void faultsHitTheNthRequestOfTheirEndpointOnly() throws Exception {
    try (DefenderEmulator e = DefenderEmulator.builder().alerts(30).machines(5).pageSize(10).build().start()) {
      final TestClient client = new TestClient(e);
      final String token = client.accessToken();
      e.faults().retryAfterSeconds(7).on("/api/alerts").nth(2, Fault.THROTTLE).nth(3, Fault.UNAVAILABLE);
      assertEquals(200, get(client, e.baseUrl() + "/api/alerts", token).status());
      assertEquals(200, get(client, e.baseUrl() + "/api/machines", token).status(), "another endpoint");
      final Answer throttled = get(client, e.baseUrl() + "/api/alerts", token);
      assertEquals(429, throttled.status());
      assertEquals("7", throttled.retryAfter());
      assertEquals("TooManyRequests", throttled.error().get("code").asText());
      assertEquals(503, get(client, e.baseUrl() + "/api/alerts", token).status());
      assertEquals(200, get(client, e.baseUrl() + "/api/alerts", token).status());
    }
  }

  @Test void bodyFaultsBreakThePageAndTheLoopRepeatsItsOwnLink() throws Exception {
    try (DefenderEmulator e = DefenderEmulator.builder().alerts(30).machines(5).pageSize(10).build().start()) {
      final TestClient client = new TestClient(e);
      final String token = client.accessToken();
      e.faults().on("/api/alerts").nth(1, Fault.TRUNCATED_JSON).nth(2, Fault.MALFORMED_JSON)
          .nth(3, Fault.LOOPING_NEXT_LINK).nth(4, Fault.DROPPED_MID_BODY).nth(5, Fault.CONNECTION_RESET);
      final String url = e.baseUrl() + "/api/alerts?$skip=10";
      final Answer truncated = get(client, url, token);
      assertEquals(200, truncated.status());
      assertThrows(IOException.class, () -> TestClient.JSON.readTree(truncated.body()));
      final Answer malformed = get(client, url, token);
      assertThrows(IOException.class, () -> TestClient.JSON.readTree(malformed.body()));
      final JsonNode loop = TestClient.JSON.readTree(get(client, url, token).body());
      assertEquals(url, loop.get("@odata.nextLink").asText());
      assertThrows(IOException.class, () -> get(client, url, token), "dropped mid-body");
      assertThrows(IOException.class, () -> get(client, url, token), "reset");
      assertEquals(200, get(client, url, token).status());
    }
  }

  @Test void anExpiredTokenStaysExpiredAndARemovedPermissionIsForbidden() throws Exception {
    try (DefenderEmulator e = DefenderEmulator.builder().alerts(10).machines(5).build().start()) {
      final TestClient client = new TestClient(e);
      final String token = client.accessToken();
      e.faults().on("/api/alerts").nth(1, Fault.EXPIRED_TOKEN).nth(3, Fault.PERMISSION_REMOVED);
      final Answer expired = get(client, e.baseUrl() + "/api/alerts", token);
      assertEquals(401, expired.status());
      assertEquals("The access token has expired.", expired.error().get("message").asText());
      assertEquals(401, get(client, e.baseUrl() + "/api/machines", token).status(), "the same token, elsewhere");
      final String fresh = client.accessToken();
      assertEquals(200, get(client, e.baseUrl() + "/api/alerts", fresh).status());
      final Answer forbidden = get(client, e.baseUrl() + "/api/alerts", fresh);
      assertEquals(403, forbidden.status());
      assertTrue(forbidden.error().get("message").asText().startsWith(
          "Missing application roles. API required roles: Alert.Read.All"), forbidden.body());
    }
  }

  @Test void aSlowAnswerComesAfterTheDelay() throws Exception {
    try (DefenderEmulator e = DefenderEmulator.builder().alerts(10).machines(5).build().start()) {
      final TestClient client = new TestClient(e);
      final String token = client.accessToken();
      e.faults().slowDelay(Duration.ofMillis(600)).on("/api/machines").nth(1, Fault.SLOW);
      final long start = System.nanoTime();
      assertEquals(200, get(client, e.baseUrl() + "/api/machines", token).status());
      assertTrue(System.nanoTime() - start >= 600_000_000L);
    }
  }
}
