package org.defendersql.server.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;
import org.defendersql.adapter.DefenderModels;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.server.DefenderServerTesting;

/**
 * Prints how fast a full scan of alerts travels from the emulated API through Calcite and an Avatica server to a
 * JDBC client. Not a test: figures on a shared machine vary, so compare runs, not absolutes.
 *
 * <p>Run: {@code ./mvnw -q -B -pl jdbc-server exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.defendersql.server.bench.ScanBenchmark [-Dexec.args="100000"]}
 */
public final class ScanBenchmark {
  private ScanBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    final int alerts = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    try (DefenderEmulator emulator = DefenderEmulator.builder().alerts(alerts).machines(Math.max(100, alerts / 10))
        .build().start();
         DefenderServerTesting.Running server = DefenderServerTesting.serve(emulator)) {
      System.out.printf(Locale.ROOT, "full scan of %,d alerts (emulator, Calcite and client share 2 cores)%n",
          alerts);
      // Every scan reads the API: the cache would serve the repeated ones.
      final java.util.Map<String, Object> operand = DefenderModels.operand(emulator.environment());
      operand.put("cache", "off");
      final String embedded = "jdbc:calcite:caseSensitive=false;unquotedCasing=UNCHANGED;timeZone=UTC;model="
          + DefenderModels.inline(operand);
      for (String sql : new String[] {"select * from alerts", "select id, severity, alert_creation_time from alerts"}) {
        measure("embedded Calcite, no Avatica", embedded, sql, 100);
        for (int fetchSize : new int[] {100, 5_000}) {
          measure("Avatica protobuf, fetch size " + fetchSize, server.jdbcUrl(), sql, fetchSize);
        }
      }
    }
  }

  private static void measure(String how, String url, String sql, int fetchSize) throws Exception {
    scan(url, sql, fetchSize); // warm-up
    final long t0 = System.nanoTime();
    final long rows = scan(url, sql, fetchSize);
    final double s = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "  %-52s %-34s %,9d rows in %6.2f s = %,8.0f rows/s%n", sql, how, rows, s,
        rows / s);
  }

  private static long scan(String url, String sql, int fetchSize) throws Exception {
    long rows = 0;
    try (Connection c = Uncached.connect(url); Statement st = c.createStatement()) {
      st.setFetchSize(fetchSize);
      try (ResultSet rs = st.executeQuery(sql)) {
        final int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          for (int i = 1; i <= n; i++) {
            rs.getObject(i);
          }
          rows++;
        }
      }
    }
    return rows;
  }
}
