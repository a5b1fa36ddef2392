package org.defendersql.adapter.cache;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.linq4j.Enumerator;

/**
 * The rows of a request sent to the API, passed on as they come and recorded; stored in the cache only when the
 * source ends by itself (every page read). An error, a cancel, or a reader that stops early (LIMIT) stores
 * nothing, and lets the requests waiting for this one send their own.
 */
final class RecordingRows implements Enumerator<Object[]> {
  private final AnswerCache cache;
  private final Enumerator<Object[]> source;
  private final AnswerKey key;
  private final String table;
  private final String request;
  private final long ttlNanos;
  private final AnswerCache.Flight flight;
  private List<Object[]> rows = new ArrayList<>();
  private long bytes;
  private boolean landed;

  RecordingRows(AnswerCache cache, Enumerator<Object[]> source, AnswerKey key, String table, String request,
      long ttlNanos, AnswerCache.Flight flight) {
    this.cache = cache;
    this.source = source;
    this.key = key;
    this.table = table;
    this.request = request;
    this.ttlNanos = ttlNanos;
    this.flight = flight;
    if (ttlNanos <= 0) {
      rows = null;
    }
  }

  @Override public Object[] current() {
    return source.current();
  }

  @Override public boolean moveNext() {
    final boolean more;
    try {
      more = source.moveNext();
    } catch (RuntimeException | Error e) {
      abandon();
      throw e;
    }
    if (landed) {
      return more;
    }
    if (!more) {
      if (rows != null && (!(source instanceof Storable s) || s.storable())) {
        cache.store(key, table, request, rows, bytes, ttlNanos, flight);
      } else {
        cache.land(key, flight, null);
      }
      rows = null;
      landed = true;
      return false;
    }
    if (flight != null) {
      flight.progress = System.nanoTime();
    }
    if (rows != null) {
      // A copy: the reader may write into the row it is given (a lookup's key column).
      final Object[] row = source.current().clone();
      bytes += RowSizes.of(row);
      if (bytes > cache.largestAnswer()) {
        // Too large to keep: stop recording, but pass the rows on; waiters send their own requests.
        rows = null;
        cache.tooLarge();
        cache.land(key, flight, null);
        landed = true;
      } else {
        rows.add(row);
      }
    }
    return true;
  }

  /** Nothing is stored: the requests waiting for this one send their own. */
  private void abandon() {
    if (!landed) {
      landed = true;
      rows = null;
      cache.land(key, flight, null);
    }
  }

  @Override public void reset() {
    throw new UnsupportedOperationException("reset");
  }

  @Override public void close() {
    try {
      source.close();
    } finally {
      abandon();
    }
  }
}
