package org.defendersql.emulator.data;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.defendersql.model.Column;
import org.defendersql.model.EdmType;
import org.defendersql.model.Entity;

/**
 * Where each property of an entity sits in a row, looked up by JSON path ({@code "severity"},
 * {@code "relatedUser/userName"}) so the generators name the values they produce while the model alone decides
 * the columns and their order. A generator asking for a property the model lacks fails at start-up.
 */
public final class RowShape {
  private final Entity entity;
  private final Map<String, Integer> byPath = new HashMap<>();

  public RowShape(Entity entity) {
    this.entity = entity;
    final List<Column> columns = entity.columns();
    for (int i = 0; i < columns.size(); i++) {
      byPath.put(String.join("/", columns.get(i).jsonPath()), i);
    }
  }

  /** The row index of the property at this JSON path. */
  public int index(String jsonPath) {
    final Integer i = byPath.get(jsonPath);
    if (i == null) {
      throw new IllegalStateException(entity.tableName() + " has no property " + jsonPath);
    }
    return i;
  }

  /** The shape of the elements of a complex collection property. */
  public ComplexShape element(String jsonName) {
    return new ComplexShape(entity.columns().get(index(jsonName)).elementType());
  }

  /** A row of nulls, with every collection property an empty list (collections are never null). */
  public Object[] newRow() {
    final List<Column> columns = entity.columns();
    final Object[] row = new Object[columns.size()];
    for (int i = 0; i < row.length; i++) {
      final EdmType t = columns.get(i).edmType();
      if (t == EdmType.STRING_COLLECTION || t == EdmType.COMPLEX_COLLECTION) {
        row[i] = List.of();
      }
    }
    return row;
  }

  public Entity entity() {
    return entity;
  }
}
