package org.defendersql.server.limits;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import org.defendersql.adapter.runtime.StatementBudget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the statement that holds the most rows when the heap stays nearly full after a garbage collection, so
 * that one query fails with a message instead of the whole server with an OutOfMemoryError. The JVM's
 * collection-usage thresholds tell it, without polling; {@code -XX:+ExitOnOutOfMemoryError} in the launcher
 * remains the last resort.
 */
public final class HeapWatch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HeapWatch.class);

  private final double fraction;
  private final List<MemoryPoolMXBean> pools = new ArrayList<>();
  private final NotificationListener listener = this::notified;
  private volatile long refusals;

  /** @param fraction the share of a heap pool's maximum that, still used after a collection, stops a query */
  public HeapWatch(double fraction) {
    if (!(fraction > 0 && fraction < 1)) {
      throw new IllegalArgumentException("fraction must be between 0 and 1");
    }
    this.fraction = fraction;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      final long max = pool.getUsage().getMax();
      if (pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported() && max > 0) {
        pool.setCollectionUsageThreshold((long) (max * fraction));
        pools.add(pool);
      }
    }
    ((NotificationEmitter) ManagementFactory.getMemoryMXBean()).addNotificationListener(listener, null, null);
  }

  private void notified(Notification n, Object handback) {
    if (MemoryNotificationInfo.MEMORY_COLLECTION_THRESHOLD_EXCEEDED.equals(n.getType())) {
      relieve();
    }
  }

  /** Stops the statement holding the most rows; what a notification does (public for tests). */
  public long relieve() {
    final long rows = StatementBudget.refuseLargest("The server's memory is nearly full (more than "
        + Math.round(fraction * 100) + "% of its heap in use after garbage collection), and this query held the"
        + " most rows in memory, so it was stopped. Filter the tables before sorting or joining them, or add a"
        + " LIMIT; the server's administrator can give it more heap (-Xmx) or lower --max-statement-rows.");
    if (rows > 0) {
      refusals++;
      LOG.warn("Heap nearly full: stopped the statement holding the most rows ({} rows)", rows);
    } else {
      LOG.warn("Heap nearly full, and no statement holds rows to stop");
    }
    return rows;
  }

  /** Statements stopped for want of memory. */
  public long refusals() {
    return refusals;
  }

  @Override public void close() {
    try {
      ((NotificationEmitter) ManagementFactory.getMemoryMXBean()).removeNotificationListener(listener);
    } catch (ListenerNotFoundException e) {
      // already removed
    }
  }
}
