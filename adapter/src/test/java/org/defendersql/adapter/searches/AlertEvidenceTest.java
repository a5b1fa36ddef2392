package org.defendersql.adapter.searches;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.defendersql.adapter.EmulatedTenant;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Evidence as rows: one per item, searchable by its properties, narrowed by the alert's pushable filters. */
class AlertEvidenceTest {
  private static final Entity EV = DefenderModel.ALERT_EVIDENCE;
  private static DefenderEmulator emulator;
  private static Connection connection;

  @BeforeAll static void start() throws SQLException {
    emulator = DefenderEmulator.builder().alerts(800).machines(80).seed(4).now(Instant.now()).build().start();
    connection = EmulatedTenant.connect(emulator);
  }

  @AfterAll static void stop() throws SQLException {
    connection.close();
    emulator.close();
  }

  private static String value(Object[] row, String column) {
    final Object v = row[EV.indexOf(EV.column(column).orElseThrow())];
    return v == null ? null : v.toString();
  }

  private static Set<String> query(String sql) throws SQLException {
    emulator.clearRequestLog();
    final Set<String> out = new TreeSet<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1) + "|" + rs.getString(2));
      }
    }
    return out;
  }

  @Test void evidenceByUserPrincipalNameAndBySha256() throws SQLException {
    final Object[] withUpn = emulator.data().rows(EV).filter(r -> value(r, "user_principal_name") != null)
        .findFirst().orElseThrow();
    final String upn = value(withUpn, "user_principal_name");
    final Set<String> want = emulator.data().rows(EV).filter(r -> upn.equals(value(r, "user_principal_name")))
        .map(r -> value(r, "alert_id") + "|" + value(r, "entity_type")).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(want, query("select alert_id, entity_type from alert_evidence where user_principal_name = '"
        + upn + "'"));
    final Object[] file = emulator.data().rows(EV).filter(r -> value(r, "sha256") != null).skip(3).findFirst()
        .orElseThrow();
    final String sha256 = value(file, "sha256");
    final Set<String> files = emulator.data().rows(EV).filter(r -> sha256.equals(value(r, "sha256")))
        .map(r -> value(r, "alert_id") + "|" + value(r, "file_name")).collect(Collectors.toCollection(TreeSet::new));
    assertFalse(files.isEmpty());
    assertEquals(files, query("select alert_id, file_name from alert_evidence where sha256 = '" + sha256 + "'"));
  }

  @Test void theAlertsFiltersNarrowTheAlertsRead() throws Exception {
    final Object[] any = emulator.data().rows(EV).skip(40).findFirst().orElseThrow();
    final String alertId = value(any, "alert_id");
    final Set<String> want = emulator.data().rows(EV).filter(r -> alertId.equals(value(r, "alert_id")))
        .map(r -> value(r, "alert_id") + "|" + value(r, "entity_type")).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(want, query("select alert_id, entity_type from alert_evidence where alert_id = '" + alertId + "'"));
    Thread.sleep(100);
    // One alert by its key: its own endpoint (GET /api/alerts/{id}), the cheapest access path.
    final java.util.List<String> requests = emulator.requestLog().stream()
        .filter(r -> r.query() != null && r.query().contains("$expand")).map(r -> r.path() + "?" + r.query())
        .toList();
    assertEquals(1, requests.size(), requests.toString());
    assertTrue(requests.get(0).startsWith("/api/alerts/" + alertId + "?") && requests.get(0).contains(
        "$expand=evidence"), requests.get(0));
  }
}
