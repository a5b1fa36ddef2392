package org.defendersql.adapter.hunting;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;

/**
 * The rows of one execution of a hunting scan, which Calcite may enumerate more than once: a nested-loop join
 * enumerates its inner input again for every outer row, which would send the same hunting query thousands of times
 * against a quota of 45 a minute. The first complete enumeration records the rows (up to {@link #MAX_RECORDED});
 * later ones replay them without a request. A larger answer is asked for again, as Calcite expects.
 */
final class ReplayableRows extends AbstractEnumerable<Object> {
  /** The most rows recorded for replay: enough for any inner input a planner puts in a loop. */
  static final int MAX_RECORDED = 50_000;

  private final Supplier<Enumerator<Object>> source;
  private List<Object> recorded;

  ReplayableRows(Supplier<Enumerator<Object>> source) {
    this.source = source;
  }

  @Override public Enumerator<Object> enumerator() {
    if (recorded != null) {
      return Linq4j.enumerator(recorded);
    }
    final Enumerator<Object> rows = source.get();
    return new Enumerator<>() {
      private List<Object> recording = new ArrayList<>();

      @Override public Object current() {
        return rows.current();
      }

      @Override public boolean moveNext() {
        if (!rows.moveNext()) {
          if (recording != null) {
            recorded = recording;
          }
          return false;
        }
        if (recording != null) {
          if (recording.size() < MAX_RECORDED) {
            recording.add(rows.current());
          } else {
            recording = null;
          }
        }
        return true;
      }

      @Override public void reset() {
        throw new UnsupportedOperationException("reset");
      }

      @Override public void close() {
        rows.close();
      }
    };
  }
}
