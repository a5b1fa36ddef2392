package org.defendersql.adapter.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.junit.jupiter.api.Test;

/**
 * The cache alone, on a virtual clock and with counted sources: the bound in bytes and its LRU order, the largest
 * answer kept, time-to-live boundaries, answers never stored when read partly or failed, rows copied so that a
 * reader cannot change a stored answer, and single-flight: a waiter reads the leader's answer, sends its own when
 * the leader gives up, and stops waiting when its query is cancelled.
 */
class AnswerCacheTest {
  private static final Duration TTL = Duration.ofSeconds(30);
  private final AtomicLong now = new AtomicLong();
  private final AtomicInteger sent = new AtomicInteger();

  private static AnswerKey key(String base, String... columns) {
    return new AnswerKey(base, List.of(columns));
  }

  private static List<Object[]> rows(int n, int width) {
    final List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      final Object[] row = new Object[width];
      for (int c = 0; c < width; c++) {
        row[c] = "r" + i + "c" + c;
      }
      rows.add(row);
    }
    return rows;
  }

  private Supplier<Enumerator<Object[]>> source(List<Object[]> rows) {
    return () -> {
      sent.incrementAndGet();
      final List<Object[]> copies = rows.stream().map(Object[]::clone).toList();
      return Linq4j.enumerator(copies);
    };
  }

  private static List<Object[]> readAll(Enumerator<Object[]> e) {
    final List<Object[]> out = new ArrayList<>();
    try (e) {
      while (e.moveNext()) {
        out.add(e.current());
      }
    }
    return out;
  }

  private static void assertRows(List<Object[]> expected, List<Object[]> actual) {
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      assertArrayEquals(expected.get(i), actual.get(i), "row " + i);
    }
  }

  private Enumerator<Object[]> read(AnswerCache cache, AnswerKey key, List<Object[]> answer) {
    return cache.rows(key, "alerts", key.base(), TTL, source(answer), () -> { });
  }

  @Test void answersLiveExactlyTheirTimeToLive() {
    final AnswerCache cache = new AnswerCache(1 << 20, now::get);
    final List<Object[]> answer = rows(3, 2);
    final AnswerKey k = key("GET /a", "x", "y");
    assertRows(answer, readAll(read(cache, k, answer)));
    now.set(TTL.toNanos() - 1);
    assertRows(answer, readAll(read(cache, k, answer)));
    assertEquals(1, sent.get());
    now.set(TTL.toNanos());
    assertRows(answer, readAll(read(cache, k, answer)));
    assertEquals(2, sent.get(), "expired at its time-to-live");
    // A reader whose time-to-live is shorter reads no older answer, without removing it for the others.
    now.addAndGet(Duration.ofSeconds(10).toNanos());
    assertTrue(cache.covers(k, TTL));
    assertFalse(cache.covers(k, Duration.ofSeconds(10)));
  }

  @Test void anAnswerReadPartlyOrFailedIsNotStored() {
    final AnswerCache cache = new AnswerCache(1 << 20, now::get);
    final List<Object[]> answer = rows(5, 1);
    final AnswerKey k = key("GET /a", "x");
    try (Enumerator<Object[]> e = read(cache, k, answer)) {
      assertTrue(e.moveNext());
      assertTrue(e.moveNext());
    }
    assertFalse(cache.covers(k, TTL), "read two rows of five");
    final Enumerator<Object[]> failing = cache.rows(k, "alerts", "GET /a", TTL, () -> new Enumerator<>() {
      private int n;

      @Override public Object[] current() {
        return new Object[] {"row" + n};
      }

      @Override public boolean moveNext() {
        if (++n > 2) {
          throw new IllegalStateException("the page broke");
        }
        return true;
      }

      @Override public void reset() {
      }

      @Override public void close() {
      }
    }, () -> { });
    assertThrows(IllegalStateException.class, () -> readAll(failing));
    assertFalse(cache.covers(k, TTL), "failed after two rows");
    assertRows(answer, readAll(read(cache, k, answer)));
    assertTrue(cache.covers(k, TTL));
  }

  @Test void theBoundEvictsTheLeastRecentlyUsedAndSkipsTheLargest() {
    final List<Object[]> answer = rows(10, 4);
    final long size = answer.stream().mapToLong(RowSizes::of).sum();
    // Room for four answers; each is exactly a quarter, the largest kept.
    final AnswerCache cache = new AnswerCache(4 * size, now::get);
    for (String k : List.of("a", "b", "c", "d")) {
      readAll(read(cache, key(k, "w", "x", "y", "z"), answer));
    }
    assertEquals(4 * size, cache.bytes());
    readAll(read(cache, key("a", "w", "x", "y", "z"), answer)); // "a" is now the most recently used
    readAll(read(cache, key("e", "w", "x", "y", "z"), answer));
    assertEquals(4 * size, cache.bytes());
    assertFalse(cache.covers(key("b", "w", "x", "y", "z"), TTL), "the least recently used went");
    for (String k : List.of("a", "c", "d", "e")) {
      assertTrue(cache.covers(key(k, "w", "x", "y", "z"), TTL), k);
    }
    final List<Object[]> larger = rows(11, 4);
    assertRows(larger, readAll(read(cache, key("f", "w", "x", "y", "z"), larger)));
    assertFalse(cache.covers(key("f", "w", "x", "y", "z"), TTL), "more than a quarter of the bound");
    assertEquals(1L, cache.statsRow()[10], "counted as too large");
  }

  @Test void aReaderCannotChangeAStoredAnswer() {
    final AnswerCache cache = new AnswerCache(1 << 20, now::get);
    final List<Object[]> answer = rows(2, 2);
    final AnswerKey k = key("GET /a", "x", "y");
    for (Object[] row : readAll(read(cache, k, answer))) {
      row[0] = "changed by the first reader";
    }
    for (Object[] row : readAll(read(cache, k, answer))) {
      row[1] = "changed by the second";
    }
    assertRows(answer, readAll(read(cache, k, answer)));
    assertEquals(1, sent.get());
  }

  @Test void aNarrowerKeyIsServedFromAWiderAnswerOnlyWithTheSameBase() {
    final AnswerCache cache = new AnswerCache(1 << 20, now::get);
    final List<Object[]> wide = rows(3, 3);
    readAll(read(cache, key("GET /a?f", "x", "y", "z"), wide));
    final List<Object[]> narrow = readAll(read(cache, key("GET /a?f", "z", "x"), List.of()));
    assertEquals(1, sent.get());
    assertEquals(3, narrow.size());
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(new Object[] {wide.get(i)[2], wide.get(i)[0]}, narrow.get(i));
    }
    readAll(read(cache, key("GET /a?g", "x"), rows(1, 1)));
    readAll(read(cache, key("GET /a?f", "x", "q"), rows(1, 2)));
    assertEquals(3, sent.get(), "another filter, or a column the answer lacks, is another request");
  }

  /** A source that hands out its rows only when released, to keep a leader in flight. */
  private Supplier<Enumerator<Object[]>> held(List<Object[]> rows, CountDownLatch opened, CountDownLatch release) {
    return () -> {
      sent.incrementAndGet();
      opened.countDown();
      try {
        assertTrue(release.await(30, TimeUnit.SECONDS));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      return Linq4j.enumerator(rows.stream().map(Object[]::clone).toList());
    };
  }

  @Test void aWaiterReadsTheLeadersAnswer() throws Exception {
    final AnswerCache cache = new AnswerCache(1 << 20);
    final List<Object[]> answer = rows(4, 2);
    final AnswerKey k = key("GET /a", "x", "y");
    final CountDownLatch opened = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final CompletableFuture<List<Object[]>> leader = CompletableFuture.supplyAsync(
        () -> readAll(cache.rows(k, "alerts", "GET /a", TTL, held(answer, opened, release), () -> { })));
    assertTrue(opened.await(30, TimeUnit.SECONDS));
    final CountDownLatch waiting = new CountDownLatch(1);
    final CompletableFuture<List<Object[]>> waiter = CompletableFuture.supplyAsync(
        () -> readAll(cache.rows(k, "alerts", "GET /a", TTL, source(answer), waiting::countDown)));
    assertTrue(waiting.await(30, TimeUnit.SECONDS), "the waiter checks its cancel while it waits");
    release.countDown();
    assertRows(answer, leader.get(30, TimeUnit.SECONDS));
    assertRows(answer, waiter.get(30, TimeUnit.SECONDS));
    assertEquals(1, sent.get(), "sent once");
    assertEquals(1L, cache.statsRow()[1], "shared in flight");
  }

  @Test void aWaiterSendsItsOwnWhenTheLeaderStopsEarly() throws Exception {
    final AnswerCache cache = new AnswerCache(1 << 20);
    final List<Object[]> answer = rows(4, 2);
    final AnswerKey k = key("GET /a", "x", "y");
    final CountDownLatch opened = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final CompletableFuture<Void> leader = CompletableFuture.runAsync(() -> {
      try (Enumerator<Object[]> e = cache.rows(k, "alerts", "GET /a", TTL, held(answer, opened, release), () -> { })) {
        assertTrue(e.moveNext()); // a LIMIT 1
      }
    });
    assertTrue(opened.await(30, TimeUnit.SECONDS));
    final CountDownLatch waiting = new CountDownLatch(1);
    final CompletableFuture<List<Object[]>> waiter = CompletableFuture.supplyAsync(
        () -> readAll(cache.rows(k, "alerts", "GET /a", TTL, source(answer), waiting::countDown)));
    assertTrue(waiting.await(30, TimeUnit.SECONDS));
    release.countDown();
    leader.get(30, TimeUnit.SECONDS);
    assertRows(answer, waiter.get(30, TimeUnit.SECONDS));
    assertEquals(2, sent.get(), "the waiter sent its own");
  }

  @Test void aCancelEndsTheWait() throws Exception {
    final AnswerCache cache = new AnswerCache(1 << 20);
    final AnswerKey k = key("GET /a", "x");
    final CountDownLatch opened = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final CompletableFuture<List<Object[]>> leader = CompletableFuture.supplyAsync(
        () -> readAll(cache.rows(k, "alerts", "GET /a", TTL, held(rows(1, 1), opened, release), () -> { })));
    assertTrue(opened.await(30, TimeUnit.SECONDS));
    final AtomicBoolean cancelled = new AtomicBoolean();
    final CountDownLatch waiting = new CountDownLatch(1);
    final CompletableFuture<List<Object[]>> waiter = CompletableFuture.supplyAsync(
        () -> readAll(cache.rows(k, "alerts", "GET /a", TTL, source(rows(1, 1)), () -> {
          waiting.countDown();
          if (cancelled.get()) {
            throw new IllegalStateException("cancelled");
          }
        })));
    assertTrue(waiting.await(30, TimeUnit.SECONDS));
    assertFalse(waiter.isDone(), "waiting for the leader");
    cancelled.set(true);
    final Exception e = assertThrows(Exception.class, () -> waiter.get(10, TimeUnit.SECONDS),
        "the cancel takes effect within 10 s, not when the leader lands");
    assertTrue(e.getCause() instanceof IllegalStateException, e.toString());
    release.countDown();
    leader.get(30, TimeUnit.SECONDS);
    assertEquals(1, sent.get(), "the cancelled waiter sent nothing");
  }
}
