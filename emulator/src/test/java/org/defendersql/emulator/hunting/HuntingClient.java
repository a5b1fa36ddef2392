package org.defendersql.emulator.hunting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.TestClient;
import org.defendersql.model.hunting.HuntingModel;

/** Calls both hunting endpoints of an emulator over HTTPS with real tokens. */
final class HuntingClient {
  static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  final DefenderEmulator emulator;
  final TestClient http;
  private String graphToken;
  private String defenderToken;

  HuntingClient(DefenderEmulator emulator) {
    this.emulator = emulator;
    this.http = new TestClient(emulator);
  }

  /** A Graph token of an app (scope {@code https://graph.microsoft.com/.default}). */
  String graphToken(String clientId, String secret) {
    final TestClient.Reply r = http.token(emulator.tenantId(), "grant_type", "client_credentials", "client_id",
        clientId, "client_secret", secret, "scope", emulator.graphScope());
    if (r.status() != 200) {
      throw new AssertionError("Graph token request failed: " + r.body());
    }
    return r.json().get("access_token").asText();
  }

  String graphToken() {
    if (graphToken == null) {
      graphToken = graphToken(emulator.clientId(), emulator.clientSecret());
    }
    return graphToken;
  }

  String defenderToken() {
    if (defenderToken == null) {
      defenderToken = http.accessToken();
    }
    return defenderToken;
  }

  /** POSTs a raw body to a path. */
  TestClient.Reply post(String path, String body, String token) {
    final Request.Builder b = new Request.Builder().url(emulator.baseUrl() + path).post(RequestBody.create(body,
        JSON));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.execute(b.build());
  }

  /** Graph's runHuntingQuery with a Query and an optional Timespan. */
  TestClient.Reply graph(String query, String timespan) {
    return post(HuntingModel.GRAPH_PATH, body("Query", query, timespan), graphToken());
  }

  /** The Defender API's advancedqueries/run. */
  TestClient.Reply mde(String query) {
    return post(HuntingModel.MDE_PATH, body("Query", query, null), defenderToken());
  }

  static String body(String queryKey, String query, String timespan) {
    final ObjectNode o = TestClient.JSON.createObjectNode();
    o.put(queryKey, query);
    if (timespan != null) {
      o.put("Timespan", timespan);
    }
    return o.toString();
  }

  /** The results of a successful Graph answer. */
  JsonNode results(String query, String timespan) {
    final TestClient.Reply r = graph(query, timespan);
    if (r.status() != 200) {
      throw new AssertionError(query + " -> " + r.status() + " " + r.body());
    }
    return r.json().get("results");
  }

  /** One column of a Graph answer's results, as text. */
  List<String> column(String query, String column) {
    final List<String> values = new ArrayList<>();
    results(query, null).forEach(n -> values.add(n.get(column).isNull() ? null : n.get(column).asText()));
    return values;
  }
}
