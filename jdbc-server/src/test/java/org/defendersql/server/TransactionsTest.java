package org.defendersql.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.defendersql.model.DefenderModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What JDBC clients do with transactions works over the server (Spark commits after each partition, pools roll
 * back on release, sqlline sets an isolation level), and the connection reports itself as it is: read-only,
 * auto-commit unless turned off, no isolation, consistent with the driver's metadata.
 */
class TransactionsTest {
  private static ServedTenant tenant;

  @BeforeAll static void start() throws SQLException {
    tenant = ServedTenant.start(120, 30);
  }

  @AfterAll static void stop() {
    tenant.close();
  }

  @Test void aNewConnectionIsAutoCommitReadOnlyWithoutIsolation() throws SQLException {
    try (Connection c = tenant.connect()) {
      assertTrue(c.getAutoCommit());
      assertTrue(c.isReadOnly());
      assertEquals(Connection.TRANSACTION_NONE, c.getTransactionIsolation());
      assertFalse(c.getMetaData().supportsTransactions());
      assertTrue(c.getMetaData().supportsTransactionIsolationLevel(c.getTransactionIsolation()));
      c.commit();
      c.rollback();
    }
  }

  @Test void commitAndRollbackAreHarmlessAroundQueries() throws SQLException {
    try (Connection c = tenant.connect()) {
      c.setAutoCommit(false);
      assertFalse(c.getAutoCommit(), "the client's choice is kept");
      assertEquals(120, count(c, "select count(*) from alerts"));
      c.commit();
      assertEquals(30, count(c, "select count(*) from machines"));
      c.rollback();
      c.setAutoCommit(true);
      assertTrue(c.getAutoCommit());
      assertEquals(tenant.emulator.data().count(DefenderModel.ALERTS), count(c, "select count(*) from alerts"));
    }
  }

  @Test void readOnlyAndIsolationRequestsAreAcceptedAndTheTruthReported() throws SQLException {
    try (Connection c = tenant.connect()) {
      c.setReadOnly(true);
      assertTrue(c.isReadOnly());
      c.setReadOnly(false);
      assertTrue(c.isReadOnly(), "the server stays read-only");
      for (int level : new int[] {Connection.TRANSACTION_READ_COMMITTED, Connection.TRANSACTION_REPEATABLE_READ,
          Connection.TRANSACTION_SERIALIZABLE, Connection.TRANSACTION_NONE}) {
        c.setTransactionIsolation(level);
        assertEquals(Connection.TRANSACTION_NONE, c.getTransactionIsolation());
      }
      assertEquals(30, count(c, "select count(*) from machines"));
    }
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }
}
