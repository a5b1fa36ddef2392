package org.defendersql.jdbc;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Enforces {@code Statement.setQueryTimeout}, which Avatica's protocol cannot carry: one daemon thread looks at
 * the statements with a timeout a few times a second and stops (as {@code cancel()} does) a call that has run
 * longer than its statement's timeout. The timeout bounds each call that may wait for the server: the execute,
 * and each {@code next()} of its result set. Statements are held weakly, so one never closed is not kept, and
 * the thread ends when no statement has a timeout.
 */
final class QueryWatchdog {
  private static final long PERIOD_MILLIS = 200;
  private static final Set<StatementGuard> WATCHED = Collections.synchronizedSet(
      Collections.newSetFromMap(new WeakHashMap<>()));
  private static ScheduledExecutorService timer;

  private QueryWatchdog() {
  }

  static synchronized void watch(StatementGuard guard) {
    WATCHED.add(guard);
    if (timer == null) {
      timer = Executors.newSingleThreadScheduledExecutor(r -> {
        final Thread t = new Thread(r, "defender-sql query timeout");
        t.setDaemon(true);
        return t;
      });
      timer.scheduleWithFixedDelay(QueryWatchdog::check, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  private static void check() {
    final List<StatementGuard> guards;
    synchronized (QueryWatchdog.class) {
      synchronized (WATCHED) {
        WATCHED.removeIf(StatementGuard::unwatched);
        guards = new ArrayList<>(WATCHED);
      }
      // No thread is left behind (in an application server, it would hold the driver's class loader).
      if (guards.isEmpty()) {
        timer.shutdown();
        timer = null;
        return;
      }
    }
    final long now = System.nanoTime();
    for (StatementGuard g : guards) {
      if (g.overdue(now)) {
        try {
          g.stop(StatementGuard.Stop.TIMEOUT);
        } catch (SQLException | RuntimeException e) {
          // The waiting call then ends as the server answers; nothing else can be done from this thread.
        }
      }
    }
  }
}
