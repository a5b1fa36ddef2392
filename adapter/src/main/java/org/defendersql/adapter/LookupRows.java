package org.defendersql.adapter;

import java.util.Iterator;
import org.apache.calcite.linq4j.Enumerator;
import org.defendersql.adapter.odata.DefenderRequest;
import org.defendersql.model.Column;
import org.defendersql.model.Origin;

/**
 * The rows of a keyed request: one request per key, one after another, each row given the key it was looked up
 * by in its key column (the API's answers do not repeat it, e.g. the machine of its logon users).
 */
final class LookupRows implements Enumerator<Object[]> {
  /** Reads the rows of one request. */
  interface Reader {
    Enumerator<Object[]> read(DefenderRequest request);
  }

  private final DefenderRequest request;
  private final Reader reader;
  private final Iterator<String> keys;
  private final int keyIndex;
  private Enumerator<Object[]> current;
  private String key;

  LookupRows(DefenderRequest request, Reader reader) {
    this.request = request;
    this.reader = reader;
    this.keys = request.keys().iterator();
    int index = -1;
    for (int i = 0; i < request.columns().size(); i++) {
      final Column c = request.columns().get(i);
      if (c.origin() == Origin.KEY && c.sqlName().equals(request.lookup().keyColumn())) {
        index = i;
      }
    }
    this.keyIndex = index;
  }

  @Override public Object[] current() {
    final Object[] row = current.current();
    if (keyIndex >= 0) {
      row[keyIndex] = key;
    }
    return row;
  }

  @Override public boolean moveNext() {
    while (true) {
      if (current != null && current.moveNext()) {
        return true;
      }
      if (current != null) {
        current.close();
        current = null;
      }
      if (!keys.hasNext()) {
        return false;
      }
      key = keys.next();
      current = reader.read(request.forKey(key));
    }
  }

  @Override public void reset() {
    throw new UnsupportedOperationException("reset");
  }

  @Override public void close() {
    if (current != null) {
      current.close();
      current = null;
    }
  }
}
