package org.defendersql.server.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
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
 * statement and as a prepared statement, against the same API requests sent one after the other by a raw client,
 * once the JIT compiler is done with them (see {@link #warmUp}).
 */
final class LookupFigures {
  private static final int WARM = 10;
  private static final int RUNS = 40;
  private static final int ROUNDS = 8;
  /** Each way of each lookup runs this often in a pass of the warm-up. */
  private static final int WARM_PASS = 30;
  /** The warm-up ends after this many passes in a row with the JIT compiling under this share of the time. */
  private static final int WARM_QUIET_PASSES = 5;
  private static final double WARM_QUIET_SHARE = 0.03;
  private static final long WARM_LIMIT_NANOS = 240_000_000_000L;
  private final DefenderEmulator emulator;
  private final String jdbcUrl;
  private final RawApi raw;

  LookupFigures(DefenderEmulator emulator, String jdbcUrl, RawApi raw) {
    this.emulator = emulator;
    this.jdbcUrl = jdbcUrl;
    this.raw = raw;
  }

  /** One lookup, the three ways it is timed (raw requests, a statement, a prepared statement), and its requests. */
  private record Lookup(String name, Action raw, Action statement, Action prepared, int requests) {
  }

  List<Figure> run() throws Exception {
    final String alertId = (String) PushdownFigures.value(DefenderModel.ALERTS,
        emulator.data().rows(DefenderModel.ALERTS).skip(4321).findFirst().orElseThrow(), "id");
    final String machineId = (String) PushdownFigures.value(DefenderModel.MACHINES,
        emulator.data().rows(DefenderModel.MACHINES).skip(99).findFirst().orElseThrow(), "id");
    final String sha1 = (String) PushdownFigures.value(DefenderModel.FILES,
        emulator.data().rows(DefenderModel.FILES).skip(3).findFirst().orElseThrow(), "sha1");
    final List<Figure> figures = new ArrayList<>();
    double worstRatio = 0;
    double worstAdded = 0;
    final List<PreparedStatement> statements = new ArrayList<>();
    try (Connection c = Uncached.connect(jdbcUrl)) {
      final List<Lookup> lookups = new ArrayList<>();
      for (String[] l : List.of(new String[] {"alert", "alerts", "id", alertId},
          new String[] {"machine", "machines", "id", machineId}, new String[] {"file", "files", "sha1", sha1})) {
        final String literal = "select * from " + l[1] + " where " + l[2] + " = '" + l[3] + "'";
        emulator.clearRequestLog();
        query(c, literal);
        final List<String> urls = new ArrayList<>();
        for (RecordedRequest r : emulator.requestLog()) {
          if (r.path().startsWith("/api/")) {
            urls.add(raw.url(r));
          }
        }
        final PreparedStatement ps = c.prepareStatement("select * from " + l[1] + " where " + l[2] + " = ?");
        statements.add(ps);
        ps.setString(1, l[3]);
        lookups.add(new Lookup(l[0], () -> {
          for (String u : urls) {
            raw.get(u);
          }
        }, () -> query(c, literal), () -> {
          try (ResultSet rs = ps.executeQuery()) {
            drain(rs);
          }
        }, urls.size()));
      }
      warmUp(lookups);
      System.out.println("\n== point lookups over the server vs the same requests sent raw (best median of " + RUNS
          + " over " + ROUNDS + " rounds taking turns, cache off)");
      System.out.printf(Locale.ROOT, "  %-9s %9s %9s %9s %8s %8s  %s%n", "lookup", "raw ms", "stmt ms", "prep ms",
          "stmt x", "prep x", "requests");
      final long jit0 = jitMillis();
      final long t0 = System.nanoTime();
      for (Lookup l : lookups) {
        // Raw, statement and prepared statement take turns, round after round, and each keeps its best round.
        double rawMs = Double.MAX_VALUE;
        double stmtMs = Double.MAX_VALUE;
        double prepMs = Double.MAX_VALUE;
        for (int round = 0; round < ROUNDS; round++) {
          rawMs = Math.min(rawMs, median(l.raw()));
          stmtMs = Math.min(stmtMs, median(l.statement()));
          prepMs = Math.min(prepMs, median(l.prepared()));
        }
        System.out.printf(Locale.ROOT, "  %-9s %9.2f %9.2f %9.2f %7.2fx %7.2fx  %d%n", l.name(), rawMs, stmtMs, prepMs,
            stmtMs / rawMs, prepMs / rawMs, l.requests());
        worstRatio = Math.max(worstRatio, Math.max(stmtMs, prepMs) / rawMs);
        worstAdded = Math.max(worstAdded, Math.max(stmtMs, prepMs) - rawMs);
      }
      System.out.printf(Locale.ROOT, "  JIT compilation during the timed rounds: %.1f%% of their time%n",
          100.0 * (jitMillis() - jit0) / ((System.nanoTime() - t0) / 1e6));
    } finally {
      for (PreparedStatement ps : statements) {
        ps.close();
      }
    }
    figures.add(new Figure("point lookups over the server / raw HTTP (worst)", PushdownFigures.fmt(worstRatio) + "x",
        "<= 1.5x", worstRatio <= 1.5));
    figures.add(new Figure("point lookups: time added by the server (worst)",
        String.format(Locale.ROOT, "%.2f ms", worstAdded), "<= 2 ms", worstAdded <= 2.0));
    return figures;
  }

  /**
   * Runs the lookups, every way, until the JIT compiler is done with them: a server answers many queries, and its
   * steady state is what the figure is about. The server's path is far more code than the raw client's, and on
   * two cores its compilation went on for some ten thousand lookups, taking more time than the lookups themselves.
   */
  private static void warmUp(List<Lookup> lookups) throws Exception {
    final long start = System.nanoTime();
    int quiet = 0;
    long runs = 0;
    while (quiet < WARM_QUIET_PASSES && System.nanoTime() - start < WARM_LIMIT_NANOS) {
      final long jit0 = jitMillis();
      final long t0 = System.nanoTime();
      for (Lookup l : lookups) {
        for (Action a : List.of(l.raw(), l.statement(), l.prepared())) {
          for (int i = 0; i < WARM_PASS; i++) {
            a.run();
            runs++;
          }
        }
      }
      final double share = (jitMillis() - jit0) / ((System.nanoTime() - t0) / 1e6);
      quiet = share < WARM_QUIET_SHARE ? quiet + 1 : 0;
    }
    System.out.printf(Locale.ROOT, "%n  warm-up: %,d lookups in %.0f s, %s%n", runs,
        (System.nanoTime() - start) / 1e9, quiet >= WARM_QUIET_PASSES
            ? "until the JIT compiled for under " + Math.round(WARM_QUIET_SHARE * 100) + "% of the time"
            : "stopped at the time limit with the JIT still compiling");
  }

  /** Milliseconds the JIT compiler has spent, in all its threads, since the process started. */
  private static long jitMillis() {
    final CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
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
