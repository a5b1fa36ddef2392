package org.defendersql.server.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.RecordedRequest;
import org.defendersql.model.DefenderModel;

/**
 * Point lookups (an alert by id, a machine by id, a file by SHA-1 with its statistics) over the server, as a
 * statement and as a prepared statement, against the same API requests sent one after the other by a raw client.
 */
final class LookupFigures {
  private static final int WARM = 10;
  private static final int RUNS = 40;
  private static final int ROUNDS = 5;
  private final DefenderEmulator emulator;
  private final String jdbcUrl;
  private final RawApi raw;

  LookupFigures(DefenderEmulator emulator, String jdbcUrl, RawApi raw) {
    this.emulator = emulator;
    this.jdbcUrl = jdbcUrl;
    this.raw = raw;
  }

  List<Figure> run() throws Exception {
    final String alertId = (String) PushdownFigures.value(DefenderModel.ALERTS,
        emulator.data().rows(DefenderModel.ALERTS).skip(4321).findFirst().orElseThrow(), "id");
    final String machineId = (String) PushdownFigures.value(DefenderModel.MACHINES,
        emulator.data().rows(DefenderModel.MACHINES).skip(99).findFirst().orElseThrow(), "id");
    final String sha1 = (String) PushdownFigures.value(DefenderModel.FILES,
        emulator.data().rows(DefenderModel.FILES).skip(3).findFirst().orElseThrow(), "sha1");
    System.out.println("\n== point lookups over the server vs the same requests sent raw (best median of " + RUNS
        + " over " + ROUNDS + " rounds taking turns, cache off)");
    System.out.printf(Locale.ROOT, "  %-9s %9s %9s %9s %8s %8s  %s%n", "lookup", "raw ms", "stmt ms", "prep ms",
        "stmt x", "prep x", "requests");
    final List<Figure> figures = new ArrayList<>();
    double worstRatio = 0;
    double worstAdded = 0;
    try (Connection c = Uncached.connect(jdbcUrl)) {
      for (String[] l : List.of(new String[] {"alert", "alerts", "id", alertId},
          new String[] {"machine", "machines", "id", machineId}, new String[] {"file", "files", "sha1", sha1})) {
        final String literal = "select * from " + l[1] + " where " + l[2] + " = '" + l[3] + "'";
        final String prepared = "select * from " + l[1] + " where " + l[2] + " = ?";
        emulator.clearRequestLog();
        query(c, literal);
        final List<String> urls = new ArrayList<>();
        for (RecordedRequest r : emulator.requestLog()) {
          if (r.path().startsWith("/api/")) {
            urls.add(raw.url(r));
          }
        }
        // Raw, statement and prepared statement take turns, round after round, and each keeps its best round:
        // measured one after another, whichever came first ran on colder code and a different heap.
        double rawMs = Double.MAX_VALUE;
        double stmtMs = Double.MAX_VALUE;
        double prepMs = Double.MAX_VALUE;
        try (PreparedStatement ps = c.prepareStatement(prepared)) {
          ps.setString(1, l[3]);
          for (int round = 0; round < ROUNDS; round++) {
            rawMs = Math.min(rawMs, median(() -> {
              for (String u : urls) {
                raw.get(u);
              }
            }));
            stmtMs = Math.min(stmtMs, median(() -> query(c, literal)));
            prepMs = Math.min(prepMs, median(() -> {
              try (ResultSet rs = ps.executeQuery()) {
                drain(rs);
              }
            }));
          }
        }
        System.out.printf(Locale.ROOT, "  %-9s %9.2f %9.2f %9.2f %7.2fx %7.2fx  %d%n", l[0], rawMs, stmtMs, prepMs,
            stmtMs / rawMs, prepMs / rawMs, urls.size());
        worstRatio = Math.max(worstRatio, Math.max(stmtMs, prepMs) / rawMs);
        worstAdded = Math.max(worstAdded, Math.max(stmtMs, prepMs) - rawMs);
      }
    }
    figures.add(new Figure("point lookups over the server / raw HTTP (worst)", PushdownFigures.fmt(worstRatio) + "x",
        "<= 1.5x", worstRatio <= 1.5));
    figures.add(new Figure("point lookups: time added by the server (worst)",
        String.format(Locale.ROOT, "%.2f ms", worstAdded), "<= 2 ms", worstAdded <= 2.0));
    return figures;
  }

  /** Something timed. */
  interface Action {
    void run() throws Exception;
  }

  static double median(Action action) throws Exception {
    for (int i = 0; i < WARM; i++) {
      action.run();
    }
    final double[] ms = new double[RUNS];
    for (int i = 0; i < RUNS; i++) {
      final long t0 = System.nanoTime();
      action.run();
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(ms);
    return ms[RUNS / 2];
  }

  private static void query(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      drain(rs);
    }
  }

  static long drain(ResultSet rs) throws SQLException {
    final int n = rs.getMetaData().getColumnCount();
    long rows = 0;
    while (rs.next()) {
      for (int i = 1; i <= n; i++) {
        rs.getObject(i);
      }
      rows++;
    }
    return rows;
  }
}
