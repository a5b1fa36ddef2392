package org.defendersql.adapter.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.calcite.DataContext;
import org.defendersql.adapter.client.DefenderException;
import org.defendersql.adapter.client.ErrorKind;

/**
 * What one execution of a statement has spent: the rows its sorts, joins and set operations hold, and the keyed
 * requests it sent. Its guards ({@link RowGuard}) also stop it when it is cancelled, when its query timeout
 * passes, and when the server refuses it for want of memory ({@link #refuseLargest}) — checks Calcite itself
 * makes only between two rows handed to the client, never inside a sort or an aggregate that runs for minutes.
 *
 * <p>One budget per execution, found by its Calcite {@link DataContext} and forgotten with it.
 */
public final class StatementBudget {
  private static final Map<DataContext, StatementBudget> BUDGETS = Collections.synchronizedMap(new WeakHashMap<>());

  private final AtomicBoolean cancelFlag;
  private final long timeoutMillis;
  private final long startNanos = System.nanoTime();
  private final AtomicLong rowsHeld = new AtomicLong();
  private final AtomicLong lookups = new AtomicLong();
  /** Guarded steps whose rows are being read: a budget whose statement has ended holds nothing any more. */
  private final AtomicLong open = new AtomicLong();
  private volatile String refusal;

  private StatementBudget(AtomicBoolean cancelFlag, long timeoutMillis) {
    this.cancelFlag = cancelFlag;
    this.timeoutMillis = timeoutMillis;
  }

  /** The budget of the execution whose context this is, made at its first use. */
  public static StatementBudget of(DataContext root) {
    synchronized (BUDGETS) {
      return BUDGETS.computeIfAbsent(root, r -> {
        final Long timeout = DataContext.Variable.TIMEOUT.get(r);
        return new StatementBudget(DataContext.Variable.CANCEL_FLAG.get(r), timeout == null ? 0 : timeout);
      });
    }
  }

  /** Rows held by the execution that holds the most, 0 when none holds any (for metrics and tests). */
  public static long largestRowsHeld() {
    return snapshot().stream().filter(StatementBudget::running).mapToLong(b -> b.rowsHeld.get()).max().orElse(0);
  }

  /**
   * Refuses the running execution that holds the most rows, so that it stops at its next row with
   * {@code why}; what a server does when its heap is nearly full. Returns the rows it held, 0 when no
   * execution holds rows (then there is nothing this can free).
   */
  public static long refuseLargest(String why) {
    StatementBudget largest = null;
    for (StatementBudget b : snapshot()) {
      if (b.running() && b.refusal == null && (largest == null || b.rowsHeld.get() > largest.rowsHeld.get())) {
        largest = b;
      }
    }
    if (largest == null || largest.rowsHeld.get() == 0) {
      return 0;
    }
    largest.refusal = why;
    return largest.rowsHeld.get();
  }

  private static List<StatementBudget> snapshot() {
    synchronized (BUDGETS) {
      return new ArrayList<>(BUDGETS.values());
    }
  }

  private boolean running() {
    return open.get() > 0;
  }

  /** A guarded step started reading rows. */
  void opened() {
    open.incrementAndGet();
  }

  /** A guarded step was closed. */
  void closed() {
    open.decrementAndGet();
  }

  /** Throws when the execution was cancelled, timed out or refused; {@code where} names the step it was in. */
  void check(String where) {
    if (refusal != null) {
      throw new DefenderException(ErrorKind.LIMIT, refusal);
    }
    if (cancelFlag != null && cancelFlag.get()) {
      throw new DefenderException(ErrorKind.CANCELLED,
          "The query was cancelled (Statement.cancel, its connection closed, or the server's limit) while " + where
          + ".");
    }
    if (timeoutMillis > 0 && System.nanoTime() - startNanos > TimeUnit.MILLISECONDS.toNanos(timeoutMillis)) {
      throw new DefenderException(ErrorKind.TIMEOUT, "The query was stopped: its timeout of "
          + timeoutMillis / 1000 + " s passed while " + where + ". Narrow the query, or ask for a longer timeout"
          + " (the connection property queryTimeout; the server's --query-timeout caps it).");
    }
  }

  /** Counts one more row held in memory; throws past {@code maxRows}. */
  void hold(long maxRows, String where) {
    if (rowsHeld.incrementAndGet() > maxRows) {
      throw new DefenderException(ErrorKind.LIMIT, "The query needs more than " + maxRows + " rows in memory at"
          + " once (" + where + "), the server's limit per statement (--max-statement-rows). Filter the tables"
          + " before joining or sorting them, give the join a condition, or add a LIMIT to the ORDER BY.");
    }
  }

  /**
   * Spends {@code n} keyed requests of the statement; throws, before any is sent, when they would take it past
   * {@code maxLookups}.
   */
  public void spendLookups(int n, int maxLookups, String what) {
    final long total = lookups.addAndGet(n);
    if (total > maxLookups) {
      lookups.addAndGet(-n);
      throw new DefenderException(ErrorKind.LIMIT, "The query would send " + total + " keyed requests ("
          + what + "), more than the limit of " + maxLookups + " per statement (maxLookups). Ask for fewer keys,"
          + " or raise maxLookups in the schema operand.");
    }
  }

  /** The rows this execution holds in memory now. */
  public long rowsHeld() {
    return rowsHeld.get();
  }
}
