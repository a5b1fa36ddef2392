package org.defendersql.server.metadata;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.TreeSet;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.lookup.LikePattern;
import org.defendersql.adapter.DefenderSchema;

/**
 * The names of a connection's Defender schemas. A model may hold other schemas too (CSV files, JDBC sources),
 * whose metadata is Calcite's own, and may name its Defender schema anything; what makes a schema Defender's is
 * that the adapter made it.
 */
final class DefenderSchemas {
  private DefenderSchemas() {
  }

  static Set<String> of(Connection connection) throws SQLException {
    final SchemaPlus root = connection.unwrap(CalciteConnection.class).getRootSchema();
    final Set<String> names = new TreeSet<>();
    for (String name : root.subSchemas().getNames(LikePattern.any())) {
      final SchemaPlus schema = root.subSchemas().get(name);
      if (schema != null && isDefender(schema)) {
        names.add(name);
      }
    }
    return names;
  }

  private static boolean isDefender(SchemaPlus schema) {
    try {
      return schema.unwrap(DefenderSchema.class) != null;
    } catch (ClassCastException notDefender) {
      // SchemaPlus.unwrap throws rather than answer null for a schema of another kind.
      return false;
    }
  }
}
