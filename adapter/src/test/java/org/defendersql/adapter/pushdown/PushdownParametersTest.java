package org.defendersql.adapter.pushdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.model.DefenderModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parameters are values like literals: a prepared statement with {@code ?} sends exactly the request lines that
 * the same statement with literals sends (WireMock's journal, decoded), and returns the same rows. Every form of
 * {@link PushdownCases} is run both ways, then the forms where values decide the request: enum values that are not
 * members, NULLs, IN lists with duplicates, keyed reads, LIMIT and OFFSET.
 */
class PushdownParametersTest {
  private static DefenderEmulator emulator;
  private static RecordedApi api;
  /** Comparisons whose statements returned rows: most must, or equal rows would prove little. */
  private static int withRows;

  @BeforeAll static void start(@TempDir Path dir) throws Exception {
    emulator = DefenderEmulator.builder().alerts(800).machines(120).seed(5).now(Instant.now()).build().start();
    api = new RecordedApi(emulator, dir);
  }

  @AfterAll static void stop() throws SQLException {
    api.close();
    emulator.close();
    assertTrue(withRows >= 70, withRows + " comparisons with rows");
  }

  /** Every statement of the requests suite whose literals a client can bind (not a fraction to an integer). */
  static Stream<Arguments> suite() {
    return PushdownCases.CASES.entrySet().stream()
        .filter(e -> !Parameterized.of(e.getKey()).values().isEmpty())
        .filter(e -> Parameterized.of(e.getKey()).values().stream().noneMatch(v -> v instanceof java.math.BigDecimal))
        .map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("suite")
  void everyPushdownFormSendsTheLiteralsRequests(String sql, List<String> expected) throws SQLException {
    final Parameterized p = Parameterized.of(sql);
    final Run literal = run(sql, null);
    final Run prepared = run(p.sql(), p.values());
    if (expected.stream().anyMatch(e -> e.startsWith("~"))) {
      // CURRENT_TIMESTAMP differs between the two runs: both must have the form of the suite's request.
      assertEquals(expected.size(), prepared.requests.size(), p.sql() + ": " + prepared.requests);
      for (int i = 0; i < expected.size(); i++) {
        assertTrue(prepared.requests.get(i).matches(expected.get(i).substring(1)), prepared.requests.get(i));
      }
    } else {
      assertEquals(expected, literal.requests, sql);
      assertEquals(literal.requests, prepared.requests, p.sql() + " with " + p.values());
    }
    assertSameRows(sql, literal.rows, prepared.rows);
  }

  static Stream<Arguments> valueCases() {
    final Object[] alert = emulator.data().rows(DefenderModel.ALERTS).skip(7).findFirst().orElseThrow();
    final Object[] other = emulator.data().rows(DefenderModel.ALERTS).skip(8).findFirst().orElseThrow();
    final String alertId = (String) alert[0];
    final String otherId = (String) other[0];
    final String machineId = (String) emulator.data().rows(DefenderModel.MACHINES).skip(3).findFirst()
        .orElseThrow()[0];
    final String sha1 = (String) emulator.data().rows(DefenderModel.FILES).skip(2).findFirst().orElseThrow()[0];
    final String severity = (String) alert[DefenderModel.ALERTS.indexOf(DefenderModel.ALERTS.column("severity")
        .orElseThrow())];
    final String account = (String) emulator.data().rows(DefenderModel.USERS).findFirst().orElseThrow()[
        DefenderModel.USERS.indexOf(DefenderModel.USERS.column("account_name").orElseThrow())];
    final Timestamp from = utc("2026-10-01T00:00:00");
    final Timestamp to = utc("2026-10-08T00:00:00");
    return Stream.of(
        // Enum values that are not members: not in the filter, checked on the rows, with the literal's $select.
        c("select id from alerts where severity <> 'high'", "select id from alerts where severity <> ?", "high"),
        c("select id, severity from alerts where severity = 'high'",
            "select id, severity from alerts where severity = ?", "high"),
        c("select id from alerts where status = 'new' and severity = 'High'",
            "select id from alerts where status = ? and severity = ?", "new", "High"),
        c("select id from alerts where severity in ('High', 'high')",
            "select id from alerts where severity in (?, ?)", "High", "high"),
        c("select id, alert_creation_time from alerts where severity = 'high' order by alert_creation_time desc"
            + " limit 5", "select id, alert_creation_time from alerts where severity = ? order by"
            + " alert_creation_time desc limit 5", "high"),
        c("select id, alert_creation_time from alerts where severity = 'High' order by alert_creation_time desc"
            + " limit 5", "select id, alert_creation_time from alerts where severity = ? order by"
            + " alert_creation_time desc limit ?", "High", 5),
        c("select id, alert_creation_time from alerts where status = 'resolved' order by alert_creation_time desc"
            + " limit 4 offset 2", "select id, alert_creation_time from alerts where status = ? order by"
            + " alert_creation_time desc limit ? offset ?", "resolved", 4, 2),
        c("select id from machines where risk_score = 'high' or health_status = 'Active'",
            "select id from machines where risk_score = ? or health_status = ?", "high", "Active"),
        c("select id from machines where aad_device_id = 'not-a-guid'",
            "select id from machines where aad_device_id = ?", "not-a-guid"),
        // NULLs: a comparison with NULL selects no row, and no request is sent for none.
        c("select id from alerts where incident_id = cast(null as bigint)",
            "select id from alerts where incident_id = ?", (Object) null),
        c("select id from alerts where severity = cast(null as varchar)",
            "select id from alerts where severity = ?", (Object) null),
        c("select id from alerts where severity = 'High' or status = cast(null as varchar)",
            "select id from alerts where severity = ? or status = ?", "High", null),
        c("select id from alerts where severity in ('High', cast(null as varchar), 'Low')",
            "select id from alerts where severity in (?, ?, ?)", "High", null, "Low"),
        c("select id from alerts where assigned_to = cast(null as varchar)",
            "select id from alerts where assigned_to = ?", (Object) null),
        c("select * from alerts where id = cast(null as varchar)", "select * from alerts where id = ?",
            (Object) null),
        // IN lists: sorted, without duplicates, one key left is a keyed read.
        c("select id from alerts where severity in ('Medium', 'High', 'Medium')",
            "select id from alerts where severity in (?, ?, ?)", "Medium", "High", "Medium"),
        c("select id from alerts where incident_id in (10012, 10010, 10012)",
            "select id from alerts where incident_id in (?, ?, ?)", 10012L, 10010L, 10012L),
        c("select id, title from alerts where id in ('" + alertId + "', '" + otherId + "')",
            "select id, title from alerts where id in (?, ?)", alertId, otherId),
        c("select id, title from alerts where id in ('" + alertId + "', '" + alertId + "')",
            "select id, title from alerts where id in (?, ?)", alertId, alertId),
        c("select id, title from alerts where id in ('" + alertId + "', cast(null as varchar))",
            "select id, title from alerts where id in (?, ?)", alertId, null),
        c("select id from alerts where assigned_to = 'Zoë Ünal-Ø''Brien 日本'",
            "select id from alerts where assigned_to = ?", "Zoë Ünal-Ø'Brien 日本"),
        c("select id from alerts where assigned_to in ('O''Brien', 'Automation')",
            "select id from alerts where assigned_to in (?, ?)", "O'Brien", "Automation"),
        // Keyed reads by parameter.
        c("select * from alerts where id = '" + alertId + "'", "select * from alerts where id = ?", alertId),
        c("select id, title from alerts where id = '" + alertId + "' and severity = '" + severity + "'",
            "select id, title from alerts where id = ? and severity = ?", alertId, severity),
        c("select alert_id, entity_type from alert_evidence where alert_id = '" + alertId + "'",
            "select alert_id, entity_type from alert_evidence where alert_id = ?", alertId),
        c("select alert_id, entity_type from alert_evidence where alert_creation_time >= timestamp"
            + " '2026-10-01 00:00:00'", "select alert_id, entity_type from alert_evidence where"
            + " alert_creation_time >= ?", from),
        c("select id, computer_dns_name from machines where id = '" + machineId + "'",
            "select id, computer_dns_name from machines where id = ?", machineId),
        c("select sha1, file_type from files where sha1 = '" + sha1 + "'",
            "select sha1, file_type from files where sha1 = ?", sha1),
        c("select id, title from alerts where machine_id = '" + machineId + "'",
            "select id, title from alerts where machine_id = ?", machineId),
        c("select id from user_alerts where user_name = '" + account + "@contoso.com'",
            "select id from user_alerts where user_name = ?", account + "@contoso.com"),
        // Ranges of timestamps, in either order, empty, or one millisecond.
        c("select id from alerts where alert_creation_time < timestamp '2026-10-08 00:00:00' and"
            + " alert_creation_time >= timestamp '2026-10-01 00:00:00'", "select id from alerts where"
            + " alert_creation_time < ? and alert_creation_time >= ?", to, from),
        c("select id from alerts where alert_creation_time between timestamp '2026-10-08 00:00:00' and"
            + " timestamp '2026-10-01 00:00:00'", "select id from alerts where alert_creation_time between ? and ?",
            to, from),
        c("select id from alerts where incident_id between 10010 and 10010",
            "select id from alerts where incident_id between ? and ?", 10010L, 10010L),
        // LIMIT and OFFSET values.
        c("select id from alerts limit 0", "select id from alerts limit ?", 0),
        c("select id, incident_id from alerts order by incident_id desc limit 3 offset 0",
            "select id, incident_id from alerts order by incident_id desc limit ? offset ?", 3, 0),
        c("select id from alerts", "select id from alerts limit ?", (Object) null),
        // LIKE patterns: a prefix is pushed, anything else is not.
        c("select id from machines where computer_dns_name like 'desktop-%' and health_status = 'Active'",
            "select id from machines where computer_dns_name like ? and health_status = ?", "desktop-%", "Active"),
        c("select id from machines where computer_dns_name like 'desk_op%'",
            "select id from machines where computer_dns_name like ?", "desk_op%"));
  }

  @ParameterizedTest(name = "{1} with {2}")
  @MethodSource("valueCases")
  void valuesDecideTheRequestAsLiteralsDo(String literalSql, String preparedSql, List<Object> values)
      throws SQLException {
    final Run literal = run(literalSql, null);
    final Run prepared = run(preparedSql, values);
    assertEquals(literal.requests, prepared.requests, preparedSql + " with " + values);
    assertSameRows(literalSql, literal.rows, prepared.rows);
  }

  @Test void nullsAndKeysSendWhatTheyShould() throws SQLException {
    // The forms above compare with the literal statement; these pin what that is.
    assertEquals(List.of(), run("select id from alerts where severity = ?", Arrays.asList((Object) null))
        .requests);
    final String alertId = (String) emulator.data().rows(DefenderModel.ALERTS).skip(7).findFirst().orElseThrow()[0];
    final Run keyed = run("select id, title from alerts where id = ?", List.of(alertId));
    assertEquals(List.of("GET /api/alerts/" + alertId + "?$select=id,title"), keyed.requests);
    assertEquals(1, keyed.rows.size());
    assertEquals(List.of("GET /api/alerts/" + alertId + "?$select=id,title"),
        run("select id, title from alerts where id in (?, ?)", Arrays.asList(alertId, null)).requests);
    assertEquals(List.of("GET /api/alerts?$select=id,severity"),
        run("select id from alerts where severity = ?", List.of("high")).requests);
    assertEquals(List.of("GET /api/alerts?$select=id&$top=2&$skip=1"),
        run("select id from alerts limit ? offset ?", List.of(2, 1)).requests);
  }

  /** A statement with the values of its parameters, or its literals when {@code values} is null. */
  private static Arguments c(String literalSql, String preparedSql, Object... values) {
    return Arguments.of(literalSql, preparedSql, Arrays.asList(values));
  }

  private static Timestamp utc(String wallClock) {
    return new Timestamp(LocalDateTime.parse(wallClock).toInstant(ZoneOffset.UTC).toEpochMilli());
  }

  /** What one statement sent and returned. */
  private record Run(List<String> requests, List<String> rows) {
  }

  private static Run run(String sql, List<Object> values) throws SQLException {
    api.reset();
    final List<String> rows = values == null ? api.rows(sql) : api.rows(sql, values);
    return new Run(api.requests(), rows);
  }

  private static void assertSameRows(String sql, List<String> literal, List<String> prepared) {
    if (!prepared.isEmpty()) {
      withRows++;
    }
    if (sql.contains("order by")) {
      assertEquals(literal, prepared, sql);
    } else {
      final List<String> a = new ArrayList<>(literal);
      final List<String> b = new ArrayList<>(prepared);
      a.sort(null);
      b.sort(null);
      assertEquals(a, b, sql);
    }
  }
}
