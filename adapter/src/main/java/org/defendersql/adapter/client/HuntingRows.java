package org.defendersql.adapter.client;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.linq4j.Enumerator;
import org.defendersql.adapter.config.HuntingSettings;
import org.defendersql.adapter.kql.KqlRequest;
import org.defendersql.model.settings.Setting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rows of a hunting request, never silently cut at the service's row cap. A failure is thrown as the
 * {@link java.sql.SQLException} a JDBC client expects (see {@link JdbcErrors}).
 *
 * <p>A request whose rows come one per table row in time order ({@link KqlRequest#continuable()}) is streamed: when
 * its answer holds as many rows as the cap, the service stopped there, at the earliest rows; the same query is
 * sent again for the time slice from the last row's millisecond on ({@code | where Timestamp >= ...}), and the rows
 * of that millisecond already returned are skipped (they are kept as a multiset, so equal rows count right). An
 * answer that breaks off is read on the same way, within the retry budget; one the service refuses as too large in
 * bytes (its 124 MB result size) is asked for again with {@code | take n}, n halved each time, and an answer of n
 * rows is read on like one cut at the cap. Every other answer (aggregations,
 * {@code top}, {@code take}, tables without a time column, {@code kql(...)}) is read whole before its first row is
 * returned, retried whole if it breaks, and fails with an explained {@link ErrorKind#LIMIT} error when it reaches the
 * cap, since no later request could complete it.
 */
final class HuntingRows implements Enumerator<Object[]> {
  private static final Logger LOG = LoggerFactory.getLogger(HuntingRows.class);
  /** The fewest rows a request too large in bytes is narrowed to before the query fails. */
  private static final int MIN_TAKE = 500;

  private final DefenderClient client;
  private final KqlRequest request;
  private final Cancel cancel;
  private final int maxRows;
  private final int maxRequests;
  private final int timeIndex;
  private int requests;
  private int continued;
  private Instant since;
  private HuntingAnswer answer;
  private Iterator<Object[]> buffered;
  private RetryBudget budget;
  private int answerRows;
  /** The rows each time-ordered request asks for with {@code take}, once an answer was too large; 0: all. */
  private int take;
  private long returned;
  private long lastMillis = Long.MIN_VALUE;
  private boolean ordered = true;
  private final Map<List<Object>, Integer> ties = new HashMap<>();
  private Map<List<Object>, Integer> skip = Map.of();
  private Object[] current;
  private boolean finished;

  HuntingRows(DefenderClient client, KqlRequest request, Cancel cancel) {
    final HuntingSettings settings = client.huntingSettings();
    this.client = client;
    this.request = request;
    this.cancel = cancel;
    this.maxRows = settings.maxRows();
    this.maxRequests = settings.maxRequests();
    this.timeIndex = request.continuable() ? indexOf(request, request.timeColumn()) : -1;
  }

  private static int indexOf(KqlRequest request, String column) {
    for (int i = 0; i < request.columns().size(); i++) {
      if (request.columns().get(i).name().equals(column)) {
        return i;
      }
    }
    throw new IllegalArgumentException("the answer lacks its time column " + column);
  }

  @Override public Object[] current() {
    return current;
  }

  @Override public boolean moveNext() {
    if (finished) {
      return false;
    }
    try {
      if (request.empty()) {
        finish();
        return false;
      }
      while (true) {
        if (answer == null && buffered == null) {
          open();
        }
        final Object[] row;
        if (buffered != null) {
          if (!buffered.hasNext()) {
            finish();
            return false;
          }
          row = buffered.next();
        } else {
          final Object[] next;
          try {
            next = answer.next();
          } catch (IOException | PageBrokenException e) {
            closeAnswer();
            readOnAfterBreak(e);
            continue;
          }
          if (next == null) {
            closeAnswer();
            if (answerRows >= (take > 0 ? take : maxRows)) {
              readOnAfterCap();
              continue;
            }
            finish();
            return false;
          }
          answerRows++;
          if (!accept(next)) {
            continue;
          }
          row = next;
        }
        returned++;
        current = row.length == request.visible() ? row : Arrays.copyOf(row, request.visible());
        return true;
      }
    } catch (DefenderException e) {
      close();
      throw JdbcErrors.raise(e);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Sends the request (or its continuation) and opens its answer; reads it whole when it cannot be read on. */
  private void open() {
    if (++requests > maxRequests) {
      throw tooManyRequests();
    }
    if (budget == null) {
      budget = new RetryBudget(client.config().resilience());
    }
    final String kql = request.text(since, take);
    final Target target = Target.hunting(request.table(), client.config().hunting().api(), kql);
    if (request.continuable()) {
      try {
        answer = hunt(kql, target);
      } catch (DefenderException e) {
        if (e.kind() != ErrorKind.LIMIT || e.status() != 400 || (take > 0 && take <= MIN_TAKE)) {
          throw e;
        }
        // Too many bytes: the same slice in fewer rows, read on from the last of them.
        take = Math.max(MIN_TAKE, (take > 0 ? take : maxRows) / 2);
        LOG.info("The hunting answer for {} exceeded the service's result size; asking for {} rows at a time",
            request.table(), take);
        requests--;
        open();
        return;
      }
      answerRows = 0;
      return;
    }
    while (true) {
      final HuntingAnswer whole = hunt(kql, target);
      final List<Object[]> rows = new ArrayList<>();
      try (whole) {
        for (Object[] r = whole.next(); r != null; r = whole.next()) {
          rows.add(r);
        }
      } catch (IOException | PageBrokenException e) {
        if (cancel.cancelled()) {
          throw cancel.cancelledException(request.table());
        }
        if (budget.retry(null, cancel, request.table(), target.requestLine() + ": the answer broke after "
            + rows.size() + " rows (" + e.getMessage() + "); it is asked for again")) {
          continue;
        }
        throw client.failure(e, target);
      }
      if (rows.size() >= maxRows) {
        throw new DefenderException(ErrorKind.LIMIT, "The hunting answer for " + request.table() + " reached the"
            + " service's cap of " + maxRows + " rows, so it may be incomplete, and an answer of this kind cannot"
            + " be read on in time slices (" + target.requestLine() + "): " + request.advice() + ".");
      }
      buffered = rows.iterator();
      return;
    }
  }

  private HuntingAnswer hunt(String kql, Target target) {
    try {
      return client.hunt(kql, request.timespan(since), request.columns(), target, cancel, budget);
    } catch (DefenderException e) {
      if (e.status() == 400 && e.getMessage().toLowerCase(Locale.ROOT).contains("result size")) {
        throw new DefenderException(ErrorKind.LIMIT, e.getMessage() + " The answer would exceed the service's"
            + " result size (124 MB): select fewer columns, or " + request.advice() + ".", 400, null, e);
      }
      throw e;
    }
  }

  /**
   * Whether a row of a time-ordered answer is new: not one of those of the continuation's first millisecond
   * already returned. Keeps the rows of the latest millisecond returned, for the next continuation.
   */
  private boolean accept(Object[] row) {
    final long t = (Long) row[timeIndex];
    final List<Object> key = Arrays.asList(row);
    if (t < lastMillis) {
      ordered = false;
    }
    if (since != null && t == since.toEpochMilli()) {
      final Integer left = skip.get(key);
      if (left != null) {
        if (left == 1) {
          skip.remove(key);
        } else {
          skip.put(key, left - 1);
        }
        return false;
      }
    }
    if (t > lastMillis) {
      lastMillis = t;
      ties.clear();
    }
    if (t == lastMillis) {
      ties.merge(key, 1, Integer::sum);
    }
    return true;
  }

  /** The answer held as many rows as the cap: the service stopped there; read on from the last row's time. */
  private void readOnAfterCap() {
    if (!ordered) {
      throw new DefenderException(ErrorKind.BROKEN_ANSWER, "The hunting answer for " + request.table()
          + " reached the cap of " + maxRows + " rows but was not in time order, so it cannot be read on (" + kql()
          + "). Narrow the query so that its answer stays under the cap.");
    }
    final Instant next = Instant.ofEpochMilli(lastMillis);
    if (since != null && next.equals(since)) {
      throw new DefenderException(ErrorKind.LIMIT, "More than " + (take > 0 ? take : maxRows) + " rows of "
          + request.table()
          + " share the millisecond " + KqlRequest.iso(next) + ", more than one hunting answer holds, so they"
          + " cannot be read in time slices (" + kql() + "): narrow the query with a WHERE on other columns.");
    }
    continued++;
    LOG.info("The hunting answer for {} reached the cap of {} rows; reading on from {} (request {})",
        request.table(), take > 0 ? take : maxRows, next, requests + 1);
    since = next;
    skip = new HashMap<>(ties);
    budget = null;
  }

  /** A time-ordered answer broke off: read on from the last row returned, within the retry budget. */
  private void readOnAfterBreak(Exception e) {
    if (cancel.cancelled()) {
      throw cancel.cancelledException(request.table());
    }
    if (!budget.retry(null, cancel, request.table(), "the hunting answer for " + request.table() + " broke after "
        + answerRows + " rows (" + e.getMessage() + "); it is read on from its last row's time")) {
      throw client.failure(e, Target.hunting(request.table(), client.config().hunting().api(), kql()));
    }
    if (answerRows > 0) {
      if (!ordered) {
        throw new DefenderException(ErrorKind.BROKEN_ANSWER, "The hunting answer for " + request.table()
            + " broke off and was not in time order, so it cannot be read on (" + kql() + "): run the query again.",
            e);
      }
      since = Instant.ofEpochMilli(lastMillis);
      skip = new HashMap<>(ties);
    }
    requests--; // the same slice, asked for again: a retry, not a new request
  }

  private DefenderException tooManyRequests() {
    final String from = request.from() == null ? "the start of the data" : KqlRequest.iso(request.from());
    final String at = since == null ? from : KqlRequest.iso(since);
    return new DefenderException(ErrorKind.LIMIT, "Reading " + request.table() + " needed more than " + maxRequests
        + " hunting requests of up to " + maxRows + " rows each (" + returned + " rows so far, the last request from "
        + at + "), more than one scan may send (" + Setting.HUNTING_MAX_REQUESTS.names() + "): narrow the query, e.g."
        + " WHERE " + request.timeColumn() + " >= TIMESTAMP '" + sqlTime(since == null ? request.from() : since)
        + "' AND " + request.timeColumn() + " < TIMESTAMP '" + sqlTime(request.to()) + "', or with a more selective"
        + " WHERE.");
  }

  private static String sqlTime(Instant t) {
    return t == null ? "..." : KqlRequest.iso(t).replace('T', ' ').replace("Z", "");
  }

  private String kql() {
    return request.text(since, take);
  }

  private void finish() {
    if (requests > 1 && LOG.isInfoEnabled()) {
      LOG.info("Read {} rows of {} in {} hunting requests ({} past the row cap of {})", returned, request.table(),
          requests, continued, maxRows);
    }
    finished = true;
    current = null;
  }

  private void closeAnswer() {
    if (answer != null) {
      try {
        answer.close();
      } catch (IOException ignored) {
        // the rows are read; failing to close the socket changes nothing for the result
      }
      answer = null;
    }
  }

  @Override public void reset() {
    throw new UnsupportedOperationException("reset");
  }

  @Override public void close() {
    closeAnswer();
    buffered = null;
    finished = true;
  }
}
