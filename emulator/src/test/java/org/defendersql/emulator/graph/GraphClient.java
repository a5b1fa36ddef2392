package org.defendersql.emulator.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import okhttp3.Request;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.TestClient;

/** Calls the emulator's Graph security routes over HTTPS with real Graph tokens. */
final class GraphClient {
  final DefenderEmulator emulator;
  final TestClient http;
  private String token;

  GraphClient(DefenderEmulator emulator) {
    this.emulator = emulator;
    this.http = new TestClient(emulator);
  }

  /** A Graph token of an app (scope {@code https://graph.microsoft.com/.default}). */
  String graphToken(String clientId, String secret) {
    final TestClient.Reply r = http.token(emulator.tenantId(), "grant_type", "client_credentials", "client_id",
        clientId, "client_secret", secret, "scope", emulator.graphScope());
    assertEquals(200, r.status(), r.body());
    return r.json().get("access_token").asText();
  }

  /** The default app's Graph token. */
  String graphToken() {
    if (token == null) {
      token = graphToken(emulator.clientId(), emulator.clientSecret());
    }
    return token;
  }

  /** GETs a path and query (already encoded) on the Graph root with the default app's Graph token. */
  TestClient.Reply get(String pathAndQuery) {
    return get(pathAndQuery, graphToken());
  }

  TestClient.Reply get(String pathAndQuery, String bearer) {
    final Request.Builder b = new Request.Builder().url(emulator.graphUrl() + pathAndQuery);
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    return http.execute(b.build());
  }

  /** A successful answer's JSON. */
  JsonNode json(String pathAndQuery) {
    final TestClient.Reply r = get(pathAndQuery);
    assertEquals(200, r.status(), pathAndQuery + ": " + r.body());
    return r.json();
  }

  /** Every page of a collection, following {@code @odata.nextLink}; checks that each id comes once. */
  List<JsonNode> all(String pathAndQuery) {
    final List<JsonNode> items = new ArrayList<>();
    final Set<String> ids = new HashSet<>();
    JsonNode page = json(pathAndQuery);
    while (true) {
      page.get("value").forEach(n -> {
        assertTrue(ids.add(n.get("id").asText()), "seen once: " + n.get("id"));
        items.add(n);
      });
      final JsonNode next = page.get("@odata.nextLink");
      if (next == null) {
        return items;
      }
      final TestClient.Reply r = http.getUrl(next.asText(), graphToken());
      assertEquals(200, r.status(), next.asText() + ": " + r.body());
      page = r.json();
    }
  }

  /** The ids of a list of entities. */
  static List<String> ids(List<JsonNode> items) {
    return items.stream().map(n -> n.get("id").asText()).toList();
  }
}
