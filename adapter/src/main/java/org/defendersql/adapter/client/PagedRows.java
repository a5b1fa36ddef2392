package org.defendersql.adapter.client;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import okhttp3.HttpUrl;
import org.apache.calcite.linq4j.Enumerator;
import org.defendersql.adapter.odata.DefenderRequest;

/**
 * The rows of a request across its pages: reads a page as a stream, then follows {@code @odata.nextLink},
 * refusing a link it has already followed (the API has a known next-link loop on machines), which would
 * otherwise return the same rows forever.
 */
final class PagedRows implements Enumerator<Object[]> {
  private final DefenderClient client;
  private final DefenderRequest request;
  private final RowShape shape;
  private final Set<String> followed = new HashSet<>();
  private PageReader page;
  private Object[] current;
  private boolean started;
  private boolean finished;

  PagedRows(DefenderClient client, DefenderRequest request) {
    this.client = client;
    this.request = request;
    this.shape = new RowShape(request.columns());
  }

  @Override public Object[] current() {
    return current;
  }

  @Override public boolean moveNext() {
    if (finished) {
      return false;
    }
    try {
      if (!started) {
        started = true;
        open(client.firstPage(request));
      }
      while (true) {
        final Object[] row = page.next();
        if (row != null) {
          current = row;
          return true;
        }
        final String link = page.nextLink();
        closePage();
        if (link == null) {
          finished = true;
          current = null;
          return false;
        }
        if (!followed.add(link)) {
          throw new DefenderException("The Defender API's paging went in a loop (next-page link " + link
              + " came twice) for " + request + "; the result would be incomplete, so the query stops.");
        }
        open(client.nextPage(link, request));
      }
    } catch (IOException e) {
      closePage();
      throw client.failure(e, request);
    } catch (RuntimeException e) {
      closePage();
      throw e;
    }
  }

  private void open(HttpUrl url) {
    page = client.open(url, request, shape);
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

  @Override public void reset() {
    throw new UnsupportedOperationException("reset");
  }

  @Override public void close() {
    closePage();
    finished = true;
  }
}
