package org.defendersql.server.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;
import org.defendersql.server.DefenderServerTesting;

/**
 * A soak run: N concurrent JDBC clients for D seconds against a server (its default limits) on an emulated tenant,
 * with a mix of honest statements (point lookups, filtered scans, aggregates, prepared statements, joins, metadata)
 * and hostile ones (a sorted cross join beyond the rows limit, a recursive CTE, result sets abandoned by closing
 * their connection mid-read, a UNION ALL of more keys than maxLookups). Prints throughput, p50/p99 latency per kind,
 * outcomes by SQLState, peak heap, the emulator's peak and final open API exchanges, and the heap after GC at the
 * end against before. Not a test: figures on a shared machine vary; what matters is that the server stays up, the
 * heap returns and the open exchanges go back to zero.
 *
 * <p>Run: {@code nice -n 12 ./mvnw -q -B -o -pl jdbc-server exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.defendersql.server.bench.SoakBenchmark [-Dexec.args="32 300"]} (clients, seconds).
 */
public final class SoakBenchmark {
  /** 3,000 alerts: their cross join (9,000,000 rows) is beyond the default --max-statement-rows (1,000,000). */
  private static final int ALERTS = 3_000;
  private static final int MACHINES = 300;
  /**
   * Each heavy hostile statement starts at most once in this many milliseconds and one at a time (one hostile
   * user, not a third of the clients), so that honest ones dominate the mix.
   */
  private static final long HEAVY_EVERY_MILLIS = 15_000;

  private final List<String> alertIds;
  private final List<String> machineIds;
  private final String url;
  private final Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
  private final LongAdder statements = new LongAdder();
  private final Map<String, AtomicLong> nextHeavy = new ConcurrentHashMap<>();
  private final Map<String, Semaphore> heavyRunning = new ConcurrentHashMap<>();
  /** The first message of each outcome without a SQLState, to say what it was. */
  private final Map<String, String> stateless = new ConcurrentHashMap<>();

  private SoakBenchmark(String url, List<String> alertIds, List<String> machineIds) {
    this.url = url;
    this.alertIds = alertIds;
    this.machineIds = machineIds;
  }

  public static void main(String[] args) throws Exception {
    final int clients = args.length > 0 ? Integer.parseInt(args[0]) : 32;
    final int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    try (DefenderEmulator emulator = DefenderEmulator.builder().alerts(ALERTS).machines(MACHINES).seed(7).build()
        .start();
         DefenderServerTesting.Running server = DefenderServerTesting.serve(emulator)) {
      final SoakBenchmark soak = new SoakBenchmark(server.jdbcUrl(), ids(emulator, DefenderModel.ALERTS),
          ids(emulator, DefenderModel.MACHINES));
      soak.warmUp();
      final long heapBefore = heapAfterGc(memory);
      final AtomicLong peakHeap = new AtomicLong();
      final AtomicInteger peakOpen = new AtomicInteger();
      final Thread poller = new Thread(() -> {
        while (!Thread.currentThread().isInterrupted()) {
          peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
          peakOpen.accumulateAndGet(emulator.openExchanges(), Math::max);
          try {
            Thread.sleep(100);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "soak-poller");
      poller.setDaemon(true);
      poller.start();
      System.out.printf(Locale.ROOT, "soak: %d clients for %d s, %,d alerts, %,d machines, max heap %,d MiB%n",
          clients, seconds, ALERTS, MACHINES, memory.getHeapMemoryUsage().getMax() >> 20);
      final long t0 = System.nanoTime();
      final long end = t0 + TimeUnit.SECONDS.toNanos(seconds);
      final CountDownLatch done = new CountDownLatch(clients);
      for (int i = 0; i < clients; i++) {
        final int client = i;
        final Thread t = new Thread(() -> {
          try {
            soak.client(client, end);
          } finally {
            done.countDown();
          }
        }, "soak-client-" + i);
        t.setDaemon(true);
        t.start();
      }
      if (!done.await(seconds + 300L, TimeUnit.SECONDS)) {
        System.out.println("WARNING: clients still running 300 s after the end");
      }
      final double elapsed = (System.nanoTime() - t0) / 1e9;
      final long openDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (emulator.openExchanges() > 0 && System.nanoTime() < openDeadline) {
        Thread.sleep(100);
      }
      poller.interrupt();
      final long heapAfter = heapAfterGc(memory);
      soak.print(elapsed);
      System.out.printf(Locale.ROOT, "peak heap %,d MiB; heap after GC: before %,d MiB, after %,d MiB%n",
          peakHeap.get() >> 20, heapBefore >> 20, heapAfter >> 20);
      System.out.printf(Locale.ROOT, "emulator open exchanges: peak %d, final %d%n", peakOpen.get(),
          emulator.openExchanges());
      try (Connection c = DriverManager.getConnection(server.jdbcUrl()); Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("select count(*) from machines")) {
        rs.next();
        System.out.printf(Locale.ROOT, "after the soak, select count(*) from machines = %d (expected %d)%n",
            rs.getLong(1), MACHINES);
      }
    }
  }

  private static List<String> ids(DefenderEmulator emulator, Entity entity) {
    final int id = entity.indexOf(entity.key());
    return emulator.data().rows(entity).map(r -> (String) r[id]).toList();
  }

  private void warmUp() throws SQLException {
    final Random random = new Random(1);
    try (Connection c = DriverManager.getConnection(url)) {
      for (Kind k : Kind.values()) {
        if (!k.heavy) {
          try {
            run(k, c, random);
          } catch (SQLException e) {
            // refusals are part of the mix
          }
        }
      }
    }
    latencies.clear();
    outcomes.clear();
    statements.reset();
  }

  /** The statement kinds and their weights in the mix. */
  private enum Kind {
    POINT(20, false), SCAN(12, false), AGGREGATE(10, false), PREPARED(20, false), JOIN(8, false),
    METADATA(8, false), ABANDONED(4, false), TOO_MANY_KEYS(3, false), CROSS_JOIN(1, true),
    RECURSIVE_CTE(1, true);

    final int weight;
    final boolean heavy;

    Kind(int weight, boolean heavy) {
      this.weight = weight;
      this.heavy = heavy;
    }
  }

  private static final List<Kind> WEIGHTED = Arrays.stream(Kind.values())
      .flatMap(k -> Collections.nCopies(k.weight, k).stream()).toList();

  private void client(int client, long end) {
    final Random random = new Random(client);
    Connection c = null;
    try {
      while (System.nanoTime() < end) {
        if (c == null || c.isClosed()) {
          c = DriverManager.getConnection(url);
        }
        Kind k = WEIGHTED.get(random.nextInt(WEIGHTED.size()));
        if (k.heavy && !takeHeavyTurn(k)) {
          k = Kind.POINT;
        }
        final long t0 = System.nanoTime();
        String outcome = "ok";
        try {
          run(k, c, random);
        } catch (SQLException e) {
          outcome = e.getSQLState() == null ? "null" : e.getSQLState();
          if (e.getSQLState() == null) {
            stateless.putIfAbsent(k.name(), String.valueOf(e.getMessage()));
          }
        } catch (RuntimeException e) {
          outcome = e.getClass().getSimpleName();
          stateless.putIfAbsent(k.name(), String.valueOf(e.getMessage()));
        } finally {
          if (k.heavy) {
            heavyRunning.get(k.name()).release();
          }
        }
        latencies.computeIfAbsent(k.name(), x -> Collections.synchronizedList(new ArrayList<>()))
            .add(System.nanoTime() - t0);
        outcomes.computeIfAbsent(k.name() + " " + outcome, x -> new LongAdder()).increment();
        statements.increment();
      }
    } catch (SQLException e) {
      outcomes.computeIfAbsent("CONNECT " + e.getSQLState(), x -> new LongAdder()).increment();
    } finally {
      if (c != null) {
        try {
          c.close();
        } catch (SQLException ignored) {
          // the run is over
        }
      }
    }
  }

  private boolean takeHeavyTurn(Kind k) {
    final AtomicLong next = nextHeavy.computeIfAbsent(k.name(), x -> new AtomicLong());
    final Semaphore one = heavyRunning.computeIfAbsent(k.name(),
        x -> new Semaphore(1));
    final long now = System.currentTimeMillis();
    final long due = next.get();
    if (now < due || !one.tryAcquire()) {
      return false;
    }
    if (!next.compareAndSet(due, now + HEAVY_EVERY_MILLIS)) {
      one.release();
      return false;
    }
    return true;
  }

  private void run(Kind k, Connection c, Random random) throws SQLException {
    switch (k) {
    case POINT -> query(c, "select id, title, severity, status from alerts where id = '"
        + alertIds.get(random.nextInt(alertIds.size())) + "'");
    case SCAN -> query(c, "select id, severity from alerts where severity = 'High' and status <> 'Resolved'");
    case AGGREGATE -> query(c, "select severity, status, count(*) from alerts group by severity, status");
    case PREPARED -> {
      try (PreparedStatement p = c.prepareStatement("select id, computer_dns_name from machines where id = ?")) {
        p.setString(1, machineIds.get(random.nextInt(machineIds.size())));
        drain(p.executeQuery());
      }
    }
    case JOIN -> query(c, "select a.id, m.computer_dns_name from alerts a join machines m on a.machine_id = m.id"
        + " where a.severity = 'High'");
    case METADATA -> {
      drain(c.getMetaData().getTables(null, null, "%", null));
      drain(c.getMetaData().getColumns(null, null, "alerts", "%"));
    }
    case ABANDONED -> {
      // A second connection closed mid-read, its result set and statement never closed by the client.
      final Connection other = DriverManager.getConnection(url);
      final Statement s = other.createStatement();
      final ResultSet rs = s.executeQuery("select id, title, description from alerts");
      rs.setFetchSize(10);
      for (int i = 0; i < 15 && rs.next(); i++) {
        rs.getString(3);
      }
      other.close();
    }
    case TOO_MANY_KEYS -> {
      // Four branches of 50 file hashes: each within maxLookups (50), the statement (200) beyond it.
      final int base = random.nextInt(1_000_000);
      query(c, IntStream.range(0, 4).mapToObj(b -> "select sha1 from files where sha1 in ("
          + IntStream.range(0, 50).mapToObj(i -> String.format(Locale.ROOT, "'%040x'", base + b * 50 + i))
              .collect(Collectors.joining(", ")) + ")").collect(Collectors.joining(" union all ")));
    }
    case CROSS_JOIN -> query(c, "select a.id, b.id from alerts a, alerts b order by a.title, b.title, a.id, b.id");
    case RECURSIVE_CTE -> {
      // The server's default timeout is 15 minutes. Avatica's driver does not send setQueryTimeout; the
      // connection property queryTimeout reaches the server, which stops the statement there (57014).
      final Properties p = new Properties();
      p.setProperty("queryTimeout", "5");
      try (Connection timed = DriverManager.getConnection(url, p); Statement s = timed.createStatement()) {
        drain(s.executeQuery("with recursive t(n) as (values (1) union all select n + 1 from t)"
            + " select count(*) from t"));
      }
    }
    default -> throw new IllegalStateException(k.name());
    }
  }

  private static void query(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      drain(s.executeQuery(sql));
    }
  }

  private static long drain(ResultSet rs) throws SQLException {
    try (ResultSet r = rs) {
      final int n = r.getMetaData().getColumnCount();
      long rows = 0;
      while (r.next()) {
        for (int i = 1; i <= n; i++) {
          r.getObject(i);
        }
        rows++;
      }
      return rows;
    }
  }

  private void print(double elapsed) {
    System.out.printf(Locale.ROOT, "%,d statements in %.1f s = %.1f statements/s%n", statements.sum(), elapsed,
        statements.sum() / elapsed);
    System.out.printf(Locale.ROOT, "%-14s %8s %10s %10s %10s%n", "kind", "count", "p50 ms", "p99 ms", "max ms");
    for (Kind k : Kind.values()) {
      final List<Long> l = latencies.getOrDefault(k.name(), List.of());
      final long[] sorted;
      synchronized (l) {
        sorted = l.stream().mapToLong(Long::longValue).sorted().toArray();
      }
      if (sorted.length == 0) {
        System.out.printf(Locale.ROOT, "%-14s %8d%n", k.name(), 0);
        continue;
      }
      System.out.printf(Locale.ROOT, "%-14s %8d %10.1f %10.1f %10.1f%n", k.name(), sorted.length,
          percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.99) / 1e6, sorted[sorted.length - 1] / 1e6);
    }
    System.out.println("outcomes (kind, SQLState or ok):");
    new TreeMap<>(outcomes).forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-28s %,8d%n", k, v.sum()));
    new TreeMap<>(stateless).forEach((k, m) -> System.out.printf(Locale.ROOT, "  %s without a SQLState: %s%n", k,
        m.length() > 200 ? m.substring(0, 200) + "..." : m));
  }

  private static long percentile(long[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  private static long heapAfterGc(MemoryMXBean memory) {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
