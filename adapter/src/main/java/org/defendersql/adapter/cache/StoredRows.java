package org.defendersql.adapter.cache;

import java.util.List;
import org.apache.calcite.linq4j.Enumerator;

/**
 * The rows of a stored answer, each a fresh array (readers may write into a row, e.g. a lookup's key column),
 * narrowed to the requested columns when the answer holds more.
 */
final class StoredRows implements Enumerator<Object[]> {
  private final List<Object[]> rows;
  private final int[] projection;
  private int position = -1;
  private Object[] current;

  StoredRows(List<Object[]> rows, int[] projection) {
    this.rows = rows;
    this.projection = projection;
  }

  @Override public Object[] current() {
    return current;
  }

  @Override public boolean moveNext() {
    if (++position >= rows.size()) {
      position = rows.size();
      current = null;
      return false;
    }
    final Object[] row = rows.get(position);
    if (projection == null) {
      current = row.clone();
    } else {
      current = new Object[projection.length];
      for (int i = 0; i < projection.length; i++) {
        current[i] = row[projection[i]];
      }
    }
    return true;
  }

  @Override public void reset() {
    position = -1;
  }

  @Override public void close() {
    position = rows.size();
  }
}
