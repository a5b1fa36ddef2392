package org.defendersql.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.defendersql.adapter.DefenderModels;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.RecordedRequest;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;
import org.junit.jupiter.api.Test;

/**
 * 16 JDBC clients scan through the Avatica server for 60 seconds against an emulator that enforces quotas like
 * the real ones (two sliding windows), with time compressed so that 16 clients would exceed them within
 * seconds: the client-side budget, set to the same windows, keeps every call within them (no 429), and every
 * scan returns exactly the emulator's rows.
 */
class QuotaLoadTest {
  private static final int CLIENTS = 16;
  private static final Duration RUN = Duration.ofSeconds(Long.getLong("quotaLoad.seconds", 60));
  /**
   * "100 a minute, 1,500 an hour", compressed: 100 in any 10 s and 400 in any 60 s, so both windows bind. The
   * client's budget can be overridden ({@code -DquotaLoad.rateLimits=off}) to see what happens without it.
   */
  private static final String LIMITS = System.getProperty("quotaLoad.rateLimits", "100/10s,400/60s");

  @Test void sixteenClientsForAMinuteProvokeNo429AndLoseNoRows() throws Exception {
    try (DefenderEmulator emulator = DefenderEmulator.builder().alerts(1_000).machines(200).pageSize(100).seed(5)
        .quota(100, Duration.ofSeconds(10)).quota(400, Duration.ofSeconds(60)).build().start()) {
      final Map<String, Object> operand = new LinkedHashMap<>(DefenderModels.operand(emulator.environment()));
      operand.put("rateLimits", LIMITS);
      // A query may wait long for the budget: retries are for failures, waiting for the budget is not one.
      final TenantSource tenant = new TenantSource(DefenderModels.inline(operand), "load test", null);
      final Map<Entity, List<String>> expected = new LinkedHashMap<>();
      for (Entity e : List.of(DefenderModel.ALERTS, DefenderModel.MACHINES)) {
        final int key = e.indexOf(e.key());
        expected.put(e, emulator.data().rows(e).map(r -> (String) r[key]).toList());
      }
      final AtomicLong scans = new AtomicLong();
      final AtomicLong rows = new AtomicLong();
      final long start = System.nanoTime();
      final long end = start + RUN.toNanos();
      try (DefenderServer server = DefenderServer.start(tenant, "127.0.0.1", 0)) {
        final ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        final List<Future<?>> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
          final int client = i;
          clients.add(pool.submit(() -> {
            try (Connection c = DriverManager.getConnection(server.jdbcUrl()); Statement s = c.createStatement()) {
              for (int n = client; System.nanoTime() < end; n++) {
                // Mostly small scans (machines, 2 pages), some large (alerts, 10 pages), interleaved.
                final Entity entity = n % 4 == 0 ? DefenderModel.ALERTS : DefenderModel.MACHINES;
                final List<String> ids = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("select id from " + entity.tableName())) {
                  while (rs.next()) {
                    ids.add(rs.getString(1));
                  }
                }
                assertEquals(expected.get(entity), ids, "client " + client + " scan of " + entity.tableName());
                scans.incrementAndGet();
                rows.addAndGet(ids.size());
              }
            }
            return null;
          }));
        }
        for (Future<?> f : clients) {
          f.get();
        }
        pool.shutdown();
      }
      final double seconds = (System.nanoTime() - start) / 1e9;
      final List<RecordedRequest> api = emulator.requestLog().stream().filter(r -> r.path().startsWith("/api/"))
          .toList();
      final long throttled = api.stream().filter(r -> r.status() == 429).count();
      final long ok = api.stream().filter(r -> r.status() == 200).count();
      final long tokens = emulator.requestLog().stream().filter(r -> r.path().endsWith("/token")).count();
      System.out.printf(Locale.ROOT, "QuotaLoadTest: %d clients, %.1f s, %d scans, %d rows, %d API requests"
          + " (%d answered 200, %d answered 429), %d token requests, %.1f API requests/s; limits %s%n", CLIENTS,
          seconds, scans.get(), rows.get(), api.size(), ok, throttled, tokens, api.size() / seconds, LIMITS);
      assertEquals(0, throttled, "the client-side budget must keep every call within the quotas");
      assertEquals(api.size(), ok, "every API request succeeded");
      assertTrue(api.size() > 400, "the quotas were reached: " + api.size() + " requests");
      assertTrue(scans.get() >= CLIENTS, "every client completed scans: " + scans.get());
    }
  }
}
