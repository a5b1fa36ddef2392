package org.defendersql.adapter.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.defendersql.adapter.DefenderModels;
import org.defendersql.adapter.EmulatedTenant;
import org.defendersql.adapter.client.DefenderClients;
import org.defendersql.adapter.config.DefenderConnectionConfig;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.faults.Fault;
import org.defendersql.model.DefenderModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shared cache over the emulator, counted on its request log: repeated and concurrent identical queries send
 * their requests once, an answer is never served past its time-to-live (on a virtual clock), a scan stopped early
 * or failed is never stored, narrower queries are served from wider answers exactly, aggregates over cached
 * answers equal the emulator's data, {@code cache=off} always sends, and SQL shows and clears the cache.
 */
class CachedQueriesTest {
  private static final int ALERTS = 300;
  private static final int PAGE = 50;
  /** The pages of a scan of every alert. */
  private static final int SCAN = ALERTS / PAGE;
  private static DefenderEmulator emulator;
  private static Map<String, Object> operand;

  @BeforeAll static void start() {
    emulator = DefenderEmulator.builder().alerts(ALERTS).machines(30).pageSize(PAGE).seed(13).build().start();
    emulator.faults().slowDelay(Duration.ofSeconds(2));
    operand = operand(Map.of());
  }

  @AfterAll static void stop() {
    cache().useClock(System::nanoTime);
    cache().clear();
    emulator.close();
  }

  @BeforeEach void clean() {
    cache().clear();
    emulator.faults().clear();
    emulator.clearRequestLog();
  }

  /** The emulator's settings with the cache on (the suite runs with it off), plus these. */
  private static Map<String, Object> operand(Map<String, Object> more) {
    final Map<String, Object> o = new LinkedHashMap<>(DefenderModels.operand(emulator.environment()));
    o.put("rateLimits", "off");
    o.put("cache", "on");
    o.putAll(more);
    return o;
  }

  private static AnswerCache cache() {
    return DefenderClients.of(DefenderConnectionConfig.from(operand)).cache();
  }

  private static long apiRequests() {
    return emulator.requestLog().stream().filter(r -> r.path().startsWith("/api/")).count();
  }

  private static List<List<Object>> query(Map<String, Object> settings, String sql) throws SQLException {
    try (Connection c = EmulatedTenant.connect(DefenderModels.inline(settings)); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(sql)) {
      final List<List<Object>> rows = new ArrayList<>();
      final int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        final List<Object> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(rs.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  private static List<List<Object>> query(String sql) throws SQLException {
    return query(operand, sql);
  }

  /** The emulator's alerts as {@code [id, severity]}, in the API's order. */
  private static List<List<Object>> idsAndSeverities() {
    final int id = DefenderModel.ALERTS.indexOf(DefenderModel.ALERTS.column("id").orElseThrow());
    final int severity = DefenderModel.ALERTS.indexOf(DefenderModel.ALERTS.column("severity").orElseThrow());
    return emulator.data().rows(DefenderModel.ALERTS).map(r -> List.of(r[id], r[severity])).toList();
  }

  private static String plan(Map<String, Object> settings, String sql) throws SQLException {
    final List<List<Object>> rows = query(settings, "explain plan for " + sql);
    return rows.get(0).get(0).toString();
  }

  @Test void tenIdenticalQueriesSendTheirRequestsOnce() throws SQLException {
    final List<List<Object>> expected = idsAndSeverities();
    for (int i = 0; i < 10; i++) {
      assertEquals(expected, query("select id, severity from alerts"), "run " + (i + 1));
      assertEquals(SCAN, apiRequests(), "requests after run " + (i + 1));
    }
  }

  @Test void eightConcurrentIdenticalQueriesSendTheirRequestsOnce() throws Exception {
    // The first page answers slowly, so that the other seven ask while it is in flight.
    emulator.faults().on("/api/alerts").nth(1, Fault.SLOW);
    final Object[] before = cache().statsRow();
    final List<List<Object>> expected = idsAndSeverities();
    final CyclicBarrier together = new CyclicBarrier(8);
    final ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      final List<Future<List<List<Object>>>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(pool.submit(() -> {
          together.await(30, TimeUnit.SECONDS);
          return query("select id, severity from alerts");
        }));
      }
      for (Future<List<List<Object>>> f : results) {
        assertEquals(expected, f.get(60, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(SCAN, apiRequests(), "one scan's requests for eight queries");
    final Object[] after = cache().statsRow();
    final long hits = (Long) after[0] - (Long) before[0];
    final long shared = (Long) after[1] - (Long) before[1];
    final long misses = (Long) after[2] - (Long) before[2];
    assertEquals(1, misses, "one query sent the requests");
    assertEquals(7, hits + shared, "seven read its answer");
    assertTrue(shared >= 1, "at least one waited for the request in flight: " + shared);
  }

  @Test void anAnswerIsNeverServedPastItsTimeToLive() throws SQLException {
    final AtomicLong now = new AtomicLong(1_000_000_000L);
    cache().useClock(now::get);
    try {
      final List<List<Object>> expected = idsAndSeverities();
      assertEquals(expected, query("select id, severity from alerts"));
      assertEquals(SCAN, apiRequests());
      // Alerts live 30 s: a nanosecond before, the answer is served; at 30 s, it is not.
      now.addAndGet(Duration.ofSeconds(30).toNanos() - 1);
      assertEquals(expected, query("select id, severity from alerts"));
      assertEquals(SCAN, apiRequests(), "served within its time-to-live");
      now.addAndGet(1);
      assertEquals(expected, query("select id, severity from alerts"));
      assertEquals(2L * SCAN, apiRequests(), "sent again at its time-to-live");
      // A connection whose cacheTtl caps the table's own at 5 s shares the cache, but reads no older answer.
      final Map<String, Object> capped = operand(Map.of("cacheTtl", "5s"));
      now.addAndGet(Duration.ofSeconds(5).toNanos() - 1);
      assertEquals(expected, query(capped, "select id, severity from alerts"));
      assertEquals(2L * SCAN, apiRequests(), "served: younger than the cap");
      now.addAndGet(1);
      assertEquals(expected, query(capped, "select id, severity from alerts"));
      assertEquals(3L * SCAN, apiRequests(), "sent again at the capped time-to-live");
      assertEquals(expected, query("select id, severity from alerts"));
      assertEquals(3L * SCAN, apiRequests(), "the answer it stored serves the others");
    } finally {
      cache().clear();
      cache().useClock(System::nanoTime);
    }
  }

  @Test void aScanStoppedEarlyIsNeverStored() throws SQLException {
    // The predicate is not the API's to evaluate, so the LIMIT stops the scan after its first page.
    final String sql = "select id from alerts where char_length(title) >= 0";
    assertEquals(3, query(sql + " limit 3").size());
    assertEquals(1, apiRequests(), "the first page only");
    assertEquals(List.of(), query("select entry from cache_entries"), "nothing stored");
    emulator.clearRequestLog();
    final List<List<Object>> all = query(sql);
    assertEquals(ALERTS, all.size());
    assertEquals(idsAndSeverities().stream().map(r -> List.of(r.get(0))).toList(), all);
    assertEquals(SCAN, apiRequests(), "the whole scan sent its requests");
  }

  @Test void aLimitTheApiEvaluatesIsStored() throws SQLException {
    final List<List<Object>> first = idsAndSeverities().subList(0, 7);
    final String sql = "select id, severity from alerts limit 7";
    assertTrue(plan(operand, sql).contains("$top=7"), plan(operand, sql));
    assertEquals(first, query(sql));
    assertEquals(1, apiRequests());
    assertEquals(first, query(sql));
    assertEquals(1, apiRequests(), "the $top answer, read to its end, was stored");
  }

  @Test void aFailedScanIsNeverStored() throws SQLException {
    final Map<String, Object> noRetries = operand(Map.of("maxRetries", "0"));
    emulator.faults().on("/api/alerts").nth(3, Fault.INTERNAL_ERROR);
    assertThrows(SQLException.class, () -> query(noRetries, "select id, severity from alerts"));
    assertEquals(3, apiRequests());
    emulator.clearRequestLog();
    assertEquals(idsAndSeverities(), query(noRetries, "select id, severity from alerts"));
    assertEquals(SCAN, apiRequests(), "every page sent again: the failed scan left nothing");
  }

  @Test void aggregatesOverCachedAnswersAreExact() throws SQLException {
    final Map<String, Long> counts = new TreeMap<>();
    idsAndSeverities().forEach(r -> counts.merge(String.valueOf(r.get(1)), 1L, Long::sum));
    final List<List<Object>> expected = counts.entrySet().stream()
        .map(e -> List.<Object>of(e.getKey(), e.getValue())).toList();
    final String sql = "select cast(severity as varchar(20)), count(*) from alerts group by severity order by 1";
    assertEquals(expected, query(sql));
    final long sent = apiRequests();
    assertEquals(expected, query(sql));
    assertEquals(expected, query(sql));
    assertEquals(sent, apiRequests(), "the second and third answered from the cache");
  }

  @Test void aNarrowerQueryIsServedFromAWiderAnswer() throws SQLException {
    final List<List<Object>> wide = query("select id, title, severity from alerts");
    assertEquals(ALERTS, wide.size());
    assertTrue(plan(operand, "select severity, id from alerts").contains("cache=[hit]"));
    final List<List<Object>> narrow = query("select severity, id from alerts");
    assertEquals(SCAN, apiRequests(), "the narrower query sent nothing");
    assertEquals(idsAndSeverities().stream().map(r -> List.of(r.get(1), r.get(0))).toList(), narrow);
    // A different filter is another request.
    query("select id from alerts where severity = 'High'");
    assertEquals(SCAN + 1, apiRequests());
  }

  @Test void explainSaysWhetherTheCacheAnswers() throws SQLException {
    final String sql = "select id, severity from alerts";
    assertTrue(plan(operand, sql).contains("cache=[miss]"), plan(operand, sql));
    query(sql);
    final String hit = plan(operand, sql);
    assertTrue(hit.contains("request=[GET /api/alerts?$select=id,severity], cache=[hit]"), hit);
    assertTrue(plan(operand(Map.of("cache", "off")), sql).contains("cache=[off]"));
  }

  @Test void cacheOffAlwaysSends() throws SQLException {
    final Map<String, Object> off = operand(Map.of("cache", "off"));
    for (int i = 1; i <= 3; i++) {
      assertEquals(idsAndSeverities(), query(off, "select id, severity from alerts"));
      assertEquals((long) i * SCAN, apiRequests(), "run " + i);
    }
    assertEquals(List.of(), query("select entry from cache_entries"), "nothing stored");
  }

  @Test void keyedReadsAreCachedPerKey() throws SQLException {
    final int idIndex = DefenderModel.MACHINES.indexOf(DefenderModel.MACHINES.key());
    final String id = (String) emulator.data().rows(DefenderModel.MACHINES).findFirst().orElseThrow()[idIndex];
    final String sql = "select id, computer_dns_name from machines where id = '" + id + "'";
    final List<List<Object>> first = query(sql);
    assertEquals(1, first.size());
    assertEquals(id, first.get(0).get(0));
    assertEquals(1, apiRequests());
    assertEquals(first, query(sql));
    assertEquals(1, apiRequests(), "the keyed GET answered from the cache");
    // A key the API does not know (404) is no row, and is asked for again: it may appear any moment.
    final String unknown = "select id from machines where id = '" + "f".repeat(40) + "'";
    assertEquals(List.of(), query(unknown));
    assertEquals(List.of(), query(unknown));
    assertEquals(3, apiRequests(), "a 404 is not stored");
  }

  @Test void huntingAnswersAreCachedByTheirExactKql() throws SQLException {
    final Map<String, Object> hunting = operand(Map.of("graphUrl", emulator.graphUrl(), "huntingRateLimits", "off"));
    final Map<String, Object> uncached = new LinkedHashMap<>(hunting);
    uncached.put("cache", "off");
    final String sql = "select DeviceName, OSPlatform from hunting.DeviceInfo where OSPlatform = 'Windows11'";
    final List<List<Object>> reference = query(uncached, sql);
    assertTrue(reference.size() > 0, "the query has rows");
    final long sent = huntingRequests();
    assertTrue(plan(hunting, sql).contains("cache=[miss]"), plan(hunting, sql));
    assertEquals(reference, query(hunting, sql));
    assertEquals(reference, query(hunting, sql));
    assertEquals(sent + 1, huntingRequests(), "the second answered from the cache");
    assertTrue(plan(hunting, sql).contains("cache=[hit]"), plan(hunting, sql));
    query(hunting, sql.replace("Windows11", "Windows10"));
    assertEquals(sent + 2, huntingRequests(), "other KQL, another request");
  }

  private static long huntingRequests() {
    return emulator.requestLog().stream().filter(r -> r.kql() != null).count();
  }

  @Test void theCacheIsShownAndClearedFromSql() throws SQLException {
    query("select id, severity from alerts");
    query("select id, severity from alerts");
    final List<List<Object>> entries = query(
        "select table_name, request, row_count, hits, ttl_seconds, expired from cache_entries");
    assertEquals(List.of(List.of("alerts", "GET /api/alerts?$select=id,severity", (long) ALERTS, 1L, 30.0, false)),
        entries);
    final List<List<Object>> stats = query("select hits, misses, entries from cache_stats");
    assertEquals(1L, stats.get(0).get(2));
    assertEquals(List.of(List.of(1L)), query("select * from table(defender.clear_cache())"));
    assertEquals(List.of(), query("select entry from cache_entries"));
    assertEquals(List.of(List.of(0L)), query("select cleared from table(clear_cache())"));
    query("select id, severity from alerts");
    assertEquals(2L * SCAN, apiRequests(), "sent again once cleared");
  }
}
