package org.defendersql.adapter.runtime;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.defendersql.adapter.client.DefenderException;
import org.defendersql.adapter.client.ErrorKind;

/**
 * Keyed API requests per user per hour, over a sliding hour: the app's hourly call budget (1,500 calls) is every
 * user's, so one user's keyed fan-outs must not spend it. A server installs one ({@link #install}) with the user
 * of the request being served; without one (embedded use) nothing is counted.
 */
public final class UserLookupQuota {
  private static final long HOUR = TimeUnit.HOURS.toNanos(1);
  private static volatile UserLookupQuota installed;

  private final Supplier<String> user;
  private final int perHour;
  private final LongSupplier nanoClock;
  private final Map<String, Deque<long[]>> spent = new ConcurrentHashMap<>();

  /**
   * @param user      the user of the statement being run on the calling thread, null for none
   * @param perHour   keyed requests one user may send in any hour
   * @param nanoClock a monotonic clock (a virtual one in tests)
   */
  public UserLookupQuota(Supplier<String> user, int perHour, LongSupplier nanoClock) {
    if (perHour < 1) {
      throw new IllegalArgumentException("perHour must be at least 1");
    }
    this.user = user;
    this.perHour = perHour;
    this.nanoClock = nanoClock;
  }

  /** Makes {@code quota} the process's (null: none), as a server does at start. */
  public static void install(UserLookupQuota quota) {
    installed = quota;
  }

  /** Removes {@code quota} if it is the installed one (a server stopping). */
  public static void uninstall(UserLookupQuota quota) {
    if (installed == quota) {
      installed = null;
    }
  }

  /** Spends {@code n} keyed requests of the current user on the installed quota, if any. */
  public static void spendInstalled(int n, String what) {
    final UserLookupQuota q = installed;
    if (q != null) {
      q.spend(n, what);
    }
  }

  /** Spends {@code n} keyed requests of the current user; throws, before any is sent, past the hour's limit. */
  public void spend(int n, String what) {
    final String u = user.get();
    if (u == null || n <= 0) {
      return;
    }
    final Deque<long[]> mine = spent.computeIfAbsent(u, k -> new ArrayDeque<>());
    synchronized (mine) {
      final long now = nanoClock.getAsLong();
      while (!mine.isEmpty() && now - mine.peekFirst()[0] >= HOUR) {
        mine.removeFirst();
      }
      final long used = mine.stream().mapToLong(e -> e[1]).sum();
      if (used + n > perHour) {
        throw new DefenderException(ErrorKind.LIMIT, "The query would send " + n + " keyed requests (" + what
            + "), and you have sent " + used + " in the last hour; the limit per user is " + perHour
            + " an hour (--max-user-lookups-per-hour), so that one user's lookups cannot spend the app's hourly"
            + " budget, which every user shares. Ask for fewer keys, or wait.");
      }
      mine.addLast(new long[] {now, n});
    }
  }
}
