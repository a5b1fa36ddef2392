package org.defendersql.adapter.searches;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.defendersql.adapter.EmulatedTenant;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.RecordedRequest;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The searches analysts run every day, each one SQL statement: its rows are the API's answer (from the
 * emulator's data) and its requests are the handful the keyed endpoints need.
 */
class AnalystSearchesTest {
  private static DefenderEmulator emulator;
  private static Connection connection;

  @BeforeAll static void start() throws SQLException {
    emulator = DefenderEmulator.builder().alerts(3_000).machines(200).seed(9).now(Instant.now()).build().start();
    connection = EmulatedTenant.connect(emulator);
  }

  @AfterAll static void stop() throws SQLException {
    connection.close();
    emulator.close();
  }

  private static String value(Entity e, Object[] row, String column) {
    final Object v = row[e.indexOf(e.column(column).orElseThrow())];
    return v == null ? null : v.toString();
  }

  /** An account that alerts name, a machine with alerts and logon users, a file of evidence. */
  private static Object[] alertWithUserAndFile() {
    final Entity ev = DefenderModel.ALERT_EVIDENCE;
    return emulator.data().rows(ev).filter(r -> value(ev, r, "sha1") != null).skip(5).findFirst().orElseThrow();
  }

  private static Set<String> ids(Entity e, java.util.stream.Stream<Object[]> rows, String column) {
    return rows.map(r -> value(e, r, column)).collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> query(String sql) throws SQLException {
    emulator.clearRequestLog();
    final Set<String> out = new TreeSet<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static List<String> apiRequests() throws InterruptedException {
    Thread.sleep(100); // the emulator logs a request once it has answered it
    final List<String> out = new ArrayList<>();
    for (RecordedRequest r : emulator.requestLog()) {
      if (r.path().startsWith("/api/")) {
        out.add(r.path() + (r.query().isEmpty() ? "" : "?" + r.query()));
      }
    }
    return out;
  }

  private static String anAccount() {
    final Entity a = DefenderModel.ALERTS;
    return emulator.data().rows(a).map(r -> value(a, r, "related_user_user_name")).filter(v -> v != null)
        .skip(3).findFirst().orElseThrow();
  }

  @Test void alertsForAUserName() throws Exception {
    final String account = anAccount();
    final Set<String> want = ids(DefenderModel.USER_ALERTS, emulator.data().lookup(DefenderModel.USER_ALERTS,
        account), "id");
    assertFalse(want.isEmpty());
    assertEquals(want, query("select id from user_alerts where user_name = '" + account + "'"));
    assertEquals(List.of("/api/users/" + account + "/alerts?$select=id"), apiRequests());
  }

  @Test void alertsForAnEmailAddressAskTheApiForTheAccountName() throws Exception {
    final String account = anAccount();
    final String upn = account + "@contoso.com";
    final Set<String> want = ids(DefenderModel.USER_ALERTS, emulator.data().lookup(DefenderModel.USER_ALERTS,
        account), "id");
    assertEquals(want, query("select id from user_alerts where user_name = '" + upn + "'"));
    assertEquals(List.of("/api/users/" + account + "/alerts?$select=id"), apiRequests());
    assertEquals(Set.of(upn), query("select distinct user_name from user_alerts where user_name = '" + upn + "'"),
        "rows carry the address asked for");
  }

  @Test void alertsForADeviceByDnsName() throws Exception {
    final Object[] alert = alertWithUserAndFile();
    final String alertId = value(DefenderModel.ALERT_EVIDENCE, alert, "alert_id");
    final Object[] a = emulator.data().lookup(DefenderModel.ALERTS, alertId).findFirst().orElseThrow();
    final String machineId = value(DefenderModel.ALERTS, a, "machine_id");
    final String dns = value(DefenderModel.MACHINES,
        emulator.data().lookup(DefenderModel.MACHINES, machineId).findFirst().orElseThrow(), "computer_dns_name");
    final Set<String> want = ids(DefenderModel.ALERTS, emulator.data().rows(DefenderModel.ALERTS)
        .filter(r -> machineId.equals(value(DefenderModel.ALERTS, r, "machine_id"))), "id");
    assertEquals(want, query("select a.id from machines m join alerts a on a.machine_id = m.id"
        + " where m.computer_dns_name = '" + dns + "'"));
    final List<String> requests = apiRequests();
    assertTrue(requests.size() <= 2, requests.toString());
  }

  @Test void alertsForASha1AndForASha256() throws Exception {
    final Object[] ev = alertWithUserAndFile();
    final String sha1 = value(DefenderModel.ALERT_EVIDENCE, ev, "sha1");
    final String sha256 = value(DefenderModel.ALERT_EVIDENCE, ev, "sha256");
    final Set<String> want = ids(DefenderModel.FILE_ALERTS, emulator.data().lookup(DefenderModel.FILE_ALERTS,
        sha1), "id");
    assertTrue(want.contains(value(DefenderModel.ALERT_EVIDENCE, ev, "alert_id")));
    assertEquals(want, query("select id from file_alerts where file_sha1 = '" + sha1 + "'"));
    assertEquals(1, apiRequests().size());
    assertEquals(want, query("select fa.id from files f join file_alerts fa on fa.file_sha1 = f.sha1"
        + " where f.sha256 = '" + sha256 + "'"));
    assertTrue(apiRequests().size() <= 2, apiRequests().toString());
  }

  @Test void deviceContextInThreeRequests() throws Exception {
    final Entity m = DefenderModel.MACHINES;
    final String machineId = value(m, emulator.data().rows(m).skip(4).findFirst().orElseThrow(), "id");
    int requests = 0;
    assertEquals(Set.of(machineId), query("select id from machines where id = '" + machineId + "'"));
    requests += apiRequests().size();
    final Set<String> users = ids(DefenderModel.USERS, emulator.data().lookup(DefenderModel.USERS, machineId), "id");
    assertEquals(users, query("select id from users where machine_id = '" + machineId + "'"));
    requests += apiRequests().size();
    final Set<String> open = ids(DefenderModel.ALERTS, emulator.data().rows(DefenderModel.ALERTS)
        .filter(r -> machineId.equals(value(DefenderModel.ALERTS, r, "machine_id"))
            && !"Resolved".equals(value(DefenderModel.ALERTS, r, "status"))), "id");
    assertEquals(open, query("select id from alerts where machine_id = '" + machineId + "' and status <> 'Resolved'"));
    requests += apiRequests().size();
    assertTrue(requests <= 3, "device context took " + requests + " requests");
  }

  @Test void userContextInOnePlusOneRequestPerMachine() throws Exception {
    final String account = anAccount();
    final Set<String> machines = ids(DefenderModel.USER_MACHINES,
        emulator.data().lookup(DefenderModel.USER_MACHINES, account), "id");
    assertFalse(machines.isEmpty());
    final Set<String> got = query("select m.id || ' ' || u.logon_types from user_machines m"
        + " join users u on u.machine_id = m.id where m.user_name = '" + account + "'"
        + " and lower(u.account_name) = lower('" + account + "')");
    final Set<String> want = new TreeSet<>();
    for (String machine : machines) {
      emulator.data().lookup(DefenderModel.USERS, machine)
          .filter(r -> account.equalsIgnoreCase(value(DefenderModel.USERS, r, "account_name")))
          .forEach(r -> want.add(machine + " " + value(DefenderModel.USERS, r, "logon_types")));
    }
    assertEquals(want, got);
    assertEquals(1 + machines.size(), apiRequests().size(), apiRequests().toString());
  }

  @Test void aListOfHashesDrivesFileLookups() throws Exception {
    final List<String> hashes = emulator.data().rows(DefenderModel.FILES).limit(20)
        .map(r -> value(DefenderModel.FILES, r, "sha1")).toList();
    final String values = hashes.stream().map(h -> "(cast('" + h + "' as varchar(40)))")
        .collect(Collectors.joining(", "));
    final Set<String> got = query("select f.sha1 from (values " + values + ") as t(h) join files f on f.sha1 = t.h");
    assertEquals(new TreeSet<>(hashes), got);
    assertTrue(apiRequests().size() <= 20, apiRequests().size() + " requests");
  }
}
