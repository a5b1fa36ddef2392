package org.defendersql.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.calcite.avatica.AvaticaConnection;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HikariCP pooling the server's connections as an application server would: many borrows and returns, a
 * connection returned with its result set half read, and validation by query and by {@code isValid}.
 */
class HikariPoolTest {
  private static final int ALERTS = 800;
  private static final Entity A = DefenderModel.ALERTS;
  private static ServedTenant tenant;

  @BeforeAll static void start() throws Exception {
    tenant = ServedTenant.start(ALERTS, 150);
  }

  @AfterAll static void stop() {
    if (tenant != null) {
      tenant.close();
    }
  }

  private static HikariDataSource pool(ServedTenant t, int size, String testQuery) {
    final HikariConfig cfg = new HikariConfig();
    cfg.setPoolName("defender-sql-" + size);
    cfg.setJdbcUrl(t.jdbcUrl());
    cfg.setDriverClassName("org.apache.calcite.avatica.remote.Driver");
    cfg.setMaximumPoolSize(size);
    cfg.setMinimumIdle(1);
    cfg.setConnectionTimeout(5_000);
    if (testQuery != null) {
      cfg.setConnectionTestQuery(testQuery);
    }
    return new HikariDataSource(cfg);
  }

  private static Map<String, Long> severities() {
    return tenant.rows(A).stream().collect(Collectors.groupingBy(
        r -> (String) ServedTenant.value(A, r, "severity"), Collectors.counting()));
  }

  private static Set<String> ids() {
    return tenant.rows(A).stream().map(r -> (String) ServedTenant.value(A, r, "id")).collect(Collectors.toSet());
  }

  private static long countOf(HikariDataSource ds, String severity) throws SQLException {
    try (Connection c = ds.getConnection();
         PreparedStatement ps = c.prepareStatement("select count(*) from alerts where severity = ?")) {
      ps.setString(1, severity);
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        return rs.getLong(1);
      }
    }
  }

  @Test void borrowQueryReturnManyTimesSequentiallyAndInParallel() throws Exception {
    final Map<String, Long> want = severities();
    final List<String> names = new ArrayList<>(want.keySet());
    try (HikariDataSource ds = pool(tenant, 3, null)) {
      for (int i = 0; i < 30; i++) {
        final String s = names.get(i % names.size());
        assertEquals(want.get(s), countOf(ds, s), "borrow " + i + ", " + s);
      }
      final ExecutorService threads = Executors.newFixedThreadPool(4);
      try {
        final List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
          final String s = names.get(i % names.size());
          final Callable<Boolean> task = () -> want.get(s) == countOf(ds, s);
          results.add(threads.submit(task));
        }
        for (Future<Boolean> f : results) {
          assertTrue(f.get(), "a parallel borrow counted wrong");
        }
      } finally {
        threads.shutdownNow();
      }
      assertTrue(ds.getHikariPoolMXBean().getTotalConnections() <= 3);
      assertEquals(0, ds.getHikariPoolMXBean().getActiveConnections(), "every connection came back");
    }
  }

  @Test void aConnectionReturnedMidResultSetIsCleanForTheNextBorrower() throws SQLException {
    try (HikariDataSource ds = pool(tenant, 1, null)) {
      final Object physical;
      final ResultSet abandoned;
      try (Connection c = ds.getConnection()) {
        physical = c.unwrap(AvaticaConnection.class);
        final Statement s = c.createStatement();
        s.setFetchSize(50);
        abandoned = s.executeQuery("select id from alerts");
        for (int i = 0; i < 120; i++) {
          assertTrue(abandoned.next());
        }
      } // returned to the pool with the result set open, three frames read
      assertTrue(abandoned.isClosed(), "the pool closes what the borrower left open");
      try (Connection c = ds.getConnection(); Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("select id from alerts")) {
        assertSame(physical, c.unwrap(AvaticaConnection.class), "the same server connection, reused");
        final Set<String> got = new HashSet<>();
        while (rs.next()) {
          got.add(rs.getString(1));
        }
        assertEquals(ids(), got);
      }
    }
  }

  @Test void validationByIsValidAndByQuery() throws Exception {
    try (HikariDataSource byIsValid = pool(tenant, 2, null); Connection c = byIsValid.getConnection()) {
      assertTrue(c.isValid(5));
      assertEquals(severities().get("High"), countOf(byIsValid, "High"));
    }
    // Avatica's isValid only looks at the client; a test query reaches the server, so a dead one is noticed.
    final ServedTenant doomed = ServedTenant.start(50, 10);
    try (HikariDataSource byQuery = pool(doomed, 2, "select 1")) {
      for (int i = 0; i < 5; i++) {
        try (Connection c = byQuery.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from alerts")) {
          assertTrue(rs.next());
          assertEquals(50, rs.getLong(1));
        }
      }
      doomed.close();
      // Idle for longer than Hikari's 500 ms bypass window, so the next borrow runs the test query.
      Thread.sleep(800);
      final long start = System.nanoTime();
      assertThrows(SQLException.class, () -> {
        try (Connection c = byQuery.getConnection()) {
          assertFalse(c.isClosed());
        }
      });
      assertTrue(System.nanoTime() - start < 30_000_000_000L, "a dead server is reported, not waited on forever");
    } finally {
      doomed.close();
    }
  }
}
