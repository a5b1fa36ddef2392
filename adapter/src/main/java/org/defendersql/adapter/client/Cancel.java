package org.defendersql.adapter.client;

import java.io.Closeable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Call;

/**
 * The cancel flag of one query (Calcite's {@code DataContext.Variable.CANCEL_FLAG}, set by
 * {@code Statement.cancel()} and by the query timeout). Waits check it, and a watcher cancels the query's
 * outstanding HTTP call as soon as it is set, so a cancelled query stops reading at once.
 */
final class Cancel {
  /** No cancellation: for callers that have no flag. */
  static final Cancel NONE = new Cancel(null);

  private static final long POLL_MILLIS = 50;
  private static final Map<Call, AtomicBoolean> WATCHED = new ConcurrentHashMap<>();
  private static volatile ScheduledExecutorService watcher;

  private final AtomicBoolean flag;

  private Cancel(AtomicBoolean flag) {
    this.flag = flag;
  }

  static Cancel of(AtomicBoolean flag) {
    return flag == null ? NONE : new Cancel(flag);
  }

  boolean cancelled() {
    return flag != null && flag.get();
  }

  /** Throws when the query was cancelled. */
  void check(String what) {
    if (cancelled()) {
      throw cancelledException(what);
    }
  }

  DefenderException cancelledException(String what) {
    return new DefenderException("The query was cancelled (Statement.cancel or the query timeout) while reading "
        + what + "; its outstanding Defender API request was stopped.");
  }

  /** Sleeps, waking early to throw when the query is cancelled or the thread interrupted. */
  void sleep(long millis, String what) {
    final long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    try {
      for (long left = millis; left > 0; left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())) {
        check(what);
        Thread.sleep(Math.min(left, POLL_MILLIS));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DefenderException("Interrupted while waiting to read " + what + " from the Defender API.", e);
    }
    check(what);
  }

  /** Cancels the call when the flag is set, until the returned handle is closed. */
  Closeable watch(Call call) {
    if (flag == null) {
      return () -> { };
    }
    startWatcher();
    WATCHED.put(call, flag);
    return () -> WATCHED.remove(call);
  }

  private static void startWatcher() {
    if (watcher == null) {
      synchronized (Cancel.class) {
        if (watcher == null) {
          final ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
            final Thread t = new Thread(r, "defender-cancel-watch");
            t.setDaemon(true);
            return t;
          });
          s.scheduleWithFixedDelay(() -> WATCHED.forEach((call, f) -> {
            if (f.get()) {
              call.cancel();
            }
          }), POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
          watcher = s;
        }
      }
    }
  }
}
