package org.defendersql.server;

import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.impl.ViewTableMacro;

/**
 * Replaces the views of a connection's model with {@link ServerView}s. Calcite works out a model view's columns
 * on an internal connection of its own, with its default lexical rules (unquoted identifiers upper-cased), so
 * {@code select id from defender.alerts} failed with "Object 'DEFENDER' not found"; and it does so while listing
 * tables, so one broken view failed {@code getTables} for every client. A {@link ServerView} reads its SQL with
 * the server's rules, on the connection itself, and keeps a failure to its own queries.
 */
final class ServerViews {
  private static final Field SQL = field("viewSql");
  private static final Field ROOT = field("schema");
  private static final Field SCHEMA_PATH = field("schemaPath");
  private static final Field VIEW_PATH = field("viewPath");

  private ServerViews() {
  }

  /** Replaces the model views in every schema of the connection. */
  static void replace(Connection connection) throws SQLException {
    final CalciteConnection calcite = connection.unwrap(CalciteConnection.class);
    final CalciteSchema root = calcite.getRootSchema().unwrap(CalciteSchema.class);
    if (root != null) {
      replace(calcite, root);
    }
  }

  private static void replace(CalciteConnection connection, CalciteSchema schema) {
    for (String name : new ArrayList<>(schema.getFunctionNames())) {
      final List<ViewTableMacro> views = new ArrayList<>();
      for (Function f : schema.getFunctions(name, true)) {
        if (f instanceof ViewTableMacro m) {
          views.add(m);
        }
      }
      if (views.size() == 1 && schema.removeFunction(name)) {
        final ViewTableMacro m = views.get(0);
        schema.add(name, new ServerView(connection, (CalciteSchema) get(ROOT, m), (String) get(SQL, m),
            list(get(SCHEMA_PATH, m), schema.path(null)), list(get(VIEW_PATH, m), null), schema.path(name)));
      }
    }
    for (CalciteSchema sub : schema.getSubSchemaMap().values()) {
      replace(connection, sub);
    }
  }

  @SuppressWarnings("unchecked")
  private static List<String> list(Object value, List<String> otherwise) {
    return value == null ? otherwise : (List<String>) value;
  }

  private static Object get(Field f, Object target) {
    try {
      return f.get(target);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Field field(String name) {
    try {
      final Field f = ViewTableMacro.class.getDeclaredField(name);
      f.setAccessible(true);
      return f;
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError("Calcite's ViewTableMacro has no field " + name + " any more: " + e);
    }
  }
}
