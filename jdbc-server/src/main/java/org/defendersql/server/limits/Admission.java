package org.defendersql.server.limits;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Lets a bounded number of statements execute or fetch at once, per user and in all: a statement beyond the
 * limit waits its turn for a while, then is refused, so that one user's burst cannot take every core and
 * worker of the server.
 */
public final class Admission {
  /** A turn, given back when closed. */
  public interface Turn extends AutoCloseable {
    @Override void close();
  }

  private final Quotas quotas;
  private final Semaphore all;
  private final Map<String, Semaphore> users = new ConcurrentHashMap<>();

  public Admission(Quotas quotas) {
    this.quotas = quotas;
    this.all = new Semaphore(quotas.maxRunning(), true);
  }

  /**
   * Waits for a turn of {@code user} (null: a client of a server without authentication, counted in the total
   * only), refusing after the quota's admission wait.
   */
  public Turn enter(String user) {
    final Semaphore mine = user == null ? null
        : users.computeIfAbsent(user, u -> new Semaphore(quotas.maxRunningPerUser(), true));
    final long waitNanos = quotas.admissionWait().toNanos();
    final long start = System.nanoTime();
    if (mine != null && !acquire(mine, waitNanos)) {
      throw new LimitRefused("You already run " + quotas.maxRunningPerUser() + " statements at once, the limit"
          + " per user (--max-running-per-user), and none ended within " + quotas.admissionWait().toSeconds()
          + " s. Wait for your running queries, or close the ones you no longer read.");
    }
    if (!acquire(all, waitNanos - (System.nanoTime() - start))) {
      if (mine != null) {
        mine.release();
      }
      throw new LimitRefused("The server already runs " + quotas.maxRunning() + " statements at once, its limit"
          + " (--max-running), and none ended within " + quotas.admissionWait().toSeconds() + " s. Retry later.");
    }
    return () -> {
      all.release();
      if (mine != null) {
        mine.release();
      }
    };
  }

  private static boolean acquire(Semaphore s, long nanos) {
    try {
      return s.tryAcquire(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Statements running now, in all. */
  public int running() {
    return quotas.maxRunning() - all.availablePermits();
  }
}
