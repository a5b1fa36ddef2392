package org.defendersql.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --budget-state} on the real command line, in a server process of its own stopped with SIGTERM as a
 * supervisor stops it: the calls its statements made are in the file afterwards, the next process reads them
 * before it serves (and keeps them, though its own emulated tenant is another app), and a file that is not a
 * budget state stops the start with its name and the fix. That the restored calls count in the budget's windows is
 * proved in the adapter's {@code ApiBudgetStateTest} on a virtual clock.
 */
class BudgetStateTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  /** A running server process and everything it printed so far. */
  private record Server(Process process, List<String> lines, String jdbcUrl) {
    String output() {
      synchronized (lines) {
        return String.join("\n", lines);
      }
    }
  }

  private static List<String> command(String... args) {
    final List<String> c = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
        DefenderServerMain.class.getName()));
    c.addAll(List.of(args));
    return c;
  }

  /** Starts the server and waits for its banner's JDBC URL (null when the process ends first). */
  private static Server start(String... args) throws Exception {
    final Process p = new ProcessBuilder(command(args)).redirectErrorStream(true).start();
    final List<String> lines = new ArrayList<>();
    final String[] url = {null};
    final Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null;) {
          synchronized (lines) {
            lines.add(line);
            if (line.trim().startsWith("JDBC URL:")) {
              url[0] = line.substring(line.indexOf("jdbc:")).trim();
              lines.notifyAll();
            }
          }
        }
      } catch (IOException e) {
        // The process ended.
      }
      synchronized (lines) {
        lines.notifyAll();
      }
    }, "server-output");
    reader.setDaemon(true);
    reader.start();
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    synchronized (lines) {
      while (url[0] == null && p.isAlive() && System.nanoTime() < deadline) {
        lines.wait(200);
      }
    }
    return new Server(p, lines, url[0]);
  }

  private static void stop(Server s) throws InterruptedException {
    s.process().destroy(); // SIGTERM
    assertTrue(s.process().waitFor(120, TimeUnit.SECONDS), "the server stops on SIGTERM:\n" + s.output());
  }

  /** The number of calls of each budget with calls of the entity API (alerts, machines, ...). */
  private static Map<String, Integer> entityCalls(Path file) throws IOException {
    final Map<String, Integer> calls = new TreeMap<>();
    for (JsonNode b : JSON.readTree(file.toFile()).get("budgets")) {
      if (b.get("identity").asText().endsWith("|ENTITY")) {
        calls.put(b.get("identity").asText(), b.get("calls").size());
      }
    }
    return calls;
  }

  @Test void theCallsOfOneRunAreReadByTheNext() throws Exception {
    final Path state = dir.resolve("var/api-budget.json");
    final Server first = start("--emulator", "--alerts", "300", "--machines", "30", "--port", "0",
        "--budget-state", state.toString());
    try {
      assertNotNull(first.jdbcUrl(), "the server started:\n" + first.output());
      final Properties p = new Properties();
      p.setProperty("user", "analyst");
      p.setProperty("password", "");
      try (Connection c = DriverManager.getConnection(first.jdbcUrl(), p); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("select count(*) from alerts")) {
        assertTrue(rs.next());
        assertEquals(300, rs.getLong(1));
      }
    } finally {
      stop(first);
    }
    assertTrue(Files.isRegularFile(state), "written at shutdown:\n" + first.output());
    final Map<String, Integer> calls = entityCalls(state);
    assertEquals(1, calls.size(), Files.readString(state));
    assertTrue(calls.values().iterator().next() >= 1, "the count's requests are in the file: "
        + Files.readString(state));

    final Server second = start("--emulator", "--alerts", "10", "--machines", "3", "--port", "0",
        "--budget-state", state.toString());
    try {
      assertNotNull(second.jdbcUrl(), "the server started:\n" + second.output());
      assertTrue(second.output().contains("budgets of earlier runs restored"), second.output());
    } finally {
      stop(second);
    }
    final Map<String, Integer> after = entityCalls(state);
    calls.forEach((identity, n) -> assertEquals(n, after.get(identity),
        "the first run's calls are kept through the second, another app's: " + after));
  }

  @Test void aFileThatIsNotABudgetStateStopsTheStartWithTheFix() throws Exception {
    final Path foreign = dir.resolve("defender-sql.json");
    Files.writeString(foreign, "{\"version\": \"1.0\", \"schemas\": []}");
    final Server s = start("--emulator", "--port", "0", "--budget-state", foreign.toString());
    assertTrue(s.process().waitFor(60, TimeUnit.SECONDS));
    assertEquals(2, s.process().exitValue(), s.output());
    assertTrue(s.output().contains(foreign.toString()) && s.output().contains("move it aside"), s.output());
    assertFalse(s.output().contains("JDBC URL"), "it did not serve");
    assertEquals("{\"version\": \"1.0\", \"schemas\": []}", Files.readString(foreign), "and left the file alone");
  }
}
