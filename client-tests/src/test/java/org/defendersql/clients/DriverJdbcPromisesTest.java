package org.defendersql.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.JDBCType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.faults.Fault;
import org.defendersql.model.DefenderModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JDBC promises Avatica's client driver does not keep, kept by {@code org.defendersql.jdbc.Driver} from the
 * single jar loaded alone: {@code Statement.cancel()} from another thread and {@code setQueryTimeout} stop the
 * query on the server (the emulator's request log stops growing well before the slow scan's end),
 * {@code setMaxRows} on both statement kinds, and java.time parameters compared with a TIMESTAMP column as the
 * emulator's data says. The slow tenant answers each page of 10 alerts after 0.5 s, so a whole scan takes 20 s
 * or more; nothing here times anything tighter than that.
 */
class DriverJdbcPromisesTest {
  private static final int PAGES = 40;
  private static final int ALERTS = 300;
  private static URLClassLoader loader;
  private static Driver driver;
  private static ServedTenant tenant;
  private static ServedTenant slow;

  @BeforeAll static void start() throws Exception {
    final Path jar = Path.of(System.getProperty("driver.jar", "../jdbc-driver/target/defender-sql-jdbc-driver.jar"));
    assertTrue(Files.isRegularFile(jar), "no driver jar at " + jar.toAbsolutePath()
        + ": build it first (./mvnw -B -pl jdbc-driver package)");
    loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    for (Driver d : ServiceLoader.load(Driver.class, loader)) {
      if (d.getClass().getName().equals("org.defendersql.jdbc.Driver")) {
        driver = d;
      }
    }
    assertTrue(driver != null && driver.getClass().getClassLoader() == loader, "the jar's defender-sql driver");
    tenant = ServedTenant.start(ALERTS, 20);
    slow = ServedTenant.serve(DefenderEmulator.builder().alerts(PAGES * 10).machines(5).pageSize(10).seed(7)
        .now(Instant.parse("2026-11-20T12:00:00Z")).build().start());
    slow.emulator.faults().slowDelay(Duration.ofMillis(500)).on("/api/alerts").always(Fault.SLOW);
  }

  @AfterAll static void stop() throws IOException {
    for (AutoCloseable c : new AutoCloseable[] {tenant, slow, loader}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // The next one is closed all the same.
      }
    }
  }

  private static Connection connect(ServedTenant t, String options) throws SQLException {
    return driver.connect("jdbc:defender-sql:" + t.httpAddress().substring("http:".length()) + options,
        new Properties());
  }

  @Test void theSuiteRunsInANonUtcZone() {
    // java.time values must not be shifted by the JVM's zone: the suite runs where that would show.
    assertTrue(TimeZone.getDefault().getRawOffset() != 0, TimeZone.getDefault().getID());
  }

  @Test void avaticasStockDriverInTheJarKeepsItsOwnStatements() throws Exception {
    Driver stock = null;
    for (Driver d : ServiceLoader.load(Driver.class, loader)) {
      if (d.getClass().getName().equals("org.apache.calcite.avatica.remote.Driver")) {
        stock = d;
      }
    }
    assertTrue(stock != null, "Avatica's driver is in the jar");
    try (Connection c = stock.connect(tenant.jdbcUrl(), new Properties());
         Statement s = c.createStatement();
         PreparedStatement ps = c.prepareStatement("select count(*) from alerts")) {
      assertTrue(s.getClass().getName().startsWith("org.apache.calcite.avatica."), s.getClass().getName());
      assertTrue(ps.getClass().getName().startsWith("org.apache.calcite.avatica."), ps.getClass().getName());
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        assertEquals(ALERTS, rs.getLong(1));
      }
    }
  }

  @Test void cancelFromAnotherThreadStopsTheRunningExecute() throws Exception {
    slow.emulator.clearRequestLog();
    try (Connection c = connect(slow, ""); Statement s = c.createStatement()) {
      final CompletableFuture<Long> query = async(() -> count(s.executeQuery("select count(*) from alerts")));
      awaitRequests(2);
      final long start = System.nanoTime();
      s.cancel();
      final SQLException e = failure(query);
      assertEquals("57014", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("cancel"), e.getMessage());
      assertTrue(seconds(start) < 15, "the cancel took " + seconds(start) + " s");
      assertStoppedEarly();
      // The statement stays usable, as JDBC says.
      try (ResultSet rs = s.executeQuery("select count(*) from machines")) {
        assertTrue(rs.next());
        assertEquals(slow.rows(DefenderModel.MACHINES).size(), rs.getLong(1));
      }
    }
  }

  @Test void cancelFromAnotherThreadStopsAPreparedStatementsNext() throws Exception {
    slow.emulator.clearRequestLog();
    try (Connection c = connect(slow, "");
         PreparedStatement ps = c.prepareStatement("select id from alerts where severity <> ?")) {
      ps.setString(1, "none");
      ps.setFetchSize(10);
      final ResultSet rs = ps.executeQuery();
      final CompletableFuture<Long> rows = async(() -> count(rs));
      awaitRequests(4);
      final long start = System.nanoTime();
      ps.cancel();
      final SQLException e = failure(rows);
      assertEquals("57014", e.getSQLState(), e.getMessage());
      assertTrue(seconds(start) < 15, "the cancel took " + seconds(start) + " s");
      assertStoppedEarly();
      // Executed again (prepared anew on the server), it answers.
      ps.setMaxRows(3);
      assertEquals(3, count(ps.executeQuery()));
    }
  }

  @Test void cancelBetweenTwoNextCallsStopsTheOpenResultSet() throws Exception {
    // No call runs when the cancel comes (the client is between two rows), yet the result set would go on
    // fetching from the server: the cancel stops it, and its next row fails.
    slow.emulator.clearRequestLog();
    try (Connection c = connect(slow, "");
         PreparedStatement ps = c.prepareStatement("select id from alerts where severity <> ?")) {
      ps.setString(1, "none");
      ps.setFetchSize(10);
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        ps.cancel();
        final SQLException e = assertThrows(SQLException.class, () -> count(rs));
        assertEquals("57014", e.getSQLState(), e.getMessage());
      }
      assertStoppedEarly();
      ps.setMaxRows(2);
      assertEquals(2, count(ps.executeQuery()));
    }
    try (Connection c = connect(tenant, ""); Statement s = c.createStatement()) {
      // A result set read to its end has nothing left to stop: a cancel afterwards does nothing.
      final ResultSet rs = s.executeQuery("select id from machines");
      final long n = count(rs);
      s.cancel();
      assertEquals(n, count(s.executeQuery("select id from machines")));
    }
  }

  @Test void theStatementsQueryTimeoutStopsTheQuery() throws Exception {
    slow.emulator.clearRequestLog();
    try (Connection c = connect(slow, ""); Statement s = c.createStatement()) {
      s.setQueryTimeout(1);
      final long start = System.nanoTime();
      final SQLException e = assertThrows(SQLException.class,
          () -> count(s.executeQuery("select count(*) from alerts")));
      assertInstanceOf(SQLTimeoutException.class, e, e.toString());
      assertEquals("57014", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("query timeout of 1 s"), e.getMessage());
      assertTrue(seconds(start) < 15, "the timeout took " + seconds(start) + " s");
      assertStoppedEarly();
    }
  }

  @Test void thePreparedStatementsQueryTimeoutStopsTheQuery() throws Exception {
    slow.emulator.clearRequestLog();
    try (Connection c = connect(slow, ";serialization=json");
         PreparedStatement ps = c.prepareStatement("select count(*) from alerts where severity <> ?")) {
      ps.setString(1, "none");
      ps.setQueryTimeout(1);
      final SQLException e = assertThrows(SQLException.class, () -> count(ps.executeQuery()));
      assertInstanceOf(SQLTimeoutException.class, e, e.toString());
      assertEquals("57014", e.getSQLState(), e.getMessage());
      assertStoppedEarly();
    }
  }

  @Test void maxRowsLimitsBothStatementKinds() throws SQLException {
    final Set<String> ids = tenant.rows(DefenderModel.ALERTS).stream()
        .map(r -> (String) ServedTenant.value(DefenderModel.ALERTS, r, "id")).collect(Collectors.toSet());
    final long notLow = tenant.rows(DefenderModel.ALERTS).stream()
        .filter(r -> !"Low".equals(ServedTenant.value(DefenderModel.ALERTS, r, "severity"))).count();
    assertTrue(notLow > 20, "the data has rows to limit: " + notLow);
    try (Connection c = connect(tenant, "")) {
      try (Statement s = c.createStatement()) {
        s.setMaxRows(5);
        s.setFetchSize(2);
        assertEquals(5, ids(s.executeQuery("select id from alerts"), ids).size());
        s.setMaxRows(0);
        assertEquals(ids, ids(s.executeQuery("select id from alerts"), ids));
      }
      try (PreparedStatement ps = c.prepareStatement("select id from alerts where severity <> ?")) {
        ps.setString(1, "Low");
        ps.setMaxRows(5);
        assertEquals(5, ids(ps.executeQuery(), ids).size());
        ps.setFetchSize(3);
        ps.setMaxRows(7);
        assertEquals(7, ids(ps.executeQuery(), ids).size());
        ps.setMaxRows(0);
        assertEquals(notLow, ids(ps.executeQuery(), ids).size());
      }
    }
  }

  /**
   * Each java.time type bound with {@code setObject} in a where on the TIMESTAMP column alert_creation_time
   * selects the alerts the emulator created after that instant, in both serializations. The cutoff's UTC wall
   * clock differs from New York's by hours, so a value shifted by the JVM's zone selects other rows.
   */
  @ParameterizedTest(name = "{0}") @ValueSource(strings = {"protobuf", "json"})
  void javaTimeParametersSelectTheEmulatorsRows(String serialization) throws SQLException {
    final List<Instant> created = tenant.rows(DefenderModel.ALERTS).stream()
        .map(r -> ((Instant) ServedTenant.value(DefenderModel.ALERTS, r, "alert_creation_time"))
            .truncatedTo(ChronoUnit.MILLIS))
        .sorted().collect(Collectors.toList());
    final Instant cutoff = created.get(created.size() / 2).truncatedTo(ChronoUnit.SECONDS);
    final Instant dayStart = cutoff.truncatedTo(ChronoUnit.DAYS);
    final long after = created.stream().filter(i -> i.isAfter(cutoff)).count();
    final long afterDayStart = created.stream().filter(i -> i.isAfter(dayStart)).count();
    // A value shifted by New York's offset (4 or 5 hours) would select a different number of rows.
    final long shifted = created.stream().filter(i -> i.isAfter(cutoff.plus(Duration.ofHours(4)))).count();
    assertTrue(after != shifted && after > 0, "the data tells a shift apart: " + after + " vs " + shifted);

    final OffsetDateTime plusTwo = OffsetDateTime.ofInstant(cutoff, ZoneOffset.ofHours(2));
    final ZonedDateTime tokyo = ZonedDateTime.ofInstant(cutoff, ZoneId.of("Asia/Tokyo"));
    final ZonedDateTime newYork = ZonedDateTime.ofInstant(cutoff, ZoneId.of("America/New_York"));
    final LocalDateTime utcWallClock = LocalDateTime.ofInstant(cutoff, ZoneOffset.UTC);
    final LocalDate utcDay = LocalDate.ofInstant(cutoff, ZoneOffset.UTC);
    try (Connection c = connect(tenant, ";serialization=" + serialization);
         PreparedStatement ps = c.prepareStatement("select count(*) from alerts where alert_creation_time > ?")) {
      assertEquals(after, countWith(ps, p -> p.setObject(1, cutoff)), "Instant");
      assertEquals(after, countWith(ps, p -> p.setObject(1, plusTwo)), "OffsetDateTime +02:00");
      assertEquals(after, countWith(ps, p -> p.setObject(1, tokyo)), "ZonedDateTime Tokyo");
      assertEquals(after, countWith(ps, p -> p.setObject(1, newYork)), "ZonedDateTime New York");
      assertEquals(after, countWith(ps, p -> p.setObject(1, utcWallClock)), "LocalDateTime, read as UTC");
      assertEquals(afterDayStart, countWith(ps, p -> p.setObject(1, utcDay)), "LocalDate");
      assertEquals(after, countWith(ps, p -> p.setObject(1, plusTwo, Types.TIMESTAMP_WITH_TIMEZONE)),
          "OffsetDateTime as TIMESTAMP_WITH_TIMEZONE");
      assertEquals(after, countWith(ps, p -> p.setObject(1, tokyo, JDBCType.TIMESTAMP)),
          "ZonedDateTime as JDBCType.TIMESTAMP");
      assertEquals(after, countWith(ps, p -> p.setObject(1, cutoff, Types.VARCHAR)), "Instant as ISO text");
      assertEquals(afterDayStart, countWith(ps, p -> p.setObject(1, utcWallClock, Types.DATE)),
          "LocalDateTime as DATE: its day");
    }
  }

  /** Binds a prepared statement's parameters. */
  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  private static long countWith(PreparedStatement ps, Binder binder) throws SQLException {
    binder.bind(ps);
    try (ResultSet rs = ps.executeQuery()) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }

  /** The distinct ids of the result set, each one the emulator knows. */
  private static Set<String> ids(ResultSet rs, Set<String> known) throws SQLException {
    final Set<String> got = new HashSet<>();
    int rows = 0;
    try (ResultSet r = rs) {
      while (r.next()) {
        rows++;
        assertTrue(known.contains(r.getString(1)), r.getString(1));
        got.add(r.getString(1));
      }
    }
    assertEquals(rows, got.size(), "no id twice");
    return got;
  }

  /** Runs a query and counts its rows. */
  private interface Query {
    long run() throws SQLException;
  }

  private static CompletableFuture<Long> async(Query q) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return q.run();
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  /** The SQLException the query ended with; it must end well before the scan could. */
  private static SQLException failure(CompletableFuture<Long> query) throws Exception {
    final ExecutionException e = assertThrows(ExecutionException.class, () -> query.get(60, TimeUnit.SECONDS));
    assertInstanceOf(IllegalStateException.class, e.getCause(), String.valueOf(e.getCause()));
    return assertInstanceOf(SQLException.class, e.getCause().getCause());
  }

  /** The API requests stop (none for 1.2 s, over twice a page's 0.5 s) before the scan's last page. */
  private static void assertStoppedEarly() throws InterruptedException {
    long last = -1;
    int quiet = 0;
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
    while (quiet < 4 && System.nanoTime() < deadline) {
      Thread.sleep(300);
      final long n = slow.requests("/api/alerts").size();
      quiet = n == last ? quiet + 1 : 0;
      last = n;
    }
    assertEquals(4, quiet, "the API requests went on: " + last);
    assertTrue(last < PAGES, "the scan stopped early, after " + last + " of " + PAGES + " pages");
  }

  private static void awaitRequests(int n) throws InterruptedException {
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (slow.requests("/api/alerts").size() < n && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertTrue(slow.requests("/api/alerts").size() >= n, "the query reached the API");
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  private static long count(ResultSet rs) throws SQLException {
    try (ResultSet r = rs) {
      long n = 0;
      while (r.next()) {
        n++;
      }
      return n;
    }
  }
}
