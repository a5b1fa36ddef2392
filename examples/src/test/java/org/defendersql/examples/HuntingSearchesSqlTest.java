package org.defendersql.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.defendersql.adapter.DefenderModels;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.RecordedRequest;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every statement of {@code sql/hunting-searches.sql} returns rows on the default emulated tenant, and the same
 * alerts (or a subset of the same devices and accounts, for the context searches) as the same question asked of
 * the Defender API's tables; alerts are compared within the hunting tables' 30 days, a margin off each end.
 */
class HuntingSearchesSqlTest {
  private static DefenderEmulator emulator;
  private static Connection connection;

  /** How a hunting search's first column compares with the Defender API's answer to the same question. */
  private enum Compare {
    /** The same alert ids. */
    SAME_ALERTS,
    /** Values the Defender API's answer holds too (the hunting tables see 30 days of logons, not every one). */
    SUBSET
  }

  /** The Defender API's answer to each search of the file, in order: its first column is compared. */
  private record Equivalent(String sql, Compare compare) {
  }

  private static final List<Equivalent> EQUIVALENTS = List.of(
      new Equivalent("select distinct alert_id from alert_evidence where account_name = 'hdavis80'",
          Compare.SAME_ALERTS),
      new Equivalent("select distinct alert_id from alert_evidence where user_principal_name = 'wsilva@contoso.com'",
          Compare.SAME_ALERTS),
      new Equivalent("select a.id from machines m join alerts a on a.machine_id = m.id"
          + " where m.computer_dns_name = 'desktop-863c066.contoso.com'", Compare.SAME_ALERTS),
      new Equivalent("select id from file_alerts where file_sha1 = '717e6e2cb7d20d55e4831f2dfa0935c0753f8339'",
          Compare.SAME_ALERTS),
      new Equivalent("select fa.id from files f join file_alerts fa on fa.file_sha1 = f.sha1"
          + " where f.sha256 = 'f5f4e51bd85d9d4bb1b382353ee7b30e4a59aef17f408480caab9f73a33c072a'",
          Compare.SAME_ALERTS),
      new Equivalent("select id from ip_alerts where ip = '91.91.22.233'", Compare.SAME_ALERTS),
      new Equivalent("select id from alerts where machine_id = 'e0a23d5101052dca37b95ab54addb4c44d1a2efd'",
          Compare.SAME_ALERTS),
      new Equivalent("select account_domain from users where machine_id = 'e0a23d5101052dca37b95ab54addb4c44d1a2efd'",
          Compare.SUBSET),
      new Equivalent("select computer_dns_name from user_machines where user_name = 'hdavis80'", Compare.SUBSET));

  @BeforeAll static void start() throws SQLException {
    emulator = DefenderEmulator.builder().build().start();
    final Map<String, Object> operand = DefenderModels.operand(emulator.environment());
    operand.put("graphUrl", emulator.graphUrl());
    operand.put("rateLimits", "off");
    operand.put("huntingRateLimits", "off");
    connection = ExampleConnections.open(operand);
  }

  @AfterAll static void stop() throws SQLException {
    connection.close();
    emulator.close();
  }

  private static Set<String> firstColumn(String sql) throws SQLException {
    final Set<String> out = new TreeSet<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  /** The alerts created well inside the hunting tables' 30 days, away from the window's moving ends. */
  private static Set<String> alertsWellInsideTheWindow() {
    final Entity alerts = DefenderModel.ALERTS;
    final Instant end = emulator.hunting().end();
    final Instant from = end.minus(Duration.ofDays(29));
    final Instant to = end.minus(Duration.ofMinutes(1));
    final int id = alerts.indexOf(alerts.column("id").orElseThrow());
    final int created = alerts.indexOf(alerts.column("alert_creation_time").orElseThrow());
    final Set<String> out = new TreeSet<>();
    emulator.data().rows(alerts).forEach(r -> {
      final Instant t = (Instant) r[created];
      if (!t.isBefore(from) && t.isBefore(to)) {
        out.add((String) r[id]);
      }
    });
    return out;
  }

  @Test void everySearchGivesTheDefenderApisAnswer() throws IOException, SQLException {
    final List<String> searches = GettingStartedTest.statements(Path.of("sql", "hunting-searches.sql"));
    assertEquals(EQUIVALENTS.size(), searches.size(), "one Defender API equivalent per search");
    final Set<String> window = alertsWellInsideTheWindow();
    for (int i = 0; i < searches.size(); i++) {
      final String sql = searches.get(i);
      emulator.clearRequestLog();
      final Set<String> hunting = firstColumn(sql);
      assertFalse(hunting.isEmpty(), "no rows from:\n" + sql);
      final List<String> paths = new ArrayList<>();
      for (RecordedRequest r : emulator.requestLog()) {
        paths.add(r.path());
      }
      assertTrue(paths.stream().allMatch(p -> p.endsWith("/oauth2/v2.0/token") || p.endsWith("runHuntingQuery")),
          "hunting requests only: " + paths);
      final Equivalent eq = EQUIVALENTS.get(i);
      final Set<String> api = firstColumn(eq.sql());
      if (eq.compare() == Compare.SAME_ALERTS) {
        final Set<String> want = new TreeSet<>(api);
        want.retainAll(window);
        final Set<String> got = new TreeSet<>(hunting);
        got.retainAll(window);
        assertFalse(want.isEmpty(), "the Defender API has no alert in the window for:\n" + eq.sql());
        assertEquals(want, got, sql);
      } else {
        assertTrue(api.containsAll(hunting), sql + "\n" + hunting + " not within " + api);
      }
    }
  }
}
