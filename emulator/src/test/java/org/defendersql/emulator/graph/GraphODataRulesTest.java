package org.defendersql.emulator.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.TestClient.Reply;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Graph's OData rules on {@code alerts_v2} and {@code incidents}, each answering its exact status and body: only the
 * model's query options, {@code $filter} on the model's filterable properties with exact camelCase enum members,
 * {@code $top} within each table's limit, and Graph's error body with its request ids; filters select exactly the
 * emulator's Graph rows that match.
 */
class GraphODataRulesTest {
  private static DefenderEmulator emulator;
  private static GraphClient client;

  @BeforeAll static void start() {
    emulator = DefenderEmulator.builder().alerts(300).machines(30).now(Instant.parse("2026-11-30T12:00:00Z"))
        .build().start();
    client = new GraphClient(emulator);
  }

  @AfterAll static void stop() {
    emulator.close();
  }

  private static final String ALERTS = "/v1.0/security/alerts_v2";
  private static final String INCIDENTS = "/v1.0/security/incidents";

  /** Asserts Graph's error body: code, message, innerError ids (matching the headers), and details when given. */
  static void assertError(Reply r, int status, String code, String message, boolean details) {
    assertEquals(status, r.status(), r.body());
    assertTrue(r.contentType().startsWith("application/json"), r.contentType());
    final JsonNode error = r.json().get("error");
    assertEquals(details ? List.of("code", "message", "details", "innerError") : List.of("code", "message",
        "innerError"), GraphJsonAssert.fieldNames(error), r.body());
    assertEquals(code, error.get("code").asText(), r.body());
    assertEquals(message, error.get("message").asText(), r.body());
    if (details) {
      assertEquals("[]", error.get("details").toString());
    }
    final JsonNode inner = error.get("innerError");
    assertEquals(List.of("date", "request-id", "client-request-id"), GraphJsonAssert.fieldNames(inner));
    assertTrue(inner.get("date").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d"), inner.toString());
    assertTrue(inner.get("request-id").asText().matches("[0-9a-f-]{36}"), inner.toString());
    assertEquals(r.requestId(), inner.get("request-id").asText());
  }

  private static String notAllowed(String option) {
    return "The query specified in the URI is not valid. Query option '" + option + "' is not allowed. To allow it,"
        + " set the 'AllowedQueryOptions' property on EnableQueryAttribute or QueryValidationSettings.";
  }

  // ---- options

  @Test void onlyTheModelsOptionsAreTaken() {
    assertError(client.get(ALERTS + "?$select=id"), 400, "", notAllowed("Select"), true);
    assertError(client.get(ALERTS + "?$orderby=createdDateTime"), 400, "", notAllowed("OrderBy"), true);
    assertError(client.get(ALERTS + "?$expand=evidence"), 400, "", notAllowed("Expand"), true);
    assertError(client.get(INCIDENTS + "?$select=id"), 400, "", notAllowed("Select"), true);
    assertError(client.get(INCIDENTS + "?$orderby=id"), 400, "", notAllowed("OrderBy"), true);
    assertError(client.get(ALERTS + "?$search=x"), 400, "", notAllowed("Search"), true);
    final String id = emulator.graph().rows(DefenderModel.GRAPH_ALERTS).findFirst().orElseThrow()[0].toString();
    assertError(client.get(ALERTS + "/" + id + "?$top=1"), 400, "", notAllowed("Top"), true);
    assertError(client.get(ALERTS + "/" + id + "?$filter=severity%20eq%20'high'"), 400, "", notAllowed("Filter"),
        true);
    assertError(client.get(ALERTS + "?$foo=1"), 400, "BadRequest", "The query parameter '$foo' is not supported.",
        false);
    assertError(client.get(ALERTS + "?$top=1&$top=2"), 400, "BadRequest", "Query option '$top' was specified more "
        + "than once, but it must be specified at most once.", false);
    assertError(client.get(ALERTS + "?$count=yes"), 400, "BadRequest", "'yes' is not a valid count option.", false);
    assertError(client.get(ALERTS + "?$top=abc"), 400, "BadRequest", "Invalid value 'abc' for $top query option "
        + "found. The $top query option requires a non-negative integer value.", false);
    assertError(client.get(ALERTS + "?$skip=-1"), 400, "BadRequest", "Invalid value '-1' for $skip query option "
        + "found. The $skip query option requires a non-negative integer value.", false);
    assertError(client.get(ALERTS + "?$skiptoken=bogus"), 400, "BadRequest", "The $skiptoken value is not valid: "
        + "follow @odata.nextLink as it was received.", false);
    assertError(client.get(INCIDENTS + "?$expand=comments"), 400, "BadRequest", "Property 'comments' on type "
        + "'microsoft.graph.security.incident' is not a navigation property or complex property. Only navigation "
        + "properties can be expanded.", false);
    assertError(client.get(INCIDENTS + "?$expand=foo"), 400, "BadRequest", "Could not find a property named 'foo' "
        + "on type 'microsoft.graph.security.incident'.", false);
    // Parameters without a $ are not OData's: ignored.
    assertEquals(2, client.json(ALERTS + "?$top=2&api-version=1").get("value").size());
  }

  @Test void topBeyondEachTablesLimitIsGraphsValidatorError() {
    assertError(client.get(INCIDENTS + "?$top=100"), 400, "", "The query specified in the URI is not valid. The "
        + "limit of '50' for Top query has been exceeded. The value from the incoming request is '100'.", true);
    assertError(client.get(ALERTS + "?$top=1001"), 400, "", "The query specified in the URI is not valid. The "
        + "limit of '1000' for Top query has been exceeded. The value from the incoming request is '1001'.", true);
    assertEquals(50, client.json(INCIDENTS + "?$top=50").get("value").size());
    assertEquals(300, client.json(ALERTS + "?$top=1000").get("value").size());
  }

  /** Graph's alerts take a $skip of at most 500 ({@code $top=10&$skip=501} is a 400); paging is by next link. */
  @Test void skipBeyondTheAlertsCapIsRefused() {
    assertError(client.get(ALERTS + "?$top=10&$skip=501"), 400, "BadRequest", "The limit of '500' for Skip query "
        + "has been exceeded. The value from the incoming request is '501'.", false);
    assertEquals(10, client.json(ALERTS + "?$top=10&$skip=290").get("value").size());
    assertEquals(0, client.json(ALERTS + "?$top=10&$skip=500").get("value").size());
  }

  // ---- $filter

  @Test void filterTakesTheModelsFilterablePropertiesOnly() {
    assertError(client.get(ALERTS + "?$filter=foo%20eq%20'x'"), 400, "BadRequest", "Invalid filter clause: Could not "
        + "find a property named 'foo' on type 'microsoft.graph.security.alert'.", false);
    assertError(client.get(ALERTS + "?$filter=title%20eq%20'x'"), 400, "BadRequest", "Invalid filter clause: The "
        + "property 'title' cannot be used in the $filter query option.", false);
    assertError(client.get(ALERTS + "?$filter=detectionSource%20eq%20'antivirus'"), 400, "BadRequest",
        "Invalid filter clause: The property 'detectionSource' cannot be used in the $filter query option.", false);
    assertError(client.get(INCIDENTS + "?$filter=serviceSource%20eq%20'x'"), 400, "BadRequest", "Invalid filter "
        + "clause: Could not find a property named 'serviceSource' on type 'microsoft.graph.security.incident'.",
        false);
    assertError(client.get(ALERTS + "?$filter=startswith(assignedTo,'soc')"), 400, "BadRequest", "Invalid filter "
        + "clause: The operator 'startswith' is not allowed on the property 'assignedTo' in the $filter query "
        + "option; allowed: eq, ne, gt, ge, lt, le.", false);
    assertError(client.get(ALERTS + "?$filter=severity%20eq"), 400, "BadRequest", "Invalid filter clause: Syntax "
        + "error at position 11 in 'severity eq'.", false);
  }

  @Test void enumMembersMustBeGraphsCamelCaseExactly() {
    assertError(client.get(ALERTS + "?$filter=severity%20eq%20'High'"), 400, "BadRequest", "Invalid filter clause: "
        + "The string 'High' is not a valid enumeration type constant.", false);
    assertError(client.get(ALERTS + "?$filter=status%20eq%20'InProgress'"), 400, "BadRequest", "Invalid filter "
        + "clause: The string 'InProgress' is not a valid enumeration type constant.", false);
    assertError(client.get(INCIDENTS + "?$filter=status%20eq%20'ACTIVE'"), 400, "BadRequest", "Invalid filter "
        + "clause: The string 'ACTIVE' is not a valid enumeration type constant.", false);
    assertError(client.get(ALERTS + "?$filter=severity%20eq%20'critical'"), 400, "BadRequest", "Invalid filter "
        + "clause: The string 'critical' is not a valid enumeration type constant.", false);
    // The MDE API still takes its members in any case.
    final Reply mde = client.http.get("/api/alerts?$top=1&$filter=severity%20eq%20'HIGH'", client.http.accessToken());
    assertEquals(200, mde.status(), mde.body());
  }

  @Test void filtersSelectExactlyTheMatchingGraphRows() {
    final Entity a = DefenderModel.GRAPH_ALERTS;
    final List<Object[]> alerts = emulator.graph().rows(a).toList();
    final Instant mid = (Instant) alerts.get(alerts.size() / 2)[index(a, "createdDateTime")];
    final String analyst = alerts.stream().map(r -> (String) r[index(a, "assignedTo")])
        .filter(s -> s != null && s.startsWith("soc-")).findFirst().orElseThrow();
    assertFilter(a, alerts, "severity eq 'high'", r -> "high".equals(v(a, r, "severity")));
    assertFilter(a, alerts, "severity ge 'medium'", r -> List.of("medium", "high").contains(v(a, r, "severity")));
    assertFilter(a, alerts, "status eq 'inProgress' or status eq 'new'",
        r -> List.of("inProgress", "new").contains(v(a, r, "status")));
    assertFilter(a, alerts, "classification eq 'truePositive' and determination eq 'malware'",
        r -> "truePositive".equals(v(a, r, "classification")) && "malware".equals(v(a, r, "determination")));
    assertFilter(a, alerts, "determination eq 'unknown'", r -> "unknown".equals(v(a, r, "determination")));
    assertFilter(a, alerts, "serviceSource eq 'microsoftDefenderForOffice365'",
        r -> "microsoftDefenderForOffice365".equals(v(a, r, "serviceSource")));
    assertFilter(a, alerts, "assignedTo eq '" + analyst + "'", r -> analyst.equals(v(a, r, "assignedTo")));
    assertFilter(a, alerts, "assignedTo eq null", r -> v(a, r, "assignedTo") == null);
    assertFilter(a, alerts, "createdDateTime ge " + literal(mid), r -> !((Instant) v(a, r, "createdDateTime")).isBefore(mid));
    assertFilter(a, alerts, "lastUpdateDateTime lt " + literal(mid), r -> ((Instant) v(a, r, "lastUpdateDateTime"))
        .isBefore(mid));
    final Entity i = DefenderModel.GRAPH_INCIDENTS;
    final List<Object[]> incidents = emulator.graph().rows(i).toList();
    assertFilter(i, incidents, "status eq 'active'", r -> "active".equals(v(i, r, "status")));
    assertFilter(i, incidents, "severity eq 'high' and status ne 'resolved'",
        r -> "high".equals(v(i, r, "severity")) && !"resolved".equals(v(i, r, "status")));
    assertFilter(i, incidents, "classification eq 'falsePositive'", r -> "falsePositive".equals(
        v(i, r, "classification")));
    assertFilter(i, incidents, "createdDateTime lt " + literal(mid), r -> ((Instant) v(i, r, "createdDateTime"))
        .isBefore(mid));
  }

  /** A date-time literal as Graph takes it: seven fraction digits at most. */
  private static String literal(Instant t) {
    return java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSS'Z'")
        .withZone(java.time.ZoneOffset.UTC).format(t);
  }

  private static int index(Entity e, String jsonName) {
    return e.indexOf(e.property(jsonName).orElseThrow());
  }

  private static Object v(Entity e, Object[] row, String jsonName) {
    return row[index(e, jsonName)];
  }

  /** The filter's pages hold exactly the rows the predicate keeps, in order; {@code $count} says how many. */
  private static void assertFilter(Entity e, List<Object[]> rows, String filter, Predicate<Object[]> keep) {
    final List<String> want = rows.stream().filter(keep).map(r -> (String) r[index(e, "id")]).toList();
    final String query = e.path() + "?$filter=" + filter.replace(" ", "%20").replace("+", "%2B");
    assertEquals(want, GraphClient.ids(client.all(query + (e.equals(DefenderModel.GRAPH_ALERTS) ? "&$top=100"
        : ""))), filter);
    assertEquals(want.size(), client.json(query + "&$count=true&$top=1").get("@odata.count").asLong(), filter);
    assertTrue(!want.isEmpty() || filter.contains("eq null"), "the tenant has rows for " + filter);
  }

  // ---- framing

  @Test void answersCarryGraphsRequestIdsAndFormats() {
    final Reply ok = client.get(ALERTS + "?$top=1");
    assertEquals(200, ok.status());
    assertEquals("application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;"
        + "charset=utf-8", ok.contentType());
    assertEquals("4.0", ok.odataVersion());
    assertTrue(ok.requestId().matches("[0-9a-f-]{36}"), ok.requestId());
    final Reply echoed = client.http.execute(new Request.Builder().url(emulator.graphUrl() + ALERTS + "?$top=-1")
        .header("Authorization", "Bearer " + client.graphToken()).header("client-request-id", "my-id-42").build());
    assertEquals(400, echoed.status());
    assertEquals("my-id-42", echoed.json().get("error").get("innerError").get("client-request-id").asText());
    final Reply post = client.http.execute(new Request.Builder().url(emulator.graphUrl() + ALERTS)
        .header("Authorization", "Bearer " + client.graphToken()).post(RequestBody.create(new byte[0])).build());
    assertError(post, 405, "BadRequest", "The HTTP method 'POST' is not allowed on this resource: it answers GET "
        + "only.", false);
    assertEquals(404, client.get("/v1.0/security/alerts").status(), "the retired v1 alerts are not served");
    assertEquals(200, client.get("/V1.0/Security/Alerts_V2/?$top=1").status(), "path segments ignore case");
  }
}
