package org.defendersql.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.junit.jupiter.api.Test;

/** The server's reading of a statement's next frame ahead of its fetch: which rows, which failures, when none. */
class FrameReadAheadTest {
  private static Meta.Frame frame(long offset, int rows, boolean done) {
    final List<Object> list = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      list.add(new Object[] {offset + i});
    }
    return Meta.Frame.create(offset, done, list);
  }

  @Test void readsTheFrameAfterTheServedOneForTheFetchAtItsOffset() throws Exception {
    try (FrameReadAhead ahead = new FrameReadAhead()) {
      final AtomicLong askedFrom = new AtomicLong(-1);
      ahead.start(1, frame(0, 10, false), offset -> {
        askedFrom.set(offset);
        return frame(offset, 10, false);
      });
      final Meta.Frame next = ahead.take(1, 10, 100);
      assertEquals(10, askedFrom.get());
      assertEquals(10, next.offset);
      assertEquals(10L, ((Object[]) ((List<?>) next.rows).get(0))[0]);
      assertNull(ahead.take(1, 20, 100), "one frame ahead, taken once");
    }
  }

  @Test void nothingIsReadAfterTheLastFrame() throws Exception {
    try (FrameReadAhead ahead = new FrameReadAhead()) {
      ahead.start(1, frame(0, 3, true), offset -> {
        throw new AssertionError("read after the last frame");
      });
      assertFalse(ahead.reading(1));
      assertNull(ahead.take(1, 3, 100));
    }
  }

  @Test void aSmallerFetchGetsPartOfTheFrameAndTheNextFetchTheRest() throws Exception {
    try (FrameReadAhead ahead = new FrameReadAhead()) {
      ahead.start(1, frame(0, 5, false), offset -> frame(offset, 10, true));
      final Meta.Frame first = ahead.take(1, 5, 4);
      assertEquals(4, ((List<?>) first.rows).size());
      assertFalse(first.done);
      ahead.start(1, first, offset -> {
        throw new AssertionError("read again while the rest of a frame waits");
      });
      final Meta.Frame rest = ahead.take(1, 9, 100);
      assertEquals(9, rest.offset);
      assertEquals(6, ((List<?>) rest.rows).size());
      assertTrue(rest.done);
      assertEquals(9L, ((Object[]) ((List<?>) rest.rows).get(0))[0]);
    }
  }

  @Test void theFailureOfTheReadIsTheFetchsOwn() throws Exception {
    try (FrameReadAhead ahead = new FrameReadAhead()) {
      final RuntimeException broken = new RuntimeException("the API's answer ended early");
      ahead.start(1, frame(0, 1, false), offset -> {
        throw broken;
      });
      assertSame(broken, assertThrows(RuntimeException.class, () -> ahead.take(1, 1, 100)));
      final NoSuchStatementException gone = new NoSuchStatementException(new Meta.StatementHandle("c", 2, null));
      ahead.start(2, frame(0, 1, false), offset -> {
        throw gone;
      });
      assertSame(gone, assertThrows(NoSuchStatementException.class, () -> ahead.take(2, 1, 100)));
    }
  }

  @Test void rowsFromAnotherOffsetAreRefusedNotServed() throws Exception {
    try (FrameReadAhead ahead = new FrameReadAhead()) {
      ahead.start(1, frame(0, 10, false), offset -> frame(offset, 10, false));
      final IllegalStateException e = assertThrows(IllegalStateException.class, () -> ahead.take(1, 0, 100));
      assertTrue(e.getMessage().contains("row 10"), e.getMessage());
    }
  }

  @Test void discardWaitsForTheReadToEnd() throws Exception {
    try (FrameReadAhead ahead = new FrameReadAhead()) {
      final CountDownLatch started = new CountDownLatch(1);
      final CountDownLatch release = new CountDownLatch(1);
      final AtomicLong ended = new AtomicLong();
      ahead.start(1, frame(0, 1, false), offset -> {
        started.countDown();
        release.await(30, TimeUnit.SECONDS);
        ended.incrementAndGet();
        return frame(offset, 1, true);
      });
      assertTrue(started.await(30, TimeUnit.SECONDS));
      final Thread closer = new Thread(() -> ahead.discard(1));
      closer.start();
      closer.join(200);
      assertTrue(closer.isAlive(), "discard returned while the read still ran");
      release.countDown();
      closer.join(30_000);
      assertEquals(1, ended.get());
      assertFalse(ahead.reading(1));
    }
  }

  @Test void whenEveryThreadIsBusyTheFetchReadsItself() throws Exception {
    try (FrameReadAhead ahead = new FrameReadAhead()) {
      final CountDownLatch release = new CountDownLatch(1);
      for (int id = 0; id < FrameReadAhead.THREADS; id++) {
        ahead.start(id, frame(0, 1, false), offset -> {
          release.await(30, TimeUnit.SECONDS);
          return frame(offset, 1, true);
        });
        assertTrue(ahead.reading(id));
      }
      ahead.start(99, frame(0, 1, false), offset -> frame(offset, 1, true));
      assertFalse(ahead.reading(99), "a ninth statement reads ahead");
      release.countDown();
      for (int id = 0; id < FrameReadAhead.THREADS; id++) {
        assertEquals(1, ((List<?>) ahead.take(id, 1, 100).rows).size());
      }
    }
  }
}
