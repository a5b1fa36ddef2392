package org.defendersql.server.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.RecordedRequest;

/**
 * Full scans of the alerts, {@code select *} and three columns: rows a second embedded and over the server at
 * three fetch sizes, against the raw client reading the same pages. Each figure is the best of three timed scans
 * after a warm-up one, the scans taking turns, so that neither one pause of a busy machine nor the order of
 * measurement decides it.
 */
final class ScanFigures {
  private static final int[] FETCH_SIZES = {100, 1_000, 10_000};
  private final DefenderEmulator emulator;
  private final String jdbcUrl;
  private final String embeddedUrl;
  private final RawApi raw;

  ScanFigures(DefenderEmulator emulator, String jdbcUrl, String embeddedUrl, RawApi raw) {
    this.emulator = emulator;
    this.jdbcUrl = jdbcUrl;
    this.embeddedUrl = embeddedUrl;
    this.raw = raw;
  }

  List<Figure> run() throws Exception {
    final List<Figure> figures = new ArrayList<>();
    final long alerts = emulator.data().count(org.defendersql.model.DefenderModel.ALERTS);
    System.out.printf(Locale.ROOT, "%n== full scans of %,d alerts, rows a second (cache off)%n", alerts);
    boolean monotone = true;
    for (String sql : new String[] {"select * from alerts", "select id, severity, alert_creation_time from alerts"}) {
      emulator.clearRequestLog();
      scan(embeddedUrl, sql, 0);
      final RecordedRequest first = emulator.requestLog().stream().filter(r -> r.path().startsWith("/api/"))
          .findFirst().orElseThrow();
      final String firstPage = raw.url(first);
      final List<LongAction> scans = new ArrayList<>(List.of(() -> raw.scan(firstPage),
          () -> scan(embeddedUrl, sql, 0)));
      for (int fetchSize : FETCH_SIZES) {
        scans.add(() -> scan(jdbcUrl, sql, fetchSize));
      }
      final double[] rates = best(scans);
      final double rawRate = rates[0];
      final double embedded = rates[1];
      System.out.printf(Locale.ROOT, "  %s%n    %-28s %,10.0f%n    %-28s %,10.0f  %.2f of raw%n", sql,
          "raw OkHttp + Jackson", rawRate, "embedded Calcite", embedded, embedded / rawRate);
      double previous = 0;
      double largest = 0;
      for (int k = 0; k < FETCH_SIZES.length; k++) {
        final double server = rates[2 + k];
        System.out.printf(Locale.ROOT, "    %-28s %,10.0f  %.2f of raw%n", "server, fetch size " + FETCH_SIZES[k],
            server, server / rawRate);
        // Monotone within the noise of one run: a larger fetch size is not slower by more than 5%.
        monotone &= server >= previous * 0.95;
        previous = server;
        largest = server;
      }
      final String what = sql.startsWith("select *") ? "select *" : "three columns";
      figures.add(new Figure("scan " + what + ": server (fetch 10,000) / raw", PushdownFigures.fmt(largest / rawRate),
          ">= 0.80", largest / rawRate >= 0.8));
      figures.add(new Figure("scan " + what + ": embedded / raw", PushdownFigures.fmt(embedded / rawRate),
          ">= 1.00", embedded / rawRate >= 1.0));
    }
    figures.add(new Figure("fetch sizes 100, 1,000, 10,000: rows a second", monotone ? "monotone" : "not monotone",
        "monotone", monotone));
    return figures;
  }

  /**
   * Rows a second of each scan, the best of three timed runs after one to warm up. The scans take turns, round
   * after round, so that the JIT's warm-up and the heap's state weigh on each alike: measured one after the other,
   * the first ones measured were the slowest whatever they were.
   */
  private static double[] best(List<LongAction> scans) throws Exception {
    for (LongAction scan : scans) {
      scan.run();
    }
    final double[] best = new double[scans.size()];
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < best.length; i++) {
        final long t0 = System.nanoTime();
        final long rows = scans.get(i).run();
        best[i] = Math.max(best[i], rows / ((System.nanoTime() - t0) / 1e9));
      }
    }
    return best;
  }

  /** A scan that returns its rows. */
  private interface LongAction {
    long run() throws Exception;
  }

  static long scan(String url, String sql, int fetchSize) throws SQLException {
    try (Connection c = Uncached.connect(url); Statement st = c.createStatement()) {
      st.setFetchSize(fetchSize);
      try (ResultSet rs = st.executeQuery(sql)) {
        return LookupFigures.drain(rs);
      }
    }
  }
}
