package org.defendersql.emulator.graph;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.defendersql.emulator.data.EntityTable;
import org.defendersql.emulator.data.RowShape;
import org.defendersql.model.DefenderModel;

/**
 * The tenant's incidents: one per distinct {@code incidentId} of the MDE alerts, in id order, each with the
 * positions of its alerts. Built by one scan of the alerts (without evidence, on all cores) the first time an
 * incident is asked for; afterwards an incident's alerts are regenerated from their positions.
 */
final class IncidentIndex {
  private static final int INCIDENT_ID = new RowShape(DefenderModel.ALERTS).index("incidentId");
  private final EntityTable alerts;
  private volatile Built built;

  /**
   * The index: incident {@code k} has id {@code ids[k]} and the alerts at {@code positions[starts[k]]} up to
   * {@code positions[starts[k + 1]]}, in alert order.
   */
  private record Built(long[] ids, int[] starts, int[] positions) {
  }

  IncidentIndex(EntityTable alerts) {
    this.alerts = alerts;
  }

  /** How many incidents there are. */
  int size() {
    return built().ids.length;
  }

  /** The id of incident {@code k}. */
  long id(int k) {
    return built().ids[k];
  }

  /** The positions of the alerts of incident {@code k}, in alert order. */
  int[] alerts(int k) {
    final Built b = built();
    return Arrays.copyOfRange(b.positions, b.starts[k], b.starts[k + 1]);
  }

  /** The position of the incident with this id, or -1. */
  int find(long id) {
    final int k = Arrays.binarySearch(built().ids, id);
    return k < 0 ? -1 : k;
  }

  private Built built() {
    Built b = built;
    if (b == null) {
      synchronized (this) {
        b = built;
        if (b == null) {
          b = build();
          built = b;
        }
      }
    }
    return b;
  }

  private Built build() {
    final int n = (int) alerts.size();
    final long[] incidentOf = IntStream.range(0, n).parallel().mapToLong(i -> {
      final Object id = alerts.row(i, false)[INCIDENT_ID];
      return id == null ? Long.MIN_VALUE : ((Number) id).longValue();
    }).toArray();
    int[] order = IntStream.range(0, n).filter(i -> incidentOf[i] != Long.MIN_VALUE).toArray();
    boolean sorted = true;
    for (int i = 1; i < order.length && sorted; i++) {
      sorted = incidentOf[order[i - 1]] <= incidentOf[order[i]];
    }
    if (!sorted) {
      // Stable: an incident's alerts stay in alert order.
      order = Arrays.stream(order).boxed().sorted(Comparator.comparingLong(i -> incidentOf[i]))
          .mapToInt(Integer::intValue).toArray();
    }
    final long[] ids = new long[order.length];
    final int[] starts = new int[order.length + 1];
    int k = 0;
    for (int i = 0; i < order.length; i++) {
      final long id = incidentOf[order[i]];
      if (k == 0 || ids[k - 1] != id) {
        ids[k] = id;
        starts[k] = i;
        k++;
      }
    }
    starts[k] = order.length;
    return new Built(Arrays.copyOf(ids, k), Arrays.copyOf(starts, k + 1), order);
  }
}
