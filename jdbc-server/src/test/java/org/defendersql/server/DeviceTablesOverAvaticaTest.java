package org.defendersql.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import org.defendersql.emulator.RecordedRequest;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The device tables (issue 14) through the real Avatica server and driver: every row and column of the listed
 * tables and of the one-object scores equal to the emulator's, in the service's order; an IP's statistics, a tag's
 * devices and findbyip with the address and the time bound as parameters are one keyed request each, with the
 * emulator's rows (the time as ISO text, as Avatica's driver sends it, and as a Timestamp with a UTC calendar).
 */
class DeviceTablesOverAvaticaTest {
  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
  private static ServedTenant tenant;

  @BeforeAll static void start() throws SQLException {
    tenant = ServedTenant.start(b -> b.alerts(400).machines(60).now(NOW), ServerLimits.DEFAULT);
  }

  @AfterAll static void stop() {
    tenant.close();
  }

  private static void assertRows(Entity e, List<Object[]> expected, ResultSet rs) throws SQLException {
    for (Object[] row : expected) {
      assertTrue(rs.next(), e.tableName() + ": fewer rows than the emulator's " + expected.size());
      EmulatorRows.assertRowEquals(e, row, rs);
    }
    assertFalse(rs.next(), e.tableName() + ": more rows than the emulator's");
  }

  private static List<RecordedRequest> apiRequests() {
    return tenant.emulator.requestLog().stream().filter(r -> r.path().startsWith("/api/")).toList();
  }

  @Test void everyRowAndColumnIsTheEmulators() throws SQLException {
    try (Connection c = tenant.connect()) {
      for (Entity e : List.of(DefenderModel.INDICATORS, DefenderModel.MACHINE_ACTIONS, DefenderModel.INVESTIGATIONS,
          DefenderModel.DEVICE_AV_HEALTH, DefenderModel.EXPOSURE_SCORE_BY_MACHINE_GROUP, DefenderModel.EXPOSURE_SCORE,
          DefenderModel.DEVICE_SECURE_SCORE)) {
        final List<Object[]> expected = tenant.emulator.data().rows(e).toList();
        assertFalse(expected.isEmpty(), e.tableName());
        tenant.emulator.clearRequestLog();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select * from " + e.tableName())) {
          assertRows(e, expected, rs);
        }
        assertEquals(List.of(e.path()), apiRequests().stream().map(RecordedRequest::path).toList(), e.tableName());
      }
    }
  }

  @Test void keysAndTimesBoundAsParametersAreOneKeyedRequestEach() throws SQLException {
    final Entity machines = DefenderModel.MACHINES;
    final Object[] device = tenant.emulator.data().rows(machines)
        .filter(m -> m[machines.indexOf(machines.column("last_seen").orElseThrow())] != null).findFirst()
        .orElseThrow();
    final String ip = (String) device[machines.indexOf(machines.column("last_ip_address").orElseThrow())];
    final Instant at = Instant.ofEpochSecond(((Instant) device[machines.indexOf(machines.column("last_seen")
        .orElseThrow())]).getEpochSecond());
    final List<Object[]> expected = tenant.emulator.data().machinesByIp(ip, at).toList();
    assertFalse(expected.isEmpty());
    try (Connection c = tenant.connect();
         PreparedStatement byIp = c.prepareStatement("select * from machines_by_ip where ip = ? and seen_at = ?");
         PreparedStatement stats = c.prepareStatement("select * from ip_stats where ip_address = ?");
         PreparedStatement byTag = c.prepareStatement("select * from machines_by_tag where tag = ?")) {
      for (int kind = 0; kind < 2; kind++) {
        tenant.emulator.clearRequestLog();
        byIp.setString(1, ip);
        if (kind == 0) {
          byIp.setString(2, at.toString());
        } else {
          byIp.setTimestamp(2, Timestamp.from(at), Calendar.getInstance(TimeZone.getTimeZone("UTC")));
        }
        try (ResultSet rs = byIp.executeQuery()) {
          assertRows(DefenderModel.MACHINES_BY_IP, expected, rs);
        }
        final List<RecordedRequest> sent = apiRequests();
        assertEquals(1, sent.size(), sent.toString());
        assertEquals("/api/machines/findbyip(ip='" + ip + "',timestamp=" + at + ")", sent.get(0).path());
      }

      tenant.emulator.clearRequestLog();
      stats.setString(1, ip);
      try (ResultSet rs = stats.executeQuery()) {
        assertRows(DefenderModel.IP_STATS, tenant.emulator.data().lookup(DefenderModel.IP_STATS, ip).toList(), rs);
      }
      assertEquals(List.of("/api/ips/" + ip + "/stats"), apiRequests().stream().map(RecordedRequest::path).toList());

      final int tags = machines.indexOf(machines.column("machine_tags").orElseThrow());
      final String tag = tenant.emulator.data().rows(machines).flatMap(m -> ((List<?>) m[tags]).stream())
          .map(Object::toString).findFirst().orElseThrow();
      tenant.emulator.clearRequestLog();
      byTag.setString(1, tag);
      final List<Object[]> vip = tenant.emulator.data().lookup(DefenderModel.MACHINES_BY_TAG, tag).toList();
      assertFalse(vip.isEmpty());
      try (ResultSet rs = byTag.executeQuery()) {
        assertRows(DefenderModel.MACHINES_BY_TAG, vip, rs);
      }
      final List<RecordedRequest> sent = apiRequests();
      assertEquals(1, sent.size(), sent.toString());
      assertEquals("/api/machines/findbytag", sent.get(0).path());
      assertEquals("tag=" + tag + "&useStartsWithFilter=false", sent.get(0).rawQuery());
    }
  }
}
