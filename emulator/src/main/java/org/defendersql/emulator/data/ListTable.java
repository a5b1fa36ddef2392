package org.defendersql.emulator.data;

import java.util.List;
import org.defendersql.model.Entity;

/**
 * A keyed endpoint's answer as a table: rows held in a list, or positions into another table whose rows are
 * regenerated when read (the alerts of a file in a tenant of a million alerts).
 */
final class ListTable implements EntityTable {
  private final Entity entity;
  private final List<Object[]> rows;
  private final EntityTable base;
  private final int[] positions;

  private ListTable(Entity entity, List<Object[]> rows, EntityTable base, int[] positions) {
    this.entity = entity;
    this.rows = rows;
    this.base = base;
    this.positions = positions;
  }

  static ListTable of(Entity entity, List<Object[]> rows) {
    return new ListTable(entity, List.copyOf(rows), null, null);
  }

  /** The rows of {@code base} at these positions, in this order. */
  static ListTable positions(EntityTable base, int[] positions) {
    return new ListTable(base.entity(), null, base, positions);
  }

  @Override
  public Entity entity() {
    return entity;
  }

  @Override
  public long size() {
    return rows != null ? rows.size() : positions.length;
  }

  @Override
  public Object[] row(long index, boolean expanded) {
    return rows != null ? rows.get((int) index) : base.row(positions[(int) index], expanded);
  }

  @Override
  public long find(String key) {
    return -1;
  }
}
