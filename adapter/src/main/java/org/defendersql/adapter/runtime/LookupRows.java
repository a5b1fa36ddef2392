package org.defendersql.adapter.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.calcite.linq4j.Enumerator;
import org.defendersql.adapter.odata.DefenderRequest;
import org.defendersql.adapter.telemetry.ApiCalls;
import org.defendersql.model.Column;
import org.defendersql.model.Origin;

/**
 * The rows of a keyed request: one request per key, a few at a time (the process-wide rate limiter keeps them
 * within the API's budget), returned in key order, each row given the key it was looked up by in its key column
 * (the API's answers do not repeat it, e.g. the machine of its logon users).
 */
public final class LookupRows implements Enumerator<Object[]> {
  /** Keyed requests in flight at once, per scan. */
  static final int CONCURRENCY = 4;

  /** Daemon threads shared by every scan: lookups wait on the network, not on the CPU. */
  private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
    final Thread t = new Thread(r, "defender-lookup");
    t.setDaemon(true);
    return t;
  });

  /** The threads keyed requests wait on (also those of statistics read beside their entity's rows). */
  static ExecutorService pool() {
    return POOL;
  }

  /** Reads the rows of one request. */
  public interface Reader {
    Enumerator<Object[]> read(DefenderRequest request);
  }

  private final DefenderRequest request;
  private final Reader reader;
  private final List<String> keys;
  private final int keyIndex;
  /** The columns given by the lookup's other parameters (findbyip's time), and their values. */
  private final int[] parameterIndexes;
  private final Object[] parameterValues;
  private final List<CompletableFuture<List<Object[]>>> pending = new ArrayList<>();
  private int nextKey;
  private List<Object[]> rows = List.of();
  private int position = -1;
  private String key;

  public LookupRows(DefenderRequest request, Reader reader) {
    this.request = request;
    this.reader = reader;
    this.keys = request.keys();
    int index = -1;
    for (int i = 0; i < request.columns().size(); i++) {
      final Column c = request.columns().get(i);
      if (c.origin() == Origin.KEY && c.sqlName().equals(request.lookup().keyColumn())) {
        index = i;
      }
    }
    this.keyIndex = index;
    final java.util.Map<String, Object> values = request.lookup().values();
    this.parameterIndexes = new int[values.size()];
    this.parameterValues = new Object[values.size()];
    int p = 0;
    for (java.util.Map.Entry<String, Object> v : values.entrySet()) {
      int at = -1;
      for (int i = 0; i < request.columns().size(); i++) {
        if (request.columns().get(i).sqlName().equals(v.getKey())) {
          at = i;
        }
      }
      parameterIndexes[p] = at;
      parameterValues[p++] = v.getValue();
    }
  }

  @Override public Object[] current() {
    final Object[] row = rows.get(position);
    if (keyIndex >= 0) {
      row[keyIndex] = key;
    }
    for (int p = 0; p < parameterIndexes.length; p++) {
      if (parameterIndexes[p] >= 0) {
        row[parameterIndexes[p]] = parameterValues[p];
      }
    }
    return row;
  }

  @Override public boolean moveNext() {
    while (++position >= rows.size()) {
      final int done = nextKey - pending.size();
      if (done >= keys.size()) {
        return false;
      }
      if (pending.isEmpty() && nextKey == keys.size() - 1) {
        // The last key, nothing in flight: another thread would add a hand-over and gain nothing.
        key = keys.get(nextKey++);
        rows = readAll(request.forKey(key));
        position = -1;
        continue;
      }
      while (pending.size() < CONCURRENCY && nextKey < keys.size()) {
        final DefenderRequest one = request.forKey(keys.get(nextKey++));
        pending.add(CompletableFuture.supplyAsync(ApiCalls.propagating(() -> readAll(one)), POOL));
      }
      key = keys.get(nextKey - pending.size());
      try {
        rows = pending.remove(0).join();
      } catch (CompletionException e) {
        cancelPending();
        throw LookupRows.<RuntimeException>rethrow(e.getCause());
      }
      position = -1;
    }
    return true;
  }

  /** The failure of a lookup as it was thrown in its thread (the client's SQLException included). */
  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T rethrow(Throwable t) throws T {
    throw (T) t;
  }

  private List<Object[]> readAll(DefenderRequest one) {
    final List<Object[]> out = new ArrayList<>();
    try (Enumerator<Object[]> e = reader.read(one)) {
      while (e.moveNext()) {
        out.add(e.current());
      }
    }
    return out;
  }

  private void cancelPending() {
    for (CompletableFuture<List<Object[]>> f : pending) {
      f.cancel(true);
    }
    pending.clear();
  }

  @Override public void reset() {
    throw new UnsupportedOperationException("reset");
  }

  @Override public void close() {
    cancelPending();
  }
}
