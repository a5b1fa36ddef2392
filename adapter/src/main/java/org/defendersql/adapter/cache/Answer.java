package org.defendersql.adapter.cache;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** One complete answer in the cache: every row of every page (or the one keyed object), and its bookkeeping. */
final class Answer {
  final long id;
  final AnswerKey key;
  final String table;
  final String request;
  final List<Object[]> rows;
  final long bytes;
  final long storedAtNanos;
  final long ttlNanos;
  final AtomicLong hits = new AtomicLong();

  Answer(long id, AnswerKey key, String table, String request, List<Object[]> rows, long bytes, long storedAtNanos,
      long ttlNanos) {
    this.id = id;
    this.key = key;
    this.table = table;
    this.request = request;
    this.rows = List.copyOf(rows);
    this.bytes = bytes;
    this.storedAtNanos = storedAtNanos;
    this.ttlNanos = ttlNanos;
  }

  /** Whether the answer is past its time-to-live at {@code now}; at its very end it is already too old. */
  boolean expired(long now) {
    return now - storedAtNanos >= ttlNanos;
  }
}
