package org.defendersql.server.security;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.schema.SchemaPlus;

/**
 * Which schemas (tenants) of the server a user may read: the {@code schema.NAME} roles of the user (roles of the
 * users file's line, {@code alice: MD5:..., schema.contoso}, or app roles of an Entra ID token). A user with no such
 * role reads every schema. The schemas a user may not read are removed from their connection, so that neither
 * a query nor the metadata (schemas, tables, columns) reaches them; Calcite's own {@code metadata} schema stays.
 */
public final class SchemaGrants {
  /** The prefix of a role that grants a schema. */
  public static final String ROLE_PREFIX = "schema.";
  private static final Set<String> CALCITE_OWN = Set.of("metadata");

  private SchemaGrants() {
  }

  /** The schemas granted by {@code roles}, empty when no role grants one (the user reads every schema). */
  public static Set<String> granted(Set<String> roles) {
    return roles.stream().filter(r -> r.toLowerCase(Locale.ROOT).startsWith(ROLE_PREFIX))
        .map(r -> r.substring(ROLE_PREFIX.length())).collect(Collectors.toCollection(TreeSet::new));
  }

  /**
   * Keeps on {@code connection} only the schemas {@code roles} grant (all, when they grant none); when the
   * connection's default schema is not granted, the first granted one becomes its default.
   */
  public static void restrict(Connection connection, Set<String> roles) throws SQLException {
    final Set<String> granted = granted(roles);
    if (granted.isEmpty()) {
      return;
    }
    final SchemaPlus root = connection.unwrap(CalciteConnection.class).getRootSchema();
    final CalciteSchema schemas = root.unwrap(CalciteSchema.class);
    final List<String> names = List.copyOf(root.getSubSchemaNames());
    String kept = null;
    for (String name : names) {
      if (CALCITE_OWN.contains(name)) {
        continue;
      }
      if (granted.stream().anyMatch(g -> g.equalsIgnoreCase(name))) {
        kept = kept == null ? name : kept;
      } else {
        schemas.removeSubSchema(name);
      }
    }
    final String current = connection.getSchema();
    if (current != null && !CALCITE_OWN.contains(current) && root.getSubSchema(current) == null) {
      connection.setSchema(kept);
    }
  }
}
