package org.defendersql.server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.schema.SchemaPlus;
import org.defendersql.adapter.DefenderSchema;
import org.defendersql.adapter.client.DefenderClient;

/**
 * The API clients of the Defender schemas the server serves, by schema name, read from one Calcite connection of
 * the server's own (opened on first use, kept until the server stops): what the health check probes.
 */
final class TenantClients implements AutoCloseable {
  private final Properties properties;
  private Connection connection;

  TenantClients(Properties properties) {
    this.properties = properties;
  }

  /** The clients by schema name. */
  synchronized Map<String, DefenderClient> bySchema() {
    try {
      if (connection == null) {
        connection = DriverManager.getConnection("jdbc:calcite:", properties);
      }
      final SchemaPlus root = connection.unwrap(CalciteConnection.class).getRootSchema();
      final Map<String, DefenderClient> clients = new LinkedHashMap<>();
      for (String name : root.getSubSchemaNames()) {
        final DefenderSchema schema = defender(root.getSubSchema(name));
        if (schema != null) {
          clients.put(name, schema.client());
        }
      }
      return clients;
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private static DefenderSchema defender(SchemaPlus schema) {
    if (schema == null) {
      return null;
    }
    try {
      return schema.unwrap(DefenderSchema.class);
    } catch (ClassCastException e) {
      return null;
    }
  }

  @Override public synchronized void close() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        // closing on the way out
      }
      connection = null;
    }
  }
}
