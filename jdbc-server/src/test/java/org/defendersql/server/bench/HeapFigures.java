package org.defendersql.server.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.defendersql.adapter.DefenderModels;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.server.DefenderServerMain;

/**
 * A scan of 1,000,000 alerts over a server process of its own started with {@code -Xmx256m}: the heap it peaked
 * at and the share of the scan's time its collector paused it, both read from its GC log.
 */
final class HeapFigures {
  private static final Pattern PAUSE = Pattern.compile("Pause .* (\\d+)M->(\\d+)M\\((\\d+)M\\) ([\\d.]+)ms");
  private final int alerts;
  private final Path dir;

  HeapFigures(int alerts, Path dir) {
    this.alerts = alerts;
    this.dir = dir;
  }

  List<Figure> run() throws Exception {
    System.out.printf(Locale.ROOT, "%n== %,d alerts over a server process at -Xmx256m (select *, fetch size 1,000)%n",
        alerts);
    try (DefenderEmulator emulator = DefenderEmulator.builder().alerts(alerts).machines(alerts / 50).seed(1).build()
        .start()) {
      final Map<String, Object> operand = DefenderModels.operand(emulator.environment());
      operand.put("rateLimits", "off");
      operand.put("cache", "off");
      final Path model = dir.resolve("model.json");
      Files.writeString(model, DefenderModels.inline(operand).substring("inline:".length()));
      final Path gcLog = dir.resolve("gc.log");
      final Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx256m", "-Xlog:gc:file=" + gcLog, "-cp", classPath(),
          DefenderServerMain.class.getName(), "--model", model.toString(), "--port", "0")
          .redirectErrorStream(true).start();
      try {
        final String url = jdbcUrl(server);
        final int before = Files.readAllLines(gcLog).size();
        final long t0 = System.nanoTime();
        final long rows;
        // The model file turns the cache off: a connection can rewrite only an inline model's operand.
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
          st.setFetchSize(1_000);
          try (ResultSet rs = st.executeQuery("select * from alerts")) {
            rows = LookupFigures.drain(rs);
          }
        }
        final double seconds = (System.nanoTime() - t0) / 1e9;
        long peak = 0;
        long live = 0;
        double pausedMs = 0;
        int pauses = 0;
        final List<String> lines = Files.readAllLines(gcLog);
        for (String line : lines.subList(before, lines.size())) {
          final Matcher m = PAUSE.matcher(line);
          if (m.find()) {
            peak = Math.max(peak, Long.parseLong(m.group(1)));
            live = Math.max(live, Long.parseLong(m.group(2)));
            pausedMs += Double.parseDouble(m.group(4));
            pauses++;
          }
        }
        final double share = pausedMs / 1000 / seconds;
        System.out.printf(Locale.ROOT, "  %,d rows in %.1f s (%,.0f rows/s); %d pauses, %.0f ms paused (%.1f%%);"
            + " heap before a collection at most %d MB, after one (what the scan holds) at most %d MB%n", rows,
            seconds, rows / seconds, pauses, pausedMs, share * 100, peak, live);
        return List.of(
            new Figure("1M-alert scan at -Xmx256m: peak heap", peak + " MB", "<= 128 MB", peak <= 128),
            new Figure("1M-alert scan at -Xmx256m: time in GC pauses", String.format(Locale.ROOT, "%.1f%%",
                share * 100), "<= 5%", share <= 0.05));
      } finally {
        server.destroy();
        server.waitFor(60, TimeUnit.SECONDS);
      }
    }
  }

  /** This program's class path, also when a launcher (exec:java) loaded it in a class loader of its own. */
  private static String classPath() {
    if (Thread.currentThread().getContextClassLoader() instanceof URLClassLoader loader) {
      final List<String> entries = new ArrayList<>();
      for (URL u : loader.getURLs()) {
        entries.add(Path.of(URI.create(u.toString())).toString());
      }
      return String.join(File.pathSeparator, entries);
    }
    return System.getProperty("java.class.path");
  }

  /** Waits for the server's banner and returns its JDBC URL. */
  private static String jdbcUrl(Process server) throws IOException {
    final BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(),
        StandardCharsets.UTF_8));
    for (String line; (line = out.readLine()) != null;) {
      if (line.trim().startsWith("JDBC URL:")) {
        final Thread drain = new Thread(() -> {
          try {
            while (out.readLine() != null) {
              // The server's log is not part of the report.
            }
          } catch (IOException e) {
            // The process ended.
          }
        }, "server-output");
        drain.setDaemon(true);
        drain.start();
        return line.substring(line.indexOf("jdbc:")).trim();
      }
    }
    throw new IOException("the server process ended before printing its JDBC URL");
  }
}
