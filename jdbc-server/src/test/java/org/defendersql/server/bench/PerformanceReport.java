package org.defendersql.server.bench;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.defendersql.adapter.DefenderModels;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.server.DefenderServerMain;
import org.defendersql.server.DefenderServerTesting;

/**
 * Prints, in one run, every figure of the speed issue side by side with its target: requests of the pushdown
 * suite with literals and with parameters, point lookups and full scans against a raw client of the same API,
 * fetch sizes, a million-alert scan at {@code -Xmx256m}, the cache and the first query after idling. Not a test:
 * figures on a shared machine vary, and ratios measured in one run are what to compare.
 *
 * <p>Run: {@code ./mvnw -q -B -pl jdbc-server -am install -DskipTests} once, then {@code ./mvnw -q -B -pl
 * jdbc-server exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.defendersql.server.bench.PerformanceReport
 * [-Dexec.args="ALERTS BIG_ALERTS IDLE_SECONDS"]} (defaults 100,000, 1,000,000 and 60; 0 alerts or 0 big alerts
 * leaves those sections out).
 */
public final class PerformanceReport {
  private PerformanceReport() {
  }

  public static void main(String[] args) throws Exception {
    // The process settings the server's main makes (its cache of compiled plans), before any Calcite class loads.
    Class.forName(DefenderServerMain.class.getName(), true, PerformanceReport.class.getClassLoader());
    final int alerts = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    final int big = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    final int idle = args.length > 2 ? Integer.parseInt(args[2]) : 60;
    System.out.printf(Locale.ROOT, "defender-sql performance report: %d cores, emulator, server and client in one"
        + " machine%n", Runtime.getRuntime().availableProcessors());
    final List<Figure> figures = new ArrayList<>();
    if (alerts > 0) {
      figures.addAll(overOneTenant(alerts, idle));
    }
    if (big > 0) {
      figures.addAll(new HeapFigures(big, Files.createTempDirectory("defender-sql-report")).run());
    }
    System.out.println("\n== summary");
    System.out.printf(Locale.ROOT, "  %-58s %-16s %-10s %s%n", "figure", "measured", "target", "");
    for (Figure f : figures) {
      System.out.printf(Locale.ROOT, "  %-58s %-16s %-10s %s%n", f.name(), f.measured(), f.target(), f.verdict());
    }
  }

  /** The figures over one emulated tenant and one server in this process. */
  private static List<Figure> overOneTenant(int alerts, int idle) throws Exception {
    final List<Figure> figures = new ArrayList<>();
    try (DefenderEmulator emulator = DefenderEmulator.builder().alerts(alerts).machines(Math.max(100, alerts / 20))
        .seed(1).build().start()) {
      final Map<String, Object> operand = DefenderModels.operand(emulator.environment());
      // The client-side call budget would make the figures measure waiting; the emulator enforces none here.
      operand.put("rateLimits", "off");
      final String model = DefenderModels.inline(operand);
      final Map<String, Object> uncached = DefenderModels.operand(emulator.environment());
      uncached.put("rateLimits", "off");
      uncached.put("cache", "off");
      final String embedded = "jdbc:calcite:caseSensitive=false;unquotedCasing=UNCHANGED;timeZone=UTC;model="
          + DefenderModels.inline(uncached);
      final RawApi raw = new RawApi(emulator);
      try (DefenderServerTesting.Running server = DefenderServerTesting.serve(model)) {
        figures.addAll(new PushdownFigures(emulator, server.jdbcUrl()).run());
        figures.addAll(new LookupFigures(emulator, server.jdbcUrl(), raw).run());
        figures.addAll(new ScanFigures(emulator, server.jdbcUrl(), embedded, raw).run());
        figures.addAll(new CacheFigures(emulator, server.jdbcUrl(), idle).run());
      }
    }
    return figures;
  }
}
