package org.defendersql.server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.model.Entity;

/**
 * An emulated tenant served by a real defender-sql server on a free port, for tests that talk to it through the
 * real Avatica JDBC driver; closing it stops both.
 */
final class ServedTenant implements AutoCloseable {
  final DefenderEmulator emulator;
  final DefenderServer server;

  private ServedTenant(DefenderEmulator emulator, DefenderServer server) {
    this.emulator = emulator;
    this.server = server;
  }

  /** An emulator of {@code alerts} alerts and {@code machines} machines, served with the default limits. */
  static ServedTenant start(int alerts, int machines) throws SQLException {
    return start(b -> b.alerts(alerts).machines(machines), ServerLimits.DEFAULT);
  }

  /** An emulator built by {@code emulator}, served with {@code limits}. */
  static ServedTenant start(UnaryOperator<DefenderEmulator.Builder> emulator, ServerLimits limits)
      throws SQLException {
    final DefenderEmulator e = emulator.apply(DefenderEmulator.builder().seed(11)).build().start();
    try {
      return new ServedTenant(e, DefenderServer.start(TenantSource.emulated(e), "127.0.0.1", 0, limits));
    } catch (SQLException | RuntimeException ex) {
      e.close();
      throw ex;
    }
  }

  /**
   * An emulator built by {@code emulator}, served through a model whose operand {@code operand} may change (the
   * server URL, retries); the emulator is the tenant's, so closing stops it.
   */
  static ServedTenant start(UnaryOperator<DefenderEmulator.Builder> emulator,
      java.util.function.Consumer<java.util.Map<String, Object>> operand, ServerLimits limits) throws SQLException {
    final DefenderEmulator e = emulator.apply(DefenderEmulator.builder().seed(11)).build().start();
    try {
      final java.util.Map<String, Object> o = new java.util.LinkedHashMap<>(
          org.defendersql.adapter.DefenderModels.operand(e.environment()));
      operand.accept(o);
      final TenantSource tenant = new TenantSource(org.defendersql.adapter.DefenderModels.inline(o), "test", e);
      return new ServedTenant(e, DefenderServer.start(tenant, "127.0.0.1", 0, limits));
    } catch (SQLException | RuntimeException ex) {
      e.close();
      throw ex;
    }
  }

  /** A connection over protobuf, the default serialization. */
  Connection connect() throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl());
  }

  /** A connection sending these connection properties. */
  Connection connect(Properties p) throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl(), p);
  }

  /** A connection over JSON. */
  Connection connectJson() throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl().replace("serialization=protobuf", "serialization=json"));
  }

  /** The emulator's values of one column of a table, in the API's order. */
  List<Object> column(Entity entity, String column) {
    final int i = entity.indexOf(entity.column(column).orElseThrow());
    return emulator.data().rows(entity).map(r -> r[i]).toList();
  }

  @Override public void close() {
    server.close();
  }
}
