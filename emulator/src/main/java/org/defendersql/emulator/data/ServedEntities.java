package org.defendersql.emulator.data;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.defendersql.model.Column;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;
import org.defendersql.model.Origin;

/**
 * What the API's JSON holds for a table of the model, derived from the model alone: the table's own
 * {@link Origin#PROPERTY} columns (a file without its statistics, a logon user without the machine id of the
 * path), or, for a related-lookup table, the table whose rows it answers (alerts, machines).
 */
public final class ServedEntities {
  private static final Map<Entity, Entity> SERVED = new ConcurrentHashMap<>();

  private ServedEntities() {
  }

  /** The entity whose rows the API writes for this table's endpoints. */
  public static Entity of(Entity table) {
    return SERVED.computeIfAbsent(table, ServedEntities::derive);
  }

  private static Entity derive(Entity table) {
    final Entity own = DeviceTables.served(table);
    if (own != null) {
      return own; // the statistics of an IP or a domain, whose answer names its key
    }
    final Entity target = relatedTarget(table);
    if (target != null) {
      return target;
    }
    if (table.columns().stream().allMatch(Column::isProperty)) {
      return table;
    }
    final List<Column> properties = table.columns().stream().filter(Column::isProperty).toList();
    final String key = table.key().isProperty() ? table.keyColumn() : properties.get(0).sqlName();
    return new Entity(table.tableName(), table.entitySetName(), table.path(), key, table.readRoles(),
        table.expand(), table.estimatedRows(), properties, List.of(), null, null, table.description(), List.of(),
        List.of());
  }

  /**
   * The table whose every column follows the key column of a related-lookup table (the alerts of a file, the
   * machines of a domain), or null when the table is not one.
   */
  public static Entity relatedTarget(Entity table) {
    final List<Column> columns = table.columns();
    if (columns.isEmpty() || columns.get(0).origin() != Origin.KEY || table.lookups().isEmpty()) {
      return null;
    }
    final List<String> rest = columns.subList(1, columns.size()).stream().map(Column::sqlName).toList();
    for (Entity t : DefenderModel.entities()) {
      if (t != table && t.isScannable() && t.parent() == null
          && t.columns().stream().map(Column::sqlName).toList().equals(rest)) {
        return t;
      }
    }
    return null;
  }

  /** The entity's name in messages: {@code Alert}, {@code Machine}, {@code File}. */
  public static String singularName(Entity entity) {
    final String set = entity.entitySetName();
    final String singular = set.endsWith("s") ? set.substring(0, set.length() - 1) : set;
    return singular.substring(0, 1).toUpperCase(Locale.ROOT) + singular.substring(1);
  }
}
