package org.defendersql.server.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.defendersql.emulator.DefenderEmulator;

/**
 * The shared cache over the server: API requests of 10 identical queries in a row and of 8 sent at once, each
 * from a connection of its own, against one scan's; then, cache off, the first query after an idle minute
 * against a warm one.
 */
final class CacheFigures {
  private static final String SQL = "select id, severity, title from alerts where severity = 'High'";
  private final DefenderEmulator emulator;
  private final String jdbcUrl;
  private final int idleSeconds;

  CacheFigures(DefenderEmulator emulator, String jdbcUrl, int idleSeconds) {
    this.emulator = emulator;
    this.jdbcUrl = jdbcUrl;
    this.idleSeconds = idleSeconds;
  }

  List<Figure> run() throws Exception {
    final List<Figure> figures = new ArrayList<>();
    System.out.println("\n== the cache over the server: " + SQL);
    emulator.clearRequestLog();
    try (Connection c = Uncached.connect(jdbcUrl)) {
      query(c);
    }
    final long minimum = apiRequests();

    clear();
    emulator.clearRequestLog();
    for (int i = 0; i < 10; i++) {
      query(jdbcUrl);
    }
    final long inRow = apiRequests();
    System.out.printf(Locale.ROOT, "  10 in a row: %d requests (one query sends %d); %s%n", inRow, minimum, stats());

    clear();
    emulator.clearRequestLog();
    final CyclicBarrier together = new CyclicBarrier(8);
    final ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      final List<Future<Long>> all = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        all.add(pool.submit(() -> {
          together.await();
          return query(jdbcUrl);
        }));
      }
      for (Future<Long> f : all) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    final long atOnce = apiRequests();
    final String stats = stats();
    System.out.printf(Locale.ROOT, "  8 at once:   %d requests; %s%n", atOnce, stats);
    figures.add(new Figure("10 identical queries in a row: requests / one query's", inRow + " / " + minimum,
        "1 query's", inRow <= minimum));
    figures.add(new Figure("8 identical queries at once: requests / one query's", atOnce + " / " + minimum,
        "1 query's", atOnce <= minimum));

    // Warm and after idling, the same work: a new connection and its query (a connection's second run of a text
    // reuses its plan, which the first after idling cannot).
    final double warm = LookupFigures.median(() -> {
      try (Connection c = Uncached.connect(jdbcUrl)) {
        query(c);
      }
    });
    Thread.sleep(idleSeconds * 1000L);
    final long t0 = System.nanoTime();
    try (Connection c = Uncached.connect(jdbcUrl)) {
      query(c);
    }
    final double idle = (System.nanoTime() - t0) / 1e6;
    System.out.printf(Locale.ROOT, "  cache off: warm %.1f ms (median), first after %d s idle %.1f ms (%.2fx)%n", warm,
        idleSeconds, idle, idle / warm);
    figures.add(new Figure("first query after " + idleSeconds + " s idle / warm", PushdownFigures.fmt(idle / warm)
        + "x", "<= 1.2x", idle / warm <= 1.2));
    return figures;
  }

  private long apiRequests() {
    return emulator.requestLog().stream().filter(r -> r.path().startsWith("/api/")).count();
  }

  private static long query(String url) throws SQLException {
    try (Connection c = DriverManager.getConnection(url)) {
      return query(c);
    }
  }

  private static long query(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SQL)) {
      return LookupFigures.drain(rs);
    }
  }

  private void clear() throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select * from table(clear_cache())")) {
      rs.next();
    }
  }

  private String stats() throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select hits, shared_in_flight, misses, hit_rate from cache_stats")) {
      rs.next();
      return String.format(Locale.ROOT, "cache_stats: %d hits, %d shared in flight, %d misses, hit rate"
          + " %.2f", rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getDouble(4));
    }
  }
}
