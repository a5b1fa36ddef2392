package org.defendersql.adapter.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.defendersql.adapter.DefenderModels;
import org.defendersql.adapter.EmulatedTenant;
import org.defendersql.adapter.client.DefenderException;
import org.defendersql.adapter.client.ErrorKind;
import org.defendersql.emulator.DefenderEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every failure of the adapter reaches an embedded JDBC client as an SQLException whose SQLState comes from its
 * {@link ErrorKind}, never from its message: refused statements, limits, permissions, authentication.
 */
class ErrorKindsTest {
  private static DefenderEmulator emulator;

  @BeforeAll static void start() {
    emulator = DefenderEmulator.builder().alerts(200).machines(40).build().start();
  }

  @AfterAll static void stop() {
    emulator.close();
  }

  @Test void eachKindHasItsSqlStateAndJdbcClass() {
    final Set<String> classes = new java.util.HashSet<>();
    for (ErrorKind k : ErrorKind.values()) {
      final SQLException e = new DefenderException(k, "m", 418, null, null).toSql();
      assertEquals(k.sqlState, e.getSQLState(), k.name());
      assertEquals(418, e.getErrorCode(), "the HTTP status is the vendor code");
      assertEquals("m", e.getMessage());
      assertTrue(k.sqlState.matches("[0-9A-Z]{5}"), k.sqlState);
      classes.add(k.sqlState.substring(0, 2));
    }
    // bad value, unknown name/refused, authentication, connection, limits, cancelled, internal, I/O
    assertEquals(Set.of("22", "42", "28", "08", "53", "57", "XX", "58"), classes);
    assertEquals(ErrorKind.PERMISSION, ErrorKind.ofStatus(403));
    assertEquals(ErrorKind.AUTHENTICATION, ErrorKind.ofStatus(401));
    assertEquals(ErrorKind.THROTTLED, ErrorKind.ofStatus(429));
    assertEquals(ErrorKind.UNAVAILABLE, ErrorKind.ofStatus(503));
    assertEquals(ErrorKind.BAD_VALUE, ErrorKind.ofStatus(400));
  }

  @Test void aKeyedTableWithoutItsKeyIsRefused() throws Exception {
    try (Connection c = EmulatedTenant.connect(emulator); Statement s = c.createStatement()) {
      assertState(ErrorKind.REFUSED, assertThrows(SQLException.class, () -> drain(s, "select * from files")));
    }
  }

  @Test void tooManyKeysHitTheLookupLimit() throws Exception {
    final Map<String, Object> operand = new LinkedHashMap<>(DefenderModels.operand(emulator.environment()));
    operand.put("rateLimits", "off");
    operand.put("maxLookups", 2);
    try (Connection c = EmulatedTenant.connect(DefenderModels.inline(operand)); Statement s = c.createStatement()) {
      assertState(ErrorKind.LIMIT, assertThrows(SQLException.class, () -> drain(s,
          "select * from files where sha1 in ('" + "a".repeat(40) + "', '" + "b".repeat(40) + "', '"
              + "c".repeat(40) + "')")));
    }
  }

  @Test void aMissingPermissionIsNamed() throws Exception {
    emulator.registerApp("no-machines", "s3cret-no-machines", Set.of("Alert.Read.All"));
    final Map<String, Object> operand = new LinkedHashMap<>(DefenderModels.operand(emulator.environment()));
    operand.put("rateLimits", "off");
    operand.put("clientId", "no-machines");
    operand.put("clientSecret", "s3cret-no-machines");
    try (Connection c = EmulatedTenant.connect(DefenderModels.inline(operand)); Statement s = c.createStatement()) {
      final SQLException e = assertThrows(SQLException.class, () -> drain(s, "select id from machines"));
      assertState(ErrorKind.PERMISSION, e);
      assertTrue(e.getMessage().contains("Machine.Read.All"), e.getMessage());
      assertEquals(403, find(e, ErrorKind.PERMISSION).getErrorCode());
    }
  }

  @Test void aWrongSecretIsAnAuthenticationFailure() throws Exception {
    final Map<String, Object> operand = new LinkedHashMap<>(DefenderModels.operand(emulator.environment()));
    operand.put("rateLimits", "off");
    operand.put("clientSecret", "not-the-secret");
    try (Connection c = EmulatedTenant.connect(DefenderModels.inline(operand)); Statement s = c.createStatement()) {
      assertState(ErrorKind.AUTHENTICATION, assertThrows(SQLException.class, () -> drain(s,
          "select id from alerts")));
    }
  }

  private static void drain(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rs.getObject(1);
      }
    }
  }

  /** The kind's SQLState is on the exception the client catches, or on the SQLException it wraps. */
  private static void assertState(ErrorKind kind, SQLException e) {
    assertInstanceOf(SQLException.class, find(e, kind), "no " + kind.sqlState + " in " + chain(e));
  }

  private static SQLException find(Throwable e, ErrorKind kind) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && kind.sqlState.equals(s.getSQLState())) {
        return s;
      }
    }
    return null;
  }

  private static String chain(Throwable e) {
    final StringBuilder b = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      b.append(t.getClass().getSimpleName()).append('[').append(t instanceof SQLException s ? s.getSQLState() : "")
          .append("] ");
    }
    return b.toString();
  }
}
