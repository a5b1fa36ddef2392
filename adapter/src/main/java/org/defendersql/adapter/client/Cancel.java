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
 * {@code Statement.cancel()}) and its deadline (from {@code DataContext.Variable.TIMEOUT}, the statement's query
 * timeout). Waits check them, and a watcher cancels the query's outstanding HTTP call as soon as either is
 * reached, so a cancelled query stops reading at once.
 */
final class Cancel {
  /** No cancellation: for callers that have no flag. */
  static final Cancel NONE = new Cancel(null, 0, 0);

  private static final long POLL_MILLIS = 50;
  private static final Map<Call, Cancel> WATCHED = new ConcurrentHashMap<>();
  private static volatile ScheduledExecutorService watcher;

  private final AtomicBoolean flag;
  private final long timeoutMillis;
  private final long deadline;

  private Cancel(AtomicBoolean flag, long timeoutMillis, long deadline) {
    this.flag = flag;
    this.timeoutMillis = timeoutMillis;
    this.deadline = deadline;
  }

  static Cancel of(AtomicBoolean flag) {
    return of(flag, 0);
  }

  /** A flag (or null) and a timeout from now (0 or less: none). */
  static Cancel of(AtomicBoolean flag, long timeoutMillis) {
    if (flag == null && timeoutMillis <= 0) {
      return NONE;
    }
    return new Cancel(flag, Math.max(0, timeoutMillis),
        System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, timeoutMillis)));
  }

  boolean cancelled() {
    return flag != null && flag.get() || timedOut();
  }

  private boolean timedOut() {
    return timeoutMillis > 0 && System.nanoTime() - deadline >= 0;
  }

  /** Throws when the query was cancelled. */
  void check(String what) {
    if (cancelled()) {
      throw cancelledException(what);
    }
  }

  DefenderException cancelledException(String what) {
    if (timedOut() && (flag == null || !flag.get())) {
      return new DefenderException(ErrorKind.TIMEOUT,
          "The query was cancelled: its timeout of " + timeoutMillis + " ms passed while"
          + " reading " + what + "; its outstanding Defender API request was stopped.");
    }
    return new DefenderException(ErrorKind.CANCELLED,
        "The query was cancelled (Statement.cancel or the query timeout) while reading "
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
      throw new DefenderException(ErrorKind.CANCELLED,
          "Interrupted while waiting to read " + what + " from the Defender API.", e);
    }
    check(what);
  }

  /** Cancels the call when the flag is set, until the returned handle is closed. */
  Closeable watch(Call call) {
    if (this == NONE) {
      return () -> { };
    }
    startWatcher();
    WATCHED.put(call, this);
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
          s.scheduleWithFixedDelay(() -> WATCHED.forEach((call, c) -> {
            if (c.cancelled()) {
              call.cancel();
            }
          }), POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
          watcher = s;
        }
      }
    }
  }
}
