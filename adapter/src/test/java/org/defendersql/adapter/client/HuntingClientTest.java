package org.defendersql.adapter.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.WireMock;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.linq4j.Enumerator;
import org.defendersql.adapter.config.DefenderConnectionConfig;
import org.defendersql.adapter.kql.KqlColumn;
import org.defendersql.adapter.kql.KqlQuery;
import org.defendersql.adapter.kql.KqlRequest;
import org.defendersql.model.hunting.HuntingModel;
import org.defendersql.model.hunting.HuntingTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hunting requests the client sends and how it reads their answers, against answers written by hand: the
 * request format and token audience of both backends, answer keys in either case and results before the schema,
 * columns Microsoft adds or retypes, call and CPU quotas, and reading on past the row cap across rows that share a
 * millisecond (equal rows included).
 */
class HuntingClientTest {
  private static final String TENANT = "8f2e6c1a-0000-4000-8000-000000000002";
  private static final HuntingTable LOGONS = HuntingModel.DEVICE_LOGON_EVENTS;
  private static final String T1 = "2026-11-20T10:00:00.1000001Z";
  private static final String T2 = "2026-11-20T10:00:05.2000001Z";
  private static final String T2B = "2026-11-20T10:00:05.2009999Z";
  private static final String T3 = "2026-11-20T10:00:09.0000000Z";
  private static final String T4 = "2026-11-20T11:00:00.0000000Z";
  private HttpsWireMock wm;

  @BeforeEach void start(@TempDir Path dir) throws Exception {
    wm = new HttpsWireMock(dir);
    wm.server.stubFor(post(urlEqualTo("/" + TENANT + "/oauth2/v2.0/token"))
        .withRequestBody(containing("graph.microsoft.com")).willReturn(token("graph-token")));
    wm.server.stubFor(post(urlEqualTo("/" + TENANT + "/oauth2/v2.0/token"))
        .withRequestBody(containing("api.securitycenter.microsoft.com")).willReturn(token("defender-token")));
  }

  @AfterEach void stop() {
    wm.server.stop();
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder token(String value) {
    return aResponse().withHeader("Content-Type", "application/json; charset=utf-8").withBody(
        "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"ext_expires_in\":3599,\"access_token\":\"" + value + "\"}");
  }

  private DefenderClient client(String api, int maxRows) {
    final Map<String, Object> operand = new LinkedHashMap<>(Map.of("serverUrl", wm.baseUrl(), "graphUrl",
        wm.baseUrl(), "authorityHost", wm.baseUrl(), "tenantId", TENANT, "clientId", "app-2", "clientSecret",
        "s3cr3t-value", "caCertFile", wm.caCertFile.toString(), "huntingApi", api));
    operand.putAll(Map.of("huntingMaxRows", maxRows, "huntingRateLimits", "off", "maxRetries", 1,
        "retryBackoff", "10ms"));
    return new DefenderClient(DefenderConnectionConfig.from(operand, k -> null));
  }

  /** {@code DeviceLogonEvents | project Timestamp, AccountName | sort by Timestamp asc}. */
  private static KqlRequest logons() {
    final List<KqlColumn> columns = KqlQuery.tableColumns(LOGONS);
    return KqlQuery.scan(LOGONS).withColumns(List.of(columns.get(0), columns.get(LOGONS.indexOf("AccountName"))))
        .bind(new Object[0]);
  }

  private static String answer(String... rows) {
    return "{\"schema\":[{\"name\":\"Timestamp\",\"type\":\"DateTime\"},{\"name\":\"AccountName\",\"type\":\"String\"}],"
        + "\"results\":[" + String.join(",", rows) + "]}";
  }

  private static String row(String time, String account) {
    return "{\"Timestamp\":\"" + time + "\",\"AccountName\":\"" + account + "\"}";
  }

  /** Answers a hunting query whose text contains {@code part} (a continuation's start, or the table). */
  private void answers(String part, String body, int priority) {
    wm.server.stubFor(post(urlEqualTo(HuntingModel.GRAPH_PATH)).atPriority(priority)
        .withRequestBody(matchingJsonPath("$.Query", containing(part)))
        .willReturn(aResponse().withHeader("Content-Type", "application/json; charset=utf-8").withBody(body)));
  }

  private static List<String> accounts(DefenderClient client, KqlRequest request) {
    final List<String> out = new ArrayList<>();
    try (Enumerator<Object[]> rows = client.huntingRows(request, null, 0)) {
      while (rows.moveNext()) {
        out.add((String) rows.current()[1]);
      }
    }
    return out;
  }

  @Test void graphGetsAGraphTokenAndAUtf8JsonBody() {
    answers(LOGONS.name(), answer(row(T1, "añа")), 5);
    final KqlRequest request = KqlQuery.scan(LOGONS).withWhere(org.defendersql.adapter.kql.KqlText.of(
        "AccountName == \"añа\""), List.of(org.defendersql.adapter.kql.KqlTimeBound.literal(true, 1_700_000_000_000L)))
        .withColumns(logons().columns()).bind(new Object[0]);
    assertEquals(List.of("añа"), accounts(client("graph", 1000), request));
    wm.server.verify(postRequestedFor(urlEqualTo(HuntingModel.GRAPH_PATH))
        .withHeader("Authorization", equalTo("Bearer graph-token"))
        .withHeader("Content-Type", equalTo("application/json; charset=utf-8"))
        .withRequestBody(equalToJson("{\"Query\":\"DeviceLogonEvents | where AccountName == \\\"añа\\\" | project"
            + " Timestamp, AccountName | sort by Timestamp asc\",\"Timespan\":\"2023-11-14T22:13:20.000Z\"}")));
  }

  @Test void theDefenderApiGetsADefenderTokenNoTimespanAndAnswersInPascalCase() {
    wm.server.stubFor(post(urlEqualTo(HuntingModel.MDE_PATH)).willReturn(aResponse()
        .withHeader("Content-Type", "application/json").withBody("{\"Stats\":{\"ExecutionTime\":0.1},"
            + "\"Results\":[{\"AccountName\":\"b\",\"Timestamp\":\"" + T2 + "\",\"Extra\":1}],"
            + "\"Schema\":[{\"Name\":\"Timestamp\",\"Type\":\"DateTime\"},{\"Name\":\"AccountName\",\"Type\":\"String\"},"
            + "{\"Name\":\"Extra\",\"Type\":\"Int64\"}]}")));
    assertEquals(List.of("b"), accounts(client("mde", 1000), logons()));
    wm.server.verify(postRequestedFor(urlEqualTo(HuntingModel.MDE_PATH))
        .withHeader("Authorization", equalTo("Bearer defender-token"))
        .withRequestBody(equalToJson("{\"Query\":\"DeviceLogonEvents | project Timestamp, AccountName | sort by"
            + " Timestamp asc\"}")));
  }

  @Test void aRetypedColumnIsAnErrorNamingTableColumnAndTypes() {
    answers(LOGONS.name(), "{\"schema\":[{\"name\":\"Timestamp\",\"type\":\"DateTime\"},{\"name\":\"AccountName\","
        + "\"type\":\"Int64\"}],\"results\":[]}", 5);
    final SQLException e = assertThrows(SQLException.class, () -> accounts(client("graph", 1000), logons()));
    assertEquals(ErrorKind.BROKEN_ANSWER.sqlState, e.getSQLState());
    assertTrue(e.getMessage().contains("The hunting table DeviceLogonEvents has changed: its column AccountName is"
        + " long (Int64) in the service's answer, but defender-sql's model says string (String)"), e.getMessage());
  }

  @Test void theCallQuotaAndTheCpuQuotaAreToldApart() {
    wm.server.stubFor(post(urlEqualTo(HuntingModel.GRAPH_PATH)).willReturn(aResponse().withStatus(429)
        .withHeader("Retry-After", "0").withHeader("Content-Type", "application/json").withBody("{\"error\":{\"code\":"
            + "\"TooManyRequests\",\"message\":\"API calls quota exceeded! maximum allowed 45 per 1 minute\"}}")));
    SQLException e = assertThrows(SQLException.class, () -> accounts(client("graph", 1000), logons()));
    assertEquals(ErrorKind.THROTTLED.sqlState, e.getSQLState());
    assertTrue(e.getMessage().contains("The advanced-hunting call quota (45 calls a minute"), e.getMessage());
    wm.server.stubFor(post(urlEqualTo(HuntingModel.GRAPH_PATH)).willReturn(aResponse().withStatus(429)
        .withHeader("Retry-After", "0").withHeader("Content-Type", "application/json").withBody("{\"error\":{\"code\":"
            + "\"TooManyRequests\",\"message\":\"Tenant exceeded the allowed CPU resources for the current cycle\"}}")));
    e = assertThrows(SQLException.class, () -> accounts(client("graph", 1000), logons()));
    assertTrue(e.getMessage().contains("The tenant's advanced-hunting CPU quota is used up; it renews in 15-minute"
        + " cycles"), e.getMessage());
  }

  /**
   * Cap 4. The first answer ends inside the millisecond of T2 (B twice, C); the second, from T2's millisecond,
   * repeats them and goes on to D at T3, cap again; the third, from T3, ends under the cap. Every row comes once,
   * the two equal B rows twice.
   */
  @Test void readingOnPastTheCapSkipsExactlyTheRowsAlreadyReturned() {
    answers(LOGONS.name() + " | project", answer(row(T1, "A"), row(T2, "B"), row(T2, "B"), row(T2B, "C")), 5);
    answers("datetime(2026-11-20T10:00:05.200Z)", answer(row(T2, "B"), row(T2, "B"), row(T2B, "C"), row(T3, "D")),
        1);
    answers("datetime(2026-11-20T10:00:09.000Z)", answer(row(T3, "D"), row(T4, "E")), 1);
    assertEquals(List.of("A", "B", "B", "C", "D", "E"), accounts(client("graph", 4), logons()));
    wm.server.verify(3, postRequestedFor(urlEqualTo(HuntingModel.GRAPH_PATH)));
    wm.server.verify(postRequestedFor(urlEqualTo(HuntingModel.GRAPH_PATH)).withRequestBody(equalToJson(
        "{\"Query\":\"DeviceLogonEvents | where Timestamp >= datetime(2026-11-20T10:00:05.200Z) | project Timestamp,"
        + " AccountName | sort by Timestamp asc\",\"Timespan\":\"2026-11-20T10:00:05.200Z\"}")));
  }

  @Test void moreRowsInOneMillisecondThanTheCapFail() {
    answers(LOGONS.name(), answer(row(T2, "B"), row(T2B, "C")), 5);
    final SQLException e = assertThrows(SQLException.class, () -> accounts(client("graph", 2), logons()));
    assertEquals(ErrorKind.LIMIT.sqlState, e.getSQLState());
    assertTrue(e.getMessage().contains("More than 2 rows of DeviceLogonEvents share the millisecond"
        + " 2026-11-20T10:00:05.200Z"), e.getMessage());
  }

  @Test void anAnswerOutOfTimeOrderIsNotReadOn() {
    answers(LOGONS.name(), answer(row(T3, "D"), row(T1, "A")), 5);
    final SQLException e = assertThrows(SQLException.class, () -> accounts(client("graph", 2), logons()));
    assertEquals(ErrorKind.BROKEN_ANSWER.sqlState, e.getSQLState());
    assertTrue(e.getMessage().contains("was not in time order"), e.getMessage());
  }

  @Test void anAnswerCutOffIsReadOnFromItsLastRow() {
    final String whole = answer(row(T1, "A"), row(T2, "B"), row(T3, "D"));
    answers(LOGONS.name() + " | project", whole.substring(0, whole.indexOf(row(T3, "D")) - 1), 5);
    answers("datetime(2026-11-20T10:00:05.200Z)", answer(row(T2, "B"), row(T3, "D")), 1);
    assertEquals(List.of("A", "B", "D"), accounts(client("graph", 100), logons()));
    wm.server.verify(2, postRequestedFor(urlPathEqualTo(HuntingModel.GRAPH_PATH)));
  }

  @Test void analystsKqlTakesTheColumnsOfItsAnswer() {
    wm.server.stubFor(post(urlEqualTo(HuntingModel.GRAPH_PATH)).withRequestBody(matchingJsonPath("$.Query",
        WireMock.equalTo("DeviceInfo | summarize n = count(), last = max(Timestamp), t = make_set(OSPlatform) by"
            + " DeviceId\n| take 0"))).willReturn(aResponse().withHeader("Content-Type", "application/json")
        .withBody("{\"schema\":[{\"name\":\"DeviceId\",\"type\":\"String\"},{\"name\":\"n\",\"type\":\"Int64\"},"
            + "{\"name\":\"last\",\"type\":\"DateTime\"},{\"name\":\"t\",\"type\":\"Object\"},{\"name\":\"w\","
            + "\"type\":\"Decimal\"}],\"results\":[]}")));
    final List<KqlColumn> columns = client("graph", 1000).huntingSchema("DeviceInfo | summarize n = count(), last ="
        + " max(Timestamp), t = make_set(OSPlatform) by DeviceId");
    assertEquals(List.of("DeviceId:string", "n:long", "last:datetime", "t:dynamic", "w:string"), columns.stream()
        .map(c -> c.name() + ":" + c.type().kqlName()).toList());
  }
}
