package org.defendersql.server;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.MissingResultsException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.defendersql.adapter.telemetry.ApiCalls;
import org.defendersql.server.security.RequestUser;

/**
 * Reads each open statement's next frame while its client decodes and reads the current one. Avatica's client
 * asks for a frame only once it has used up the last, so without this the server's reading (the API's pages,
 * Calcite) and the client's decoding take turns on a machine that could do both at once.
 *
 * <p>At most one frame is read ahead per statement, and at most {@link #THREADS} statements read ahead at once;
 * beyond that a fetch reads its frame itself, as without read-ahead. A frame read ahead is handed only to a fetch
 * from the offset it starts at; a failure while reading it is thrown to that fetch, where the client would have
 * met it.
 */
final class FrameReadAhead implements AutoCloseable {
  /** Statements reading ahead at once. */
  static final int THREADS = 8;
  /** How long closing a statement waits for its read-ahead to stop after it was cancelled. */
  private static final long STOP_SECONDS = 30;

  private final ThreadPoolExecutor pool = new ThreadPoolExecutor(0, THREADS, 30, TimeUnit.SECONDS,
      new SynchronousQueue<>(), r -> {
        final Thread t = new Thread(r, "defender-frame-read-ahead");
        t.setDaemon(true);
        return t;
      });
  private final Map<Integer, Ahead> ahead = new ConcurrentHashMap<>();

  /** Reads a statement's frame from an offset, as a fetch does. */
  interface FrameRead {
    Meta.Frame read(long offset) throws Exception;
  }

  /** The frame being read for a statement, and the offset of its first row. */
  private record Ahead(long offset, Future<Meta.Frame> frame) {
  }

  /**
   * Starts reading the frame after {@code served} for the statement, unless {@code served} was its last, rows read
   * ahead are still to be taken, or no thread is free.
   *
   * @param read reads the next frame from the given offset, on the thread it is called on
   */
  void start(int statementId, Meta.Frame served, FrameRead read) {
    if (served == null || served.done || ahead.containsKey(statementId)) {
      // The last frame, or the rest of a frame read ahead is still to be taken.
      return;
    }
    final long next = served.offset + cast(served.rows).size();
    final CompletableFuture<Meta.Frame> frame = new CompletableFuture<>();
    // For the client of this request: its user, and its statement's record of API calls.
    final Supplier<Meta.Frame> task = ApiCalls.propagating(RequestUser.propagating(() -> {
      try {
        return read.read(next);
      } catch (Exception e) {
        throw new Failed(e);
      }
    }));
    try {
      pool.execute(() -> {
        try {
          frame.complete(task.get());
        } catch (Failed f) {
          frame.completeExceptionally(f.getCause());
        } catch (Throwable t) {
          frame.completeExceptionally(t);
        }
      });
    } catch (RejectedExecutionException busy) {
      return;
    }
    ahead.put(statementId, new Ahead(next, frame));
  }

  /**
   * The frame read ahead for the statement, once read, with at most {@code maxRows} rows (the rest stays for the
   * next fetch); null when none is being read.
   *
   * @throws IllegalStateException if the client asks for rows other than those that come next
   */
  Meta.Frame take(int statementId, long offset, int maxRows)
      throws NoSuchStatementException, MissingResultsException {
    final Ahead a = ahead.remove(statementId);
    if (a == null) {
      return null;
    }
    final Meta.Frame frame = await(a.frame());
    if (a.offset() != offset) {
      throw new IllegalStateException("The client asked for the rows from row " + offset
          + " of the result, but the server's next rows start at row " + a.offset()
          + "; re-run the statement to read it again");
    }
    final List<Object> rows = cast(frame.rows);
    if (maxRows <= 0 || rows.size() <= maxRows) {
      return frame;
    }
    final long rest = offset + maxRows;
    ahead.put(statementId, new Ahead(rest, CompletableFuture.completedFuture(
        Meta.Frame.create(rest, frame.done, rows.subList(maxRows, rows.size())))));
    return Meta.Frame.create(offset, false, rows.subList(0, maxRows));
  }

  /**
   * Waits for the statement's read-ahead, if any, to end and forgets it: before the statement is closed (which
   * cancels its running request first, so the wait is short) or run again (which waits for one frame's read).
   */
  void discard(int statementId) {
    final Ahead a = ahead.remove(statementId);
    if (a == null) {
      return;
    }
    try {
      a.frame().get(STOP_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // A failed or stuck read of a statement being closed: nobody will read its rows.
    }
  }

  /** Whether the statement has a frame read ahead or being read (for tests). */
  boolean reading(int statementId) {
    return ahead.containsKey(statementId);
  }

  /** Forgets the frames read ahead for statements no longer open (closed with their connection, or expired). */
  void retain(java.util.Set<Integer> open) {
    ahead.keySet().retainAll(open);
  }

  @Override public void close() {
    pool.shutdownNow();
    ahead.clear();
  }

  private static Meta.Frame await(Future<Meta.Frame> frame)
      throws NoSuchStatementException, MissingResultsException {
    try {
      return frame.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the next rows", e);
    } catch (ExecutionException e) {
      // The failure as the fetch itself would have thrown it.
      if (e.getCause() instanceof NoSuchStatementException n) {
        throw n;
      }
      if (e.getCause() instanceof MissingResultsException m) {
        throw m;
      }
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Object> cast(Iterable<?> rows) {
    if (rows instanceof List<?> l) {
      return (List<Object>) l;
    }
    final List<Object> list = new java.util.ArrayList<>();
    rows.forEach(list::add);
    return list;
  }

  /** A checked failure of a read, carried out of a {@link Supplier}. */
  private static final class Failed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Failed(Exception cause) {
      super(cause);
    }
  }
}
