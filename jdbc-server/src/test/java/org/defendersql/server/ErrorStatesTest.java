package org.defendersql.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.avatica.AvaticaSqlException;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.faults.Fault;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Errors reach the remote client with the SQLState and vendor code of their cause (PostgreSQL's states) and
 * the message once, without the server's stack trace: the client can branch on the class of the state.
 */
class ErrorStatesTest {
  private static ServedTenant tenant;

  @BeforeAll static void start() throws SQLException {
    tenant = ServedTenant.start(60, 10);
  }

  @AfterAll static void stop() {
    tenant.close();
  }

  @ParameterizedTest(name = "{0} -> {1}") @CsvSource(delimiter = '|', value = {
      "selec id from alerts                    | 42601 | does not parse",
      "select id from no_such_table            | 42P01 | not found",
      "select id from nope.alerts              | 42P01 | not found",
      "select no_such_column from alerts       | 42703 | not found",
      "select no_such_function(id) from alerts | 42883 | No match found for function signature",
      "delete from alerts                      | 42000 | read-only",
      "update alerts set title = 'x'           | 42000 | read-only",
      "select * from file_alerts               | 42000 | sha1",
  })
  void statementErrorsCarryTheirState(String sql, String state, String says) throws SQLException {
    try (Connection c = tenant.connect(); Statement s = c.createStatement()) {
      final SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(sql).close());
      assertStateAndOneMessage(e, state, says);
    }
  }

  @Test void aRefusedConnectionPropertyIs08004() {
    final Properties p = new Properties();
    p.setProperty("schemaFactory", "org.example.Evil");
    // Avatica's driver throws a refused connection as its unchecked AvaticaClientRuntimeException.
    final AvaticaClientRuntimeException e = assertThrows(AvaticaClientRuntimeException.class,
        () -> tenant.connect(p).close());
    assertEquals("08004", e.getSqlState(), e.getMessage());
    assertTrue(e.getMessage().contains("does not accept the connection property [schemaFactory]"), e.getMessage());
  }

  @Test void aWrongSecretIs28000() throws SQLException {
    assertServedError(b -> b, o -> o.put("clientSecret", "wrong-secret-value-0123456789"), "28000", "AADSTS");
  }

  @Test void anUnreachableApiIs08xxx() throws SQLException {
    assertServedError(b -> b, o -> {
      o.put("serverUrl", "https://127.0.0.1:1");
      o.put("maxRetries", "0");
    }, "08", "127.0.0.1:1");
  }

  @Test void aThrottledApiIs53xxx() throws SQLException {
    try (ServedTenant t = ServedTenant.start(b -> b.alerts(20).machines(5), o -> o.put("maxRetries", "0"),
        ServerLimits.DEFAULT)) {
      t.emulator.faults().on("/api/alerts").always(Fault.THROTTLE);
      try (Connection c = t.connect(); Statement s = c.createStatement()) {
        final SQLException e = assertThrows(SQLException.class, () -> drain(s, "select id from alerts"));
        assertStateAndOneMessage(e, "53", "HTTP 429");
        assertEquals(429, e.getErrorCode(), "the vendor code is the HTTP status");
      }
    }
  }

  @Test void aRemovedPermissionIs42501() throws SQLException {
    tenant.emulator.faults().on("/api/machines").nth(1, Fault.PERMISSION_REMOVED);
    try (Connection c = tenant.connect(); Statement s = c.createStatement()) {
      final SQLException e = assertThrows(SQLException.class, () -> drain(s, "select id from machines"));
      assertStateAndOneMessage(e, "42501", "HTTP 403");
    } finally {
      tenant.emulator.faults().clear();
    }
  }

  private static void assertServedError(UnaryOperator<DefenderEmulator.Builder> emulator,
      Consumer<java.util.Map<String, Object>> operand, String state, String says) throws SQLException {
    try (ServedTenant t = ServedTenant.start(b -> emulator.apply(b.alerts(20).machines(5)), operand,
        ServerLimits.DEFAULT); Connection c = t.connect(); Statement s = c.createStatement()) {
      final SQLException e = assertThrows(SQLException.class, () -> drain(s, "select id from alerts"));
      assertStateAndOneMessage(e, state, says);
    }
  }

  private static void drain(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rs.getString(1);
      }
    }
  }

  /** The state's class (or the whole state), the cause's words once, no stack trace and no wrapper's name. */
  static void assertStateAndOneMessage(SQLException e, String state, String says) {
    final String m = e.getMessage();
    assertTrue(String.valueOf(e.getSQLState()).startsWith(state), "SQLState " + e.getSQLState() + ": " + m);
    assertTrue(m.contains(says), m);
    assertEquals(m.indexOf(says), m.lastIndexOf(says), "said once: " + m);
    // "Remote driver error: " is the client driver's own prefix; the rest is the server's answer.
    for (String noise : new String[] {"\tat ", "Exception:", "RuntimeException", "SQLException"}) {
      assertFalse(m.contains(noise), "'" + noise + "' in: " + m);
    }
    if (e instanceof AvaticaSqlException a) {
      for (String trace : a.getStackTraces()) {
        assertFalse(trace.contains("\tat "), "a server stack trace reached the client: " + trace);
      }
    }
  }
}
