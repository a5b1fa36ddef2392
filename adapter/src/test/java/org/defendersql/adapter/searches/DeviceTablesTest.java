package org.defendersql.adapter.searches;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.defendersql.adapter.EmulatedTenant;
import org.defendersql.adapter.pushdown.RequestLines;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The device tables of issue 14 through the adapter: the exact requests each query sends, the rows (the
 * emulator's own), lookups with their request counts (a machine action by GUID, IP statistics, findbytag,
 * findbyip with its time), a non-GUID key that sends nothing, the one-object scores, and the same rows with
 * pushdown on and off for the listed tables.
 */
class DeviceTablesTest {
  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
  private static DefenderEmulator emulator;

  @BeforeAll static void start() {
    emulator = DefenderEmulator.builder().alerts(1_500).machines(200).now(NOW).build().start();
  }

  @AfterAll static void stop() {
    emulator.close();
  }

  /** The rows of a query, each value as a string (timestamps as instants), and the request lines it sent. */
  private record Run(List<List<String>> rows, List<String> requests) {
  }

  private static Run run(String sql, boolean pushdown) throws SQLException {
    emulator.clearRequestLog();
    final List<List<String>> rows = new ArrayList<>();
    try (Connection c = pushdown ? EmulatedTenant.connect(emulator) : EmulatedTenant.connectWithoutPushdown(emulator);
         Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      final ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        final List<String> row = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          final Object v = rs.getObject(i);
          row.add(v instanceof Timestamp t ? t.toInstant().toString() : v instanceof java.sql.Array a
              ? List.of((Object[]) a.getArray()).toString() : Objects.toString(v, null));
        }
        rows.add(row);
      }
    }
    final List<String> requests = emulator.requestLog().stream().filter(r -> r.path().startsWith("/api/"))
        .map(r -> r.method() + " " + r.path() + (r.rawQuery() == null ? ""
            : "?" + URLDecoder.decode(r.rawQuery(), StandardCharsets.UTF_8))).toList();
    return new Run(rows, requests);
  }

  private static Object value(Entity e, Object[] row, String column) {
    return row[e.indexOf(e.column(column).orElseThrow())];
  }

  private static List<String> strings(Entity e, Object[] row, String... columns) {
    final List<String> out = new ArrayList<>();
    for (String c : columns) {
      final Object v = value(e, row, c);
      out.add(v instanceof Instant t ? Instant.ofEpochMilli(t.toEpochMilli()).toString() : Objects.toString(v, null));
    }
    return out;
  }

  @Test void filtersGoToTheApiAndGiveTheRowsOfPushdownOff() throws SQLException {
    final String[][] cases = {
      {"select id, title, severity from indicators where severity = 'High' and action = 'Block'",
        "GET /api/indicators?$filter=severity eq 'High' and action eq 'Block'&$select=id,title,severity"},
      {"select id, type, status from machine_actions where type = 'Isolate' and status <> 'Succeeded'",
        "GET /api/machineactions?$filter=type eq 'Isolate' and status ne 'Succeeded'&$select=id,type,status"},
      {"select id, triggering_alert_id from investigations where state = 'Running'",
        "GET /api/investigations?$filter=state eq 'Running'&$select=id,triggeringAlertId"},
      {"select machine_id, av_signature_version from device_av_health where av_is_signature_up_to_date = 'False'",
        "GET /api/deviceavinfo?$filter=avIsSignatureUpToDate eq 'False'"
            + "&$select=machineId,avSignatureVersion,avIsSignatureUpToDate"},
      {"select rbac_group_name, score from exposure_score_by_machine_group where score > 10",
        "GET /api/exposureScore/ByMachineGroups"},
    };
    for (String[] c : cases) {
      final Run on = run(c[0], true);
      RequestLines.assertExactly(List.of(c[1]), on.requests(), c[0]);
      final Run off = run(c[0], false);
      final Comparator<List<String>> order = Comparator.comparing(Object::toString);
      final List<List<String>> a = new ArrayList<>(on.rows());
      final List<List<String>> b = new ArrayList<>(off.rows());
      a.sort(order);
      b.sort(order);
      assertEquals(b, a, "pushdown changes no result: " + c[0]);
      assertFalse(a.isEmpty(), "the case has rows: " + c[0]);
    }
  }

  @Test void aMachineActionByGuidIsOneRequestAndANonGuidNone() throws SQLException {
    final Entity e = DefenderModel.MACHINE_ACTIONS;
    final Object[] action = emulator.data().rows(e).skip(5).findFirst().orElseThrow();
    final String id = (String) value(e, action, "id");
    final Run one = run("select id, machine_id, status from machine_actions where id = '" + id + "'", true);
    RequestLines.assertExactly(List.of("GET /api/machineactions/" + id + "?$select=id,status,machineId"),
        one.requests(), "by id");
    assertEquals(List.of(strings(e, action, "id", "machine_id", "status")), one.rows());
    final Run none = run("select * from machine_actions where id = 'not-a-guid'", true);
    assertEquals(List.of(), none.rows());
    assertEquals(List.of(), none.requests(), "a non-GUID key is never sent: the API would answer 400");
    final Entity inv = DefenderModel.INVESTIGATIONS;
    final Object[] first = emulator.data().rows(inv).findFirst().orElseThrow();
    final Run investigation = run("select id, machine_id, state from investigations where id = '"
        + value(inv, first, "id") + "'", true);
    RequestLines.assertExactly(List.of("GET /api/investigations/" + value(inv, first, "id")
        + "?$select=id,state,machineId"),
        investigation.requests(), "investigation by id");
    assertEquals(List.of(strings(inv, first, "id", "machine_id", "state")), investigation.rows());
  }

  @Test void scoresAreOneRowFromOneRequest() throws SQLException {
    for (Entity e : List.of(DefenderModel.EXPOSURE_SCORE, DefenderModel.DEVICE_SECURE_SCORE)) {
      final Run r = run("select score_time, score from " + e.tableName() + " limit 5", true);
      RequestLines.assertExactly(List.of("GET " + e.path()), r.requests(), e.tableName());
      final Object[] row = emulator.data().rows(e).findFirst().orElseThrow();
      assertEquals(List.of(strings(e, row, "score_time", "score")), r.rows(), e.tableName());
    }
  }

  @Test void ipAndDomainStatisticsAreOneRequestPerKey() throws SQLException {
    final Entity evidence = DefenderModel.ALERT_EVIDENCE;
    final String ip = emulator.data().rows(evidence).map(i -> (String) value(evidence, i, "ip_address"))
        .filter(Objects::nonNull).reduce((x, y) -> y).orElseThrow();
    final Run r = run("select ip_address, org_prevalence, org_first_seen from ip_stats where ip_address in ('" + ip
        + "', '10.250.250.250', 'nonsense')", true);
    RequestLines.assertExactly(List.of("GET /api/ips/" + ip + "/stats", "GET /api/ips/10.250.250.250/stats"),
        r.requests(), "two valid addresses, two requests; 'nonsense' is no address and is not sent");
    final Entity stats = DefenderModel.IP_STATS;
    final List<List<String>> expected = new ArrayList<>();
    for (String k : new java.util.TreeSet<>(List.of(ip, "10.250.250.250"))) {
      expected.add(strings(stats, emulator.data().lookup(stats, k).findFirst().orElseThrow(), "ip_address",
          "org_prevalence", "org_first_seen"));
    }
    assertEquals(expected, r.rows());
    assertTrue(r.rows().stream().anyMatch(row -> row.get(0).equals(ip) && Integer.parseInt(row.get(1)) > 0),
        "the evidence address was seen on devices");
    final Run d = run("select host, org_prevalence from domain_stats where host = 'example.org'", true);
    RequestLines.assertExactly(List.of("GET /api/domains/example.org/stats"), d.requests(), "domain");
    assertEquals(List.of(List.of("example.org", "0")), d.rows());
  }

  @Test void machinesByTagIsOneRequestWhateverTheDevices() throws SQLException {
    final Run r = run("select tag, id, computer_dns_name from machines_by_tag where tag = 'Finance Dept'", true);
    RequestLines.assertExactly(List.of("GET /api/machines/findbytag?tag=Finance Dept&useStartsWithFilter=false"),
        r.requests(), "a space in a tag is harmless in the query string");
    assertEquals(List.of(), r.rows());
    final Run vip = run("select tag, id, computer_dns_name from machines_by_tag where tag = 'VIP'", true);
    RequestLines.assertExactly(List.of("GET /api/machines/findbytag?tag=VIP&useStartsWithFilter=false"),
        vip.requests(), "one request");
    final Entity e = DefenderModel.MACHINES_BY_TAG;
    assertEquals(emulator.data().lookup(e, "VIP").map(row -> strings(e, row, "tag", "id", "computer_dns_name"))
        .toList(), vip.rows());
    assertTrue(vip.rows().size() > 1, "several devices, still one request");
  }

  @Test void machinesByIpNeedsTheTimeAndAnswersWhoHeldTheAddressThen() throws SQLException {
    final Entity m = DefenderModel.MACHINES;
    final Object[] device = emulator.data().rows(m).filter(x -> value(m, x, "last_seen") != null).findFirst()
        .orElseThrow();
    final String ip = (String) value(m, device, "last_ip_address");
    final Instant at = Instant.ofEpochSecond(((Instant) value(m, device, "last_seen")).getEpochSecond());
    final String sql = "select ip, seen_at, id, computer_dns_name from machines_by_ip where ip = '" + ip
        + "' and seen_at = timestamp '" + at.toString().replace('T', ' ').replace("Z", "") + "'";
    final Run r = run(sql, true);
    RequestLines.assertExactly(List.of("GET /api/machines/findbyip(ip='" + ip + "',timestamp=" + at + ")"),
        r.requests(), sql);
    final Entity e = DefenderModel.MACHINES_BY_IP;
    final List<List<String>> expected = emulator.data().machinesByIp(ip, at)
        .map(row -> strings(e, row, "ip", "seen_at", "id", "computer_dns_name")).toList();
    assertEquals(expected, r.rows());
    assertTrue(r.rows().stream().anyMatch(row -> row.get(2).equals(value(m, device, "id"))));
    // The same as a prepared statement: both values at execution, the same request and rows.
    emulator.clearRequestLog();
    final List<List<String>> prepared = new ArrayList<>();
    try (Connection c = EmulatedTenant.connect(emulator); java.sql.PreparedStatement ps = c.prepareStatement(
        "select ip, seen_at, id, computer_dns_name from machines_by_ip where ip = ? and seen_at = ?")) {
      ps.setString(1, ip);
      ps.setTimestamp(2, Timestamp.from(at));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          prepared.add(List.of(rs.getString(1), rs.getTimestamp(2).toInstant().toString(), rs.getString(3),
              rs.getString(4)));
        }
      }
      assertEquals(expected, prepared, "prepared");
      RequestLines.assertExactly(List.of("GET /api/machines/findbyip(ip='" + ip + "',timestamp=" + at + ")"),
          emulator.requestLog().stream().filter(x -> x.path().startsWith("/api/")).map(x -> x.method() + " "
              + x.path()).toList(), "prepared");
      emulator.clearRequestLog();
      ps.setString(1, ip);
      ps.setTimestamp(2, null);
      try (ResultSet rs = ps.executeQuery()) {
        assertFalse(rs.next(), "a NULL time matches no row");
      }
      assertEquals(0, emulator.requestLog().stream().filter(x -> x.path().startsWith("/api/")).count());
    }
    // A time relative to now is computed when the statement runs.
    final Run relative = run("select id from machines_by_ip where ip = '" + ip
        + "' and seen_at = current_timestamp - interval '1' day", true);
    RequestLines.assertExactly(List.of("~GET /api/machines/findbyip\\(ip='" + ip.replace(".", "\\.")
        + "',timestamp=\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z\\)"), relative.requests(), "current_timestamp");
    final SQLException noTime = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
        () -> run("select * from machines_by_ip where ip = '" + ip + "'", true));
    assertTrue(noTime.getMessage().contains("seen_at = TIMESTAMP"), noTime.getMessage());
  }
}
