package org.defendersql.adapter.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.calcite.linq4j.Enumerator;

/**
 * The cache of complete API answers of one tenant and app identity, shared by every connection to it in the JVM.
 * An answer is stored only when its rows were read to the end (every page, or the one keyed object): a scan
 * stopped early (LIMIT, cancel) or failed stores nothing. Each answer lives for its table's time-to-live on this
 * cache's clock; the whole stays within a bound in estimated bytes, the least recently used answers evicted first,
 * and an answer larger than a quarter of the bound is not stored at all.
 *
 * <p>Identical requests in flight are sent once: the first becomes the leader and records its rows as its reader
 * consumes them; the others wait for it and read its stored answer. The wait is bounded: a leader that stops making
 * progress for {@link #STALL} (its reader is slow, or is the waiter itself), runs longer than {@link #MAX_WAIT}, or
 * ends without a complete answer lets the waiter send its own request. A waiter's cancel ends its wait at once.
 */
public final class AnswerCache {
  /** How long a waiter waits for a leader that has read no row meanwhile. */
  static final Duration STALL = Duration.ofSeconds(10);
  /** The longest a waiter waits for a leader however well it progresses. */
  static final Duration MAX_WAIT = Duration.ofMinutes(2);
  private static final long POLL_MILLIS = 50;

  /** Checks, while a request waits for an identical one in flight, whether its query was cancelled; throws if so. */
  @FunctionalInterface
  public interface Waiting {
    void check();
  }

  private final long maxBytes;
  private volatile LongSupplier clock;
  private final LinkedHashMap<AnswerKey, Answer> entries = new LinkedHashMap<>(16, 0.75f, true);
  /** The same answers, for looking one up without making it the most recently used (EXPLAIN). */
  private final Map<AnswerKey, Answer> index = new java.util.HashMap<>();
  private final Map<String, Set<AnswerKey>> byBase = new LinkedHashMap<>();
  private final ConcurrentMap<AnswerKey, Flight> flights = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private long bytes;
  final AtomicLong hits = new AtomicLong();
  final AtomicLong misses = new AtomicLong();
  final AtomicLong shared = new AtomicLong();
  final AtomicLong stored = new AtomicLong();
  final AtomicLong evicted = new AtomicLong();
  final AtomicLong expired = new AtomicLong();
  final AtomicLong tooLarge = new AtomicLong();

  /** A cache of at most {@code maxBytes} on the system's monotonic clock. */
  public AnswerCache(long maxBytes) {
    this(maxBytes, System::nanoTime);
  }

  /** A cache on the given clock (nanoseconds, monotonic), e.g. a virtual one in tests. */
  public AnswerCache(long maxBytes, LongSupplier clock) {
    this.maxBytes = maxBytes;
    this.clock = clock;
  }

  /** Runs this cache on another clock from now on: time-to-live tests move it by hand. */
  public void useClock(LongSupplier nanoClock) {
    this.clock = nanoClock;
  }

  /** The bound in estimated bytes. */
  public long maxBytes() {
    return maxBytes;
  }

  /** The largest answer stored: a quarter of the bound, so that one scan cannot flush everything else. */
  long largestAnswer() {
    return maxBytes / 4;
  }

  /**
   * The rows of a request: from a live stored answer whose columns cover it, else from the identical request in
   * flight, else sent with {@code send} and recorded. Nothing happens until the first {@code moveNext}.
   *
   * @param key     the request's identity
   * @param table   the table read, for the entries table
   * @param request the request as an analyst reads it, for the entries table
   * @param ttl     how long the answer may be served (zero: it is not stored)
   * @param send    opens the request's rows when the cache cannot serve them
   * @param waiting throws when the query is cancelled while it waits for an identical request in flight
   */
  public Enumerator<Object[]> rows(AnswerKey key, String table, String request, Duration ttl,
      Supplier<Enumerator<Object[]>> send, Waiting waiting) {
    return new Deferred(() -> open(key, table, request, ttl, send, waiting));
  }

  private Enumerator<Object[]> open(AnswerKey key, String table, String request, Duration ttl,
      Supplier<Enumerator<Object[]>> send, Waiting waiting) {
    final long maxAge = ttl.isNegative() ? 0 : ttl.toNanos();
    final Enumerator<Object[]> hit = serve(key, maxAge);
    if (hit != null) {
      return hit;
    }
    final Flight mine = new Flight();
    final Flight other = flights.putIfAbsent(key, mine);
    if (other == null) {
      misses.incrementAndGet();
      return record(key, table, request, ttl, send, mine);
    }
    if (other.thread != Thread.currentThread() && await(other, waiting) && other.answer != null) {
      shared.incrementAndGet();
      other.answer.hits.incrementAndGet();
      return new StoredRows(other.answer.rows, null);
    }
    final Enumerator<Object[]> later = serve(key, maxAge);
    if (later != null) {
      return later;
    }
    misses.incrementAndGet();
    return record(key, table, request, ttl, send, null);
  }

  private Enumerator<Object[]> record(AnswerKey key, String table, String request, Duration ttl,
      Supplier<Enumerator<Object[]>> send, Flight flight) {
    final Enumerator<Object[]> source;
    try {
      source = send.get();
    } catch (RuntimeException | Error e) {
      land(key, flight, null);
      throw e;
    }
    return new RecordingRows(this, source, key, table, request, ttl.isNegative() ? 0 : ttl.toNanos(), flight);
  }

  /**
   * Waits for a leader until it lands, stalls or runs too long; true when it landed. The query's cancel throws
   * out of the wait.
   */
  private static boolean await(Flight leader, Waiting waiting) {
    final long start = System.nanoTime();
    try {
      while (!leader.done.await(POLL_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS)) {
        waiting.check();
        final long now = System.nanoTime();
        if (now - leader.progress > STALL.toNanos() || now - start > MAX_WAIT.toNanos()) {
          return false;
        }
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      waiting.check();
      return false;
    }
  }

  /**
   * A live answer covering the key, no older than {@code maxAge} (the reader's time-to-live, which a connection's
   * {@code cacheTtl} may make shorter than the one the answer was stored with), served and counted as a hit; or
   * null.
   */
  private Enumerator<Object[]> serve(AnswerKey key, long maxAge) {
    final Answer a;
    final int[] projection;
    synchronized (this) {
      final Covering c = find(key, maxAge, true);
      if (c == null) {
        return null;
      }
      a = c.answer;
      projection = c.projection;
    }
    hits.incrementAndGet();
    a.hits.incrementAndGet();
    return new StoredRows(a.rows, projection);
  }

  /**
   * Whether a live answer covers the key now, for EXPLAIN: neither counted, nor made recent, nor expired here.
   */
  public synchronized boolean covers(AnswerKey key, Duration ttl) {
    return find(key, ttl.isNegative() ? 0 : ttl.toNanos(), false) != null;
  }

  /** A stored answer and which of its columns, in which order, make the requested row (null: all of them). */
  private record Covering(Answer answer, int[] projection) {
  }

  private Covering find(AnswerKey key, long maxAge, boolean touch) {
    final long now = clock.getAsLong();
    final Answer exact = touch ? entries.get(key) : peek(key);
    if (exact != null) {
      if (!exact.expired(now) && now - exact.storedAtNanos < maxAge) {
        return new Covering(exact, null);
      }
      if (touch && exact.expired(now)) {
        remove(exact);
        expired.incrementAndGet();
      }
    }
    final Set<AnswerKey> siblings = byBase.get(key.base());
    if (siblings == null) {
      return null;
    }
    for (AnswerKey k : List.copyOf(siblings)) {
      if (k.equals(key) || !k.columns().containsAll(key.columns())) {
        continue;
      }
      final Answer a = touch ? entries.get(k) : peek(k);
      if (a == null) {
        continue;
      }
      if (a.expired(now) || now - a.storedAtNanos >= maxAge) {
        if (touch && a.expired(now)) {
          remove(a);
          expired.incrementAndGet();
        }
        continue;
      }
      final int[] projection = new int[key.columns().size()];
      for (int i = 0; i < projection.length; i++) {
        projection[i] = k.columns().indexOf(key.columns().get(i));
      }
      return new Covering(a, projection);
    }
    return null;
  }

  /** An entry without making it the most recently used. */
  private Answer peek(AnswerKey key) {
    return index.get(key);
  }

  /** Stores a complete answer, evicting the least recently used ones to stay within the bound. */
  void store(AnswerKey key, String table, String request, List<Object[]> rows, long size, long ttlNanos,
      Flight flight) {
    Answer answer = null;
    if (ttlNanos > 0 && size <= largestAnswer()) {
      answer = new Answer(ids.incrementAndGet(), key, table, request, rows, size, clock.getAsLong(), ttlNanos);
      synchronized (this) {
        final Answer old = entries.get(key);
        if (old != null) {
          remove(old);
        }
        entries.put(key, answer);
        index.put(key, answer);
        byBase.computeIfAbsent(key.base(), b -> new LinkedHashSet<>()).add(key);
        bytes += size;
        final Iterator<Answer> lru = entries.values().iterator();
        while (bytes > maxBytes && lru.hasNext()) {
          final Answer victim = lru.next();
          if (victim == answer) {
            break;
          }
          lru.remove();
          forget(victim);
          evicted.incrementAndGet();
        }
      }
      stored.incrementAndGet();
    } else if (ttlNanos > 0) {
      tooLarge.incrementAndGet();
    }
    land(key, flight, answer);
  }

  /** Ends a flight: its waiters read the answer, or send their own when it is null. */
  void land(AnswerKey key, Flight flight, Answer answer) {
    if (flight != null) {
      flight.answer = answer;
      flight.done.countDown();
      flights.remove(key, flight);
    }
  }

  /** An answer grew past the largest stored: counted, not kept. */
  void tooLarge() {
    tooLarge.incrementAndGet();
  }

  private void remove(Answer a) {
    entries.remove(a.key);
    forget(a);
  }

  private void forget(Answer a) {
    index.remove(a.key);
    bytes -= a.bytes;
    final Set<AnswerKey> siblings = byBase.get(a.key.base());
    if (siblings != null) {
      siblings.remove(a.key);
      if (siblings.isEmpty()) {
        byBase.remove(a.key.base());
      }
    }
  }

  /** Removes every answer (not the requests in flight); returns how many were removed. */
  public synchronized int clear() {
    final int n = entries.size();
    entries.clear();
    index.clear();
    byBase.clear();
    bytes = 0;
    return n;
  }

  /** The entries as the {@code cache_entries} table shows them, oldest use first; expired ones included. */
  synchronized List<Object[]> entryRows() {
    final long now = clock.getAsLong();
    final List<Object[]> out = new ArrayList<>();
    for (Answer a : entries.values()) {
      out.add(new Object[] {a.id, a.table, a.request, (long) a.rows.size(), a.bytes,
          (now - a.storedAtNanos) / 1e9, a.ttlNanos / 1e9, a.hits.get(), a.expired(now)});
    }
    return out;
  }

  /** The totals as the {@code cache_stats} table shows them. */
  synchronized Object[] statsRow() {
    final long h = hits.get() + shared.get();
    final long m = misses.get();
    return new Object[] {hits.get(), shared.get(), m, h + m == 0 ? null : (double) h / (h + m),
        (long) entries.size(), bytes, maxBytes, stored.get(), evicted.get(), expired.get(), tooLarge.get(),
        (long) flights.size()};
  }

  /** The estimated bytes of the answers stored now. */
  public synchronized long bytes() {
    return bytes;
  }

  /** A request in flight that identical requests wait for. */
  static final class Flight {
    final Thread thread = Thread.currentThread();
    final java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
    volatile Answer answer;
    volatile long progress = System.nanoTime();
  }

  /** Rows opened on first use: a request is decided (cache, flight or network) only when its rows are read. */
  private static final class Deferred implements Enumerator<Object[]> {
    private final Supplier<Enumerator<Object[]>> opener;
    private Enumerator<Object[]> rows;
    private boolean closed;

    Deferred(Supplier<Enumerator<Object[]>> opener) {
      this.opener = opener;
    }

    @Override public Object[] current() {
      return rows.current();
    }

    @Override public boolean moveNext() {
      if (closed) {
        return false;
      }
      if (rows == null) {
        rows = opener.get();
      }
      return rows.moveNext();
    }

    @Override public void reset() {
      throw new UnsupportedOperationException("reset");
    }

    @Override public void close() {
      closed = true;
      if (rows != null) {
        rows.close();
      }
    }
  }
}
