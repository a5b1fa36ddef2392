package org.defendersql.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.defendersql.adapter.DefenderModels;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.RecordedRequest;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every statement of {@code sql/graph-searches.sql} runs on a Graph-only configuration ({@code api=graph}), sends
 * no request to the MDE API, sends the requests its comment promises, and gives the same alerts (devices,
 * accounts, files) as the same question asked of the MDE API's tables on a connection with {@code api=mde}.
 */
class GraphSearchesSqlTest {
  private static DefenderEmulator emulator;
  private static Connection graph;
  private static Connection mde;

  /** How a search's first column compares with its MDE-API version's. */
  private enum Compare {
    /** The same values. */
    SAME,
    /** Values the MDE API's answer holds too (the hunting tables see 30 days, not every logon). */
    SUBSET,
    /** The incidents the emulator serves with this status and severity (the MDE API has no incidents). */
    OPEN_HIGH_INCIDENTS
  }

  /** What a search costs: pages of the alerts, one hunting request, or pages of the incidents. */
  private enum Cost { ALERT_PAGES, ONE_HUNTING_REQUEST, INCIDENT_PAGES }

  /** A search's MDE-API version (null when the MDE API has none), how to compare them, what the search costs. */
  private record Equivalent(String mdeSql, Compare compare, Cost cost) {
  }

  private static final String DEVICE = "e0a23d5101052dca37b95ab54addb4c44d1a2efd";

  private static final List<Equivalent> EQUIVALENTS = List.of(
      new Equivalent("select id from user_alerts where user_name = 'hdavis80'", Compare.SAME, Cost.ALERT_PAGES),
      new Equivalent("select id from user_alerts where user_name = 'wsilva@contoso.com'", Compare.SAME,
          Cost.ALERT_PAGES),
      new Equivalent("select a.id from machines m join alerts a on a.machine_id = m.id"
          + " where m.computer_dns_name = 'desktop-863c066.contoso.com'", Compare.SAME, Cost.ALERT_PAGES),
      new Equivalent("select id from file_alerts where file_sha1 = '717e6e2cb7d20d55e4831f2dfa0935c0753f8339'",
          Compare.SAME, Cost.ALERT_PAGES),
      new Equivalent("select fa.id from files f join file_alerts fa on fa.file_sha1 = f.sha1"
          + " where f.sha256 = 'f5f4e51bd85d9d4bb1b382353ee7b30e4a59aef17f408480caab9f73a33c072a'", Compare.SAME,
          Cost.ALERT_PAGES),
      new Equivalent("select id from ip_alerts where ip = '91.91.22.233'", Compare.SAME, Cost.ALERT_PAGES),
      new Equivalent("select computer_dns_name from machines where id = '" + DEVICE + "'", Compare.SAME,
          Cost.ONE_HUNTING_REQUEST),
      new Equivalent("select account_domain from users where machine_id = '" + DEVICE + "'", Compare.SUBSET,
          Cost.ONE_HUNTING_REQUEST),
      new Equivalent("select computer_dns_name from user_machines where user_name = 'hdavis80'", Compare.SUBSET,
          Cost.ONE_HUNTING_REQUEST),
      new Equivalent("select sha1 from files where sha1 = '717e6e2cb7d20d55e4831f2dfa0935c0753f8339'",
          Compare.SAME, Cost.ONE_HUNTING_REQUEST),
      new Equivalent(null, Compare.OPEN_HIGH_INCIDENTS, Cost.INCIDENT_PAGES));

  @BeforeAll static void start() throws SQLException {
    emulator = DefenderEmulator.builder().build().start();
    graph = connect("graph");
    mde = connect("mde");
  }

  private static Connection connect(String api) throws SQLException {
    final Map<String, Object> operand = DefenderModels.operand(emulator.environment());
    operand.put("graphUrl", emulator.graphUrl());
    operand.put("rateLimits", "off");
    operand.put("huntingRateLimits", "off");
    operand.put("graphRateLimits", "off");
    operand.put("api", api);
    if (api.equals("mde")) {
      operand.put("huntingApi", "mde");
    }
    final Properties p = new Properties();
    p.setProperty("model", DefenderModels.inline(operand));
    p.setProperty("caseSensitive", "false");
    p.setProperty("unquotedCasing", "UNCHANGED");
    p.setProperty("timeZone", "UTC");
    return DriverManager.getConnection("jdbc:calcite:", p);
  }

  @AfterAll static void stop() throws SQLException {
    graph.close();
    mde.close();
    emulator.close();
  }

  private static Set<String> firstColumn(Connection c, String sql) throws SQLException {
    final Set<String> out = new TreeSet<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static long pages(long rows, int pageSize) {
    return Math.max(1, (rows + pageSize - 1) / pageSize);
  }

  private static Set<String> openHighIncidents() {
    final Entity t = DefenderModel.GRAPH_INCIDENTS;
    final int id = t.indexOf(t.column("id").orElseThrow());
    final int status = t.indexOf(t.column("status").orElseThrow());
    final int severity = t.indexOf(t.column("severity").orElseThrow());
    return emulator.graph().rows(t).filter(r -> "active".equals(r[status]) && "high".equals(r[severity]))
        .map(r -> (String) r[id]).collect(Collectors.toCollection(TreeSet::new));
  }

  @Test void everySearchWorksOnGraphAloneAndGivesTheMdeApisAnswer() throws IOException, SQLException {
    final List<String> searches = GettingStartedTest.statements(Path.of("sql", "graph-searches.sql"));
    assertEquals(EQUIVALENTS.size(), searches.size(), "one MDE-API equivalent per search");
    final long alerts = emulator.graph().count(DefenderModel.GRAPH_ALERTS);
    for (int i = 0; i < searches.size(); i++) {
      final String sql = searches.get(i);
      final Equivalent eq = EQUIVALENTS.get(i);
      emulator.clearRequestLog();
      final Set<String> got = firstColumn(graph, sql);
      assertFalse(got.isEmpty(), "no rows from:\n" + sql);
      final List<String> paths = emulator.requestLog().stream().map(RecordedRequest::path)
          .filter(p -> !p.endsWith("/oauth2/v2.0/token")).toList();
      assertTrue(paths.stream().noneMatch(p -> p.startsWith("/api/")), "a request to the MDE API: " + paths);
      final long alertPages = paths.stream().filter(p -> p.equals("/v1.0/security/alerts_v2")).count();
      final long hunting = paths.stream().filter(p -> p.endsWith("/runHuntingQuery")).count();
      final long incidentPages = paths.stream().filter(p -> p.equals("/v1.0/security/incidents")).count();
      switch (eq.cost()) {
        case ALERT_PAGES -> assertEquals(List.of(pages(alerts, DefenderModel.GRAPH_ALERTS.maxTop()), 0L),
            List.of(alertPages, (long) paths.size() - alertPages), sql + "\n" + paths);
        case ONE_HUNTING_REQUEST -> assertEquals(List.of("/v1.0/security/runHuntingQuery"), paths, sql);
        case INCIDENT_PAGES -> assertEquals(List.of(pages(openHighIncidents().size(),
            DefenderModel.GRAPH_INCIDENTS.maxTop()), 0L), List.of(incidentPages, paths.size() - incidentPages),
            sql + "\n" + paths);
        default -> throw new AssertionError(eq.cost());
      }
      assertTrue(hunting <= 1, sql);
      switch (eq.compare()) {
        case SAME -> assertEquals(firstColumn(mde, eq.mdeSql()), got, sql);
        case SUBSET -> {
          final Set<String> api = firstColumn(mde, eq.mdeSql());
          assertTrue(api.containsAll(got), sql + "\n" + got + " not within " + api);
        }
        case OPEN_HIGH_INCIDENTS -> assertEquals(openHighIncidents(), got, sql);
        default -> throw new AssertionError(eq.compare());
      }
    }
  }
}
