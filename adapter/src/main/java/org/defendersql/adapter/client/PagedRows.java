package org.defendersql.adapter.client;

import java.io.IOException;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import okhttp3.HttpUrl;
import org.apache.calcite.linq4j.Enumerator;
import org.defendersql.adapter.cache.Storable;
import org.defendersql.adapter.odata.DefenderRequest;

/**
 * The rows of a request across its pages; a failure is thrown as the {@link java.sql.SQLException} a JDBC client
 * expects (see {@link JdbcErrors}), with the explained {@link DefenderException} as its cause: reads a page as a
 * stream, then follows {@code @odata.nextLink}.
 *
 * <p>A page that breaks after some of its rows were returned (dropped connection, truncated or malformed JSON)
 * is requested again and the rows already returned are skipped, so the result has each row exactly once; the
 * key of the last returned row is checked against the re-read page, and a page that changed meanwhile fails
 * the query rather than risk a wrong result.
 *
 * <p>Paging is guarded against the API's known next-link loop (on machines): a link already followed, or one
 * whose {@code $skip} does not advance, stops the query with an error instead of returning rows forever.
 */
final class PagedRows implements Enumerator<Object[]>, Storable {
  private final DefenderClient client;
  private final DefenderRequest request;
  private final RowShape shape;
  private final Cancel cancel;
  private final Set<String> followed = new HashSet<>();
  private final int keyIndex;
  private HttpUrl pageUrl;
  private RetryBudget budget;
  private PageReader page;
  private int returnedFromPage;
  private Object lastKey;
  private Object[] current;
  private boolean finished;
  private boolean notFound;

  PagedRows(DefenderClient client, DefenderRequest request, Cancel cancel) {
    this(client, request, cancel, false);
  }

  /** Rows whose collections of objects are lists of maps when {@code collectionsParsed}; see {@link RowShape}. */
  PagedRows(DefenderClient client, DefenderRequest request, Cancel cancel, boolean collectionsParsed) {
    this.client = client;
    this.request = request;
    this.shape = new RowShape(request.columns(), request.isSingle(), collectionsParsed);
    this.cancel = cancel;
    this.keyIndex = request.columns().indexOf(request.entity().key());
  }

  @Override public Object[] current() {
    return current;
  }

  @Override public boolean moveNext() {
    if (finished) {
      return false;
    }
    try {
      if (pageUrl == null) {
        startPage(client.firstPage(request));
      }
      while (true) {
        try {
          if (page == null) {
            reopen();
          }
          final Object[] row = page.next();
          if (row != null) {
            returnedFromPage++;
            lastKey = keyIndex >= 0 ? row[keyIndex] : null;
            current = row;
            return true;
          }
          final String link = page.nextLink();
          closePage();
          if (link == null) {
            finish();
            return false;
          }
          startPage(guard(client.nextPage(link, request)));
        } catch (IOException | PageBrokenException e) {
          closePage();
          if (cancel.cancelled()) {
            throw cancel.cancelledException(request.entity().tableName());
          }
          if (!budget.retry(null, cancel, request.entity().tableName(), "the page " + pageUrl.encodedPath() + "?"
              + pageUrl.query() + " broke after " + returnedFromPage + " rows (" + e.getMessage()
              + "); it is read again, skipping them")) {
            final DefenderException d = e instanceof DefenderException x ? x : client.failure(e, request);
            throw new DefenderException(d.kind(), d.getMessage() + " The page (" + pageUrl.encodedPath()
                + "?" + pageUrl.query() + ") broke after " + returnedFromPage + " of its rows were returned; no row"
                + " was returned twice." + budget.summary(), d.status(), d.fix(), e);
          }
        }
      }
    } catch (DefenderException e) {
      closePage();
      finished = true;
      throw JdbcErrors.raise(e);
    } catch (RuntimeException e) {
      closePage();
      finished = true;
      throw e;
    }
  }

  private void startPage(HttpUrl url) {
    pageUrl = url;
    followed.add(url.toString());
    budget = new RetryBudget(client.config().resilience());
    returnedFromPage = 0;
    lastKey = null;
  }

  /** Opens the current page, skipping the rows of it already returned by an attempt that broke. */
  private void reopen() throws IOException {
    page = client.open(pageUrl, request, shape, cancel, budget, () -> notFound = true);
    for (int i = 0; i < returnedFromPage; i++) {
      final Object[] row = page.next();
      if (row == null) {
        throw new DefenderException(ErrorKind.BROKEN_ANSWER, service() + "'s page " + pageUrl.encodedPath()
            + "?" + pageUrl.query() + " had fewer rows when read again (" + i + " instead of at least "
            + returnedFromPage + ") for " + request + "; the result would be incomplete, so the query stops. Run it"
            + " again.");
      }
      if (i == returnedFromPage - 1 && keyIndex >= 0 && !Objects.equals(row[keyIndex], lastKey)) {
        throw new DefenderException(ErrorKind.BROKEN_ANSWER, service() + "'s page " + pageUrl.encodedPath()
            + "?" + pageUrl.query() + " changed while it was read again for " + request + " (row " + (i + 1)
            + " was " + lastKey + ", now " + row[keyIndex] + "); the result could hold duplicates or gaps, so the"
            + " query stops. Run it again.");
      }
    }
  }

  /** The request's API as messages name it. */
  private String service() {
    return DefenderClient.service(request.entity().api());
  }

  /** Refuses a next link that repeats or does not advance: the API's paging loop. */
  private HttpUrl guard(HttpUrl next) {
    final long previousSkip = skip(pageUrl, 0);
    final long nextSkip = skip(next, -1);
    if (followed.contains(next.toString()) || nextSkip >= 0 && nextSkip <= previousSkip) {
      throw new DefenderException(ErrorKind.BROKEN_ANSWER, service() + "'s paging went in a loop (next-page link "
          + next
          + " repeats or does not advance past $skip=" + Math.max(previousSkip, 0) + ") for " + request
          + "; the result would be incomplete or endless, so the query stops. This is a known fault of the API"
          + " on machines: retry later, or narrow the query with a WHERE clause.");
    }
    return next;
  }

  /** The {@code $skip} of a page URL, {@code absent} when it has none, -1 when it is not a number. */
  private static long skip(HttpUrl url, long absent) {
    final String s = url.queryParameter("$skip");
    if (s == null) {
      return absent;
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private void finish() {
    finished = true;
    current = null;
  }

  private void closePage() {
    if (page != null) {
      try {
        page.close();
      } catch (IOException ignored) {
        // The rows are read; failing to close the socket changes nothing for the result.
      }
      page = null;
    }
  }

  /** A keyed read the API answered 404 is no rows now, but is not kept: the key may appear any moment. */
  @Override public boolean storable() {
    return !notFound;
  }

  @Override public void reset() {
    throw new UnsupportedOperationException("reset");
  }

  @Override public void close() {
    closePage();
    finished = true;
  }
}
