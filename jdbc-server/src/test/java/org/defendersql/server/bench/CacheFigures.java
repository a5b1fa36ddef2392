package org.defendersql.server.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
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
 * against a warm one (the median of three idle periods), and beside it the machine's own loss after idling
 * ({@link IdleControl}).
 */
final class CacheFigures {
  /** Idle periods measured; the figure is their median. */
  private static final int IDLE_SAMPLES = 3;
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
    // One sample after idling against the median of forty is a comparison with the noise of a single run (warm
    // runs of this query spread over a half of their median here); the median of a few idle periods is not.
    final double[] idle = new double[IDLE_SAMPLES];
    for (int i = 0; i < IDLE_SAMPLES; i++) {
      Thread.sleep(idleSeconds * 1000L);
      final long t0 = System.nanoTime();
      try (Connection c = Uncached.connect(jdbcUrl)) {
        query(c);
      }
      idle[i] = (System.nanoTime() - t0) / 1e6;
    }
    final double[] sorted = idle.clone();
    Arrays.sort(sorted);
    final double median = sorted[IDLE_SAMPLES / 2];
    System.out.printf(Locale.ROOT, "  cache off: warm %.1f ms (median), first after %d s idle %s ms (median %.1f,"
        + " %.2fx)%n", warm, idleSeconds, Arrays.toString(idle), median, median / warm);
    System.out.printf(Locale.ROOT, "  control, no query: this machine's plain work after %d s idle / warm: %.2fx"
        + " (IdleControl)%n", idleSeconds, new IdleControl().ratio(idleSeconds, IDLE_SAMPLES));
    figures.add(new Figure("first query after " + idleSeconds + " s idle / warm", PushdownFigures.fmt(median / warm)
        + "x", "<= 1.2x", median / warm <= 1.2));
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
