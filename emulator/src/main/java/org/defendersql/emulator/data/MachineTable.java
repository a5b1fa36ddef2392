package org.defendersql.emulator.data;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;

/** The machines, held in memory; found by id or by DNS name, ignoring case, as the API does. */
final class MachineTable implements EntityTable {
  private final List<Object[]> rows;
  private final Map<String, Integer> byKey = new HashMap<>();
  private final int idIndex;

  MachineTable(List<Object[]> rows) {
    this.rows = List.copyOf(rows);
    final RowShape shape = new RowShape(DefenderModel.MACHINES);
    final int id = shape.index("id");
    this.idIndex = id;
    final int dns = shape.index("computerDnsName");
    for (int i = 0; i < this.rows.size(); i++) {
      final Object[] row = this.rows.get(i);
      byKey.put(((String) row[id]).toLowerCase(Locale.ROOT), i);
      if (row[dns] != null) {
        byKey.putIfAbsent(((String) row[dns]).toLowerCase(Locale.ROOT), i);
      }
    }
  }

  /** The position of the id in a row. */
  int idIndex() {
    return idIndex;
  }

  @Override
  public Entity entity() {
    return DefenderModel.MACHINES;
  }

  @Override
  public long size() {
    return rows.size();
  }

  @Override
  public Object[] row(long index, boolean expanded) {
    // Rows are shared: callers only read them.
    return rows.get((int) index);
  }

  @Override
  public long find(String key) {
    final Integer i = byKey.get(key.toLowerCase(Locale.ROOT));
    return i == null ? -1 : i;
  }
}
