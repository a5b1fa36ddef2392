package org.defendersql.adapter.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.calcite.linq4j.Enumerator;
import org.defendersql.adapter.odata.DefenderRequest;
import org.defendersql.adapter.telemetry.ApiCalls;
import org.defendersql.model.Column;
import org.defendersql.model.Lookup;
import org.defendersql.model.Origin;

/**
 * Adds an entity's statistics ({@code GET /api/files/{sha1}/stats}) to its rows, one request per row, and only
 * when the query reads a statistics column: the rows are read with the key column too, then each row's
 * statistics fill its statistics columns.
 *
 * <p>When the rows are keyed requests ({@code files where sha1 in (...)}), the keys are known before any row
 * arrives: the statistics of the next keys are asked for at once, beside the entities themselves (a few at a
 * time, within the rate budget), rather than one after the other.
 */
public final class StatsRows implements Enumerator<Object[]> {
  private final Enumerator<Object[]> rows;
  private final LookupRows.Reader reader;
  private final DefenderRequest statsRequest;
  private final List<Column> columns;
  private final int keyIndex;
  private final int[] statsIndexes;
  private Object[] current;
  /** The keys whose statistics are to be read ahead, in order; empty when the rows are not keyed. */
  private final List<String> aheadKeys;
  private int nextAhead;
  private final Map<String, CompletableFuture<Object[]>> ahead = new HashMap<>();

  private StatsRows(Enumerator<Object[]> rows, LookupRows.Reader reader, DefenderRequest statsRequest,
      List<Column> columns, int keyIndex, int[] statsIndexes, List<String> aheadKeys) {
    this.aheadKeys = aheadKeys;
    this.rows = rows;
    this.reader = reader;
    this.statsRequest = statsRequest;
    this.columns = columns;
    this.keyIndex = keyIndex;
    this.statsIndexes = statsIndexes;
  }

  /** The request's rows, with statistics when it reads any; else the rows as they are. */
  public static Enumerator<Object[]> of(DefenderRequest request, LookupRows.Reader reader,
      java.util.function.Function<DefenderRequest, Enumerator<Object[]>> rowsOf) {
    final String statsPath = request.entity().statsPath();
    final List<Column> stats = request.columns().stream().filter(c -> c.origin() == Origin.STATS).toList();
    if (statsPath == null || stats.isEmpty()) {
      return rowsOf.apply(request);
    }
    final Column key = request.entity().key();
    final List<Column> columns = new ArrayList<>(request.columns());
    if (!columns.contains(key)) {
      columns.add(key);
    }
    final List<Column> statsColumns = stats.stream().map(c -> c.from(Origin.PROPERTY)).toList();
    final DefenderRequest statsRequest = DefenderRequest.scan(request.entity(), statsColumns)
        .withLookup(new Lookup(statsPath, key.sqlName(), true, ".*"), List.of());
    final int[] indexes = new int[stats.size()];
    for (int i = 0; i < stats.size(); i++) {
      indexes[i] = request.columns().indexOf(stats.get(i));
    }
    final StatsRows out = new StatsRows(rowsOf.apply(request.withColumns(columns)), reader, statsRequest,
        request.columns(), columns.indexOf(key), indexes, request.lookup() != null
            && request.lookup().keyColumn().equals(key.sqlName()) ? request.keys() : List.of());
    out.readAhead();
    return out;
  }

  @Override public Object[] current() {
    return current;
  }

  /** Keeps the statistics of the next keys in flight, at most as many as a lookup sends at once. */
  private void readAhead() {
    while (ahead.size() < LookupRows.CONCURRENCY && nextAhead < aheadKeys.size()) {
      final String key = aheadKeys.get(nextAhead++);
      if (!ahead.containsKey(key)) {
        ahead.put(key, CompletableFuture.supplyAsync(ApiCalls.propagating(() -> statsOf(key)), LookupRows.pool()));
      }
    }
  }

  /** The statistics of a key, or null when the API has none. */
  private Object[] statsOf(String key) {
    try (Enumerator<Object[]> stats = reader.read(statsRequest.forKey(key))) {
      return stats.moveNext() ? stats.current() : null;
    }
  }

  @Override public boolean moveNext() {
    readAhead();
    if (!rows.moveNext()) {
      return false;
    }
    final Object[] wide = rows.current();
    final Object[] row = new Object[columns.size()];
    System.arraycopy(wide, 0, row, 0, row.length);
    final Object key = wide[keyIndex];
    if (key != null) {
      final CompletableFuture<Object[]> read = ahead.remove(key.toString());
      final Object[] s = read == null ? statsOf(key.toString()) : join(read);
      if (s != null) {
        for (int i = 0; i < statsIndexes.length; i++) {
          row[statsIndexes[i]] = s[i];
        }
      }
    }
    current = row;
    return true;
  }

  @Override public void reset() {
    throw new UnsupportedOperationException("reset");
  }

  /** The statistics read ahead, or the failure of their request as it was thrown in its thread. */
  private static Object[] join(CompletableFuture<Object[]> read) {
    try {
      return read.join();
    } catch (CompletionException e) {
      throw StatsRows.<RuntimeException>rethrow(e.getCause());
    }
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T rethrow(Throwable t) throws T {
    throw (T) t;
  }

  @Override public void close() {
    ahead.values().forEach(f -> f.cancel(true));
    ahead.clear();
    rows.close();
  }
}
