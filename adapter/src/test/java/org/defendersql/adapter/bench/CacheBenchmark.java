package org.defendersql.adapter.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.defendersql.adapter.DefenderModels;
import org.defendersql.adapter.EmulatedTenant;
import org.defendersql.emulator.DefenderEmulator;

/**
 * Prints what the shared cache and the stale-connection retry save: the API requests of 10 identical queries in
 * a row and of 8 at once against the minimum (one scan's pages), the cache's hit rate, and the time of the first
 * query after an idle pause (the pooled connection gone stale) against a warm one, with the cache off. Not a test:
 * run it with {@code ./mvnw -q -B -pl adapter exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.defendersql.adapter.bench.CacheBenchmark [-Dexec.args="ALERTS IDLE_SECONDS"]} (defaults
 * 20,000 alerts and 60 s).
 */
public final class CacheBenchmark {
  private static final String SQL = "select id, severity, title from alerts";

  private CacheBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    final int alerts = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    final int idleSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    try (DefenderEmulator emulator = DefenderEmulator.builder().alerts(alerts).machines(Math.max(50, alerts / 20))
        .seed(1).build().start()) {
      final Map<String, Object> on = new LinkedHashMap<>(DefenderModels.operand(emulator.environment()));
      on.put("rateLimits", "off");
      on.put("cache", "on");
      final Map<String, Object> off = new LinkedHashMap<>(on);
      off.put("cache", "off");
      final String cached = DefenderModels.inline(on);
      final String uncached = DefenderModels.inline(off);

      emulator.clearRequestLog();
      run(uncached);
      final long minimum = apiRequests(emulator);
      System.out.printf(Locale.ROOT, "%,d alerts; one scan of %s sends %d requests%n", alerts, SQL, minimum);

      clear(cached);
      emulator.clearRequestLog();
      for (int i = 0; i < 10; i++) {
        run(cached);
      }
      System.out.printf(Locale.ROOT, "10 identical queries in a row: %d requests (%.2f x the minimum); %s%n",
          apiRequests(emulator), (double) apiRequests(emulator) / minimum, stats(cached));

      clear(cached);
      emulator.clearRequestLog();
      final CyclicBarrier together = new CyclicBarrier(8);
      final ExecutorService pool = Executors.newFixedThreadPool(8);
      final List<Future<Integer>> all = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        all.add(pool.submit(() -> {
          together.await();
          return run(cached);
        }));
      }
      for (Future<Integer> f : all) {
        f.get();
      }
      pool.shutdown();
      System.out.printf(Locale.ROOT, "8 identical queries at once: %d requests (%.2f x the minimum); %s%n",
          apiRequests(emulator), (double) apiRequests(emulator) / minimum, stats(cached));

      final long warmStart = System.nanoTime();
      run(uncached);
      final double warm = (System.nanoTime() - warmStart) / 1e6;
      Thread.sleep(idleSeconds * 1000L);
      final long idleStart = System.nanoTime();
      run(uncached);
      final double idle = (System.nanoTime() - idleStart) / 1e6;
      System.out.printf(Locale.ROOT, "cache off: warm query %.0f ms, first after %d s idle %.0f ms (%.2f x)%n", warm,
          idleSeconds, idle, idle / warm);
    }
  }

  private static long apiRequests(DefenderEmulator emulator) {
    return emulator.requestLog().stream().filter(r -> r.path().startsWith("/api/")).count();
  }

  private static int run(String model) throws SQLException {
    int rows = 0;
    try (Connection c = EmulatedTenant.connect(model); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(SQL)) {
      while (rs.next()) {
        rows++;
      }
    }
    return rows;
  }

  private static void clear(String model) throws SQLException {
    try (Connection c = EmulatedTenant.connect(model); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select * from table(clear_cache())")) {
      rs.next();
    }
  }

  private static String stats(String model) throws SQLException {
    try (Connection c = EmulatedTenant.connect(model); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select hits, shared_in_flight, misses, hit_rate from cache_stats")) {
      rs.next();
      return String.format(Locale.ROOT, "cache since start: %d hits, %d shared in flight, %d misses, hit rate %.2f",
          rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getDouble(4));
    }
  }
}
