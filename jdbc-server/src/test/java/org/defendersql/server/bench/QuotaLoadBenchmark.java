package org.defendersql.server.bench;

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
import org.defendersql.server.DefenderServerTesting;

/**
 * A load benchmark, not a test (a wall-clock run has no place in the deterministic suite; RateLimiterTest proves
 * the limiter's bound on a virtual clock): 16 JDBC clients scan through the Avatica server for 60 seconds
 * against an emulator that enforces quotas like the real ones (two sliding windows), with time compressed so
 * that 16 clients would exceed them within seconds. It prints the API requests, how many the emulator answered
 * 429 (the client-side budget, set to the same windows, should keep that at 0) and checks every scan's rows.
 * Run: {@code ./mvnw -q -B -pl jdbc-server exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.defendersql.server.bench.QuotaLoadBenchmark} (add {@code -DquotaLoad.seconds=N},
 * {@code -DquotaLoad.rateLimits=off}).
 */
public final class QuotaLoadBenchmark {
  private static final int CLIENTS = 16;
  private static final Duration RUN = Duration.ofSeconds(Long.getLong("quotaLoad.seconds", 60));
  /**
   * "100 a minute, 1,500 an hour", compressed: 100 in any 10 s and 400 in any 60 s, so both windows bind. The
   * client's budget can be overridden ({@code -DquotaLoad.rateLimits=off}) to see what happens without it.
   */
  private static final String LIMITS = System.getProperty("quotaLoad.rateLimits", "100/10s,400/60s");

  private QuotaLoadBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    try (DefenderEmulator emulator = DefenderEmulator.builder().alerts(1_000).machines(200).pageSize(100).seed(5)
        .quota(100, Duration.ofSeconds(10)).quota(400, Duration.ofSeconds(60)).build().start()) {
      final Map<String, Object> operand = new LinkedHashMap<>(DefenderModels.operand(emulator.environment()));
      operand.put("rateLimits", LIMITS);
      // The clients' queries must reach the API's quotas, not the cache.
      operand.put("cache", "off");
      // A query may wait long for the budget: retries are for failures, waiting for the budget is not one.
      final Map<Entity, List<String>> expected = new LinkedHashMap<>();
      for (Entity e : List.of(DefenderModel.ALERTS, DefenderModel.MACHINES)) {
        final int key = e.indexOf(e.key());
        expected.put(e, emulator.data().rows(e).map(r -> (String) r[key]).toList());
      }
      final AtomicLong scans = new AtomicLong();
      final AtomicLong rows = new AtomicLong();
      final long start = System.nanoTime();
      final long end = start + RUN.toNanos();
      try (DefenderServerTesting.Running server = DefenderServerTesting.serve(DefenderModels.inline(operand))) {
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
                if (!expected.get(entity).equals(ids)) {
                  throw new AssertionError("client " + client + " scan of " + entity.tableName()
                      + " differs from the emulator's rows: " + ids.size() + " rows");
                }
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
      System.out.printf(Locale.ROOT, "QuotaLoadBenchmark: %d clients, %.1f s, %d scans, %d rows, %d API requests"
          + " (%d answered 200, %d answered 429), %d token requests, %.1f API requests/s; limits %s%n", CLIENTS,
          seconds, scans.get(), rows.get(), api.size(), ok, throttled, tokens, api.size() / seconds, LIMITS);
      System.out.println(throttled == 0 && ok == api.size() ? "OK: no call exceeded the quotas"
          : "QUOTA EXCEEDED: " + throttled + " calls answered 429 (retried; rows still checked)");
    }
  }
}
