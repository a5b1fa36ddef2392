package org.defendersql.adapter.client;

import org.defendersql.model.settings.Setting;
import com.fasterxml.jackson.core.JsonFactory;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.tls.HandshakeCertificates;
import org.apache.calcite.linq4j.Enumerator;
import org.defendersql.adapter.config.DefenderConnectionConfig;
import org.defendersql.adapter.config.Durations;
import org.defendersql.adapter.config.Resilience;
import org.defendersql.adapter.odata.DefenderRequest;
import org.defendersql.model.Entity;

/**
 * The Defender API of one tenant: sends {@link DefenderRequest}s with a bearer token and returns their rows,
 * following {@code @odata.nextLink} page by page. Every call waits for the process-wide call budget of the app
 * ({@link RateLimiters}); a failed page request is retried alone (429 after {@code Retry-After}, 5xx, timeouts
 * and dropped connections with back-off; 401 once with a fresh token). One instance serves every connection
 * with the same settings (see {@link DefenderClients}); it is thread-safe.
 */
public final class DefenderClient {
  private final DefenderConnectionConfig config;
  private final HttpUrl base;
  private final OkHttpClient http;
  private final TokenProvider tokens;
  private final JsonFactory json = new JsonFactory();

  DefenderClient(DefenderConnectionConfig config) {
    this.config = config;
    this.base = HttpUrl.get(config.serverUrl().toString());
    final HandshakeCertificates trust = TlsTrust.of(config.caCertFile());
    final Resilience r = config.resilience();
    this.http = new OkHttpClient.Builder()
        .sslSocketFactory(trust.sslSocketFactory(), trust.trustManager())
        .connectTimeout(r.connectTimeout())
        .readTimeout(r.readTimeout())
        .followRedirects(false)
        // OkHttp's own silent retries would escape both the call budget and the bound on retries.
        .retryOnConnectionFailure(false)
        .build();
    this.tokens = new TokenProvider(config, trust);
  }

  /** The settings this client was made for. */
  public DefenderConnectionConfig config() {
    return config;
  }

  /** The rows of a request, read lazily page by page; each row holds the request's columns in order. */
  public Enumerator<Object[]> rows(DefenderRequest request) {
    return rows(request, null);
  }

  /**
   * The rows of a request, stopped when {@code cancel} becomes true (pass Calcite's
   * {@code DataContext.Variable.CANCEL_FLAG}): waits end and the outstanding HTTP call is cancelled.
   */
  public Enumerator<Object[]> rows(DefenderRequest request, AtomicBoolean cancel) {
    return new PagedRows(this, request, Cancel.of(cancel));
  }

  /**
   * The rows of a request, stopped when {@code cancel} becomes true or {@code timeoutMillis} have passed (pass
   * Calcite's {@code DataContext.Variable.CANCEL_FLAG} and {@code DataContext.Variable.TIMEOUT}; null and 0 for
   * none).
   */
  public Enumerator<Object[]> rows(DefenderRequest request, AtomicBoolean cancel, long timeoutMillis) {
    return new PagedRows(this, request, Cancel.of(cancel, timeoutMillis));
  }

  /** Gets a token now: the first step of "test connection"; throws the explained Azure AD error. */
  public void checkToken() {
    tokens.token();
  }

  /**
   * Reads one row of an entity ({@code GET path?$top=1}) with the usual retries, and answers whether it
   * worked: the first step of any scan, and so the probe of the entity's read permission.
   *
   * @throws DefenderException explaining why not
   */
  public void probe(Entity entity) {
    final Target target = Target.probe(entity);
    final HttpUrl url = base.newBuilder().encodedPath(entity.path()).addQueryParameter("$top", "1").build();
    final RowShape shape = new RowShape(java.util.List.of(entity.key()));
    try (PageReader page = open(url, target, shape, Cancel.NONE, new RetryBudget(config.resilience()))) {
      while (page.next() != null) {
        // reading the row proves the answer is a well-formed page
      }
    } catch (IOException e) {
      throw failure(e, target);
    }
  }

  /** The absolute URL of a request's first page. */
  HttpUrl firstPage(DefenderRequest request) {
    final HttpUrl.Builder b = base.newBuilder().encodedPath(request.path());
    for (String[] option : request.queryOptions()) {
      b.addQueryParameter(option[0], option[1]);
    }
    return b.build();
  }

  /**
   * The URL of a next page, refused when it leaves the API's host: the bearer token must never be sent
   * anywhere else.
   */
  HttpUrl nextPage(String link, DefenderRequest request) {
    final HttpUrl url = HttpUrl.parse(link);
    if (url == null || !url.host().equalsIgnoreCase(base.host()) || url.port() != base.port()
        || !url.scheme().equals(base.scheme())) {
      throw new DefenderException(ErrorKind.BROKEN_ANSWER,
          "The Defender API sent a next-page link outside " + base + " for "
          + request + "; it was not followed.");
    }
    return url;
  }

  /**
   * Opens a page, retrying within the budget; the caller reads and closes it. Throws an explained
   * {@link DefenderException} when the page cannot be had.
   */
  PageReader open(HttpUrl url, Target target, RowShape shape, Cancel cancel, RetryBudget budget) {
    final RateLimiter limiter = RateLimiters.of(config, ApiFamily.of(url.encodedPath()));
    boolean refreshed = false;
    while (true) {
      cancel.check(target.table());
      // The token first: its fetch can take seconds, and a permit taken before it would let the call reach the
      // API later than the limiter counted it, eating the window's margin.
      tokens.token();
      limiter.acquire(cancel, target.table());
      final Call call = http.newCall(new Request.Builder().url(url)
          .header("Authorization", "Bearer " + tokens.token()) // cached; fetched again only after a long wait
          .header("Accept", "application/json")
          .build());
      final Closeable watch = cancel.watch(call);
      final Response response;
      try {
        response = call.execute();
      } catch (IOException e) {
        closeQuietly(watch);
        if (cancel.cancelled()) {
          throw cancel.cancelledException(target.table());
        }
        if (retryable(e) && budget.retry(null, cancel, target.table(), target.requestLine() + ": " + e)) {
          continue;
        }
        throw withSummary(failure(e, target), budget);
      }
      final int status = response.code();
      if (status == 200) {
        try {
          return new PageReader(response.body().byteStream(), () -> {
            try {
              response.close();
            } finally {
              closeQuietly(watch);
            }
          }, shape, json);
        } catch (IOException | PageBrokenException e) {
          response.close();
          closeQuietly(watch);
          if (cancel.cancelled()) {
            throw cancel.cancelledException(target.table());
          }
          if (budget.retry(null, cancel, target.table(), target.requestLine() + ": " + e.getMessage())) {
            continue;
          }
          throw withSummary(e instanceof DefenderException d ? d : failure(e, target), budget);
        }
      }
      final DefenderException explained;
      try (Response r = response) {
        explained = ApiErrors.explain(r, target, json);
      } finally {
        closeQuietly(watch);
      }
      if (status == 401 && !refreshed) {
        // A token can be revoked or expire early; one retry with a new token tells that from a real refusal.
        refreshed = true;
        tokens.invalidate();
        continue;
      }
      if (status == 429 || status == 500 || status == 502 || status == 503 || status == 504) {
        final Duration retryAfter = retryAfter(response);
        if (retryAfter != null) {
          // Every query of this app waits, not only this one: the quota is the app's.
          limiter.pause(retryAfter.toNanos());
        }
        if (budget.retry(retryAfter, cancel, target.table(), withoutFix(explained))) {
          continue;
        }
        throw withSummary(explained, budget);
      }
      throw explained;
    }
  }

  PageReader open(HttpUrl url, DefenderRequest request, RowShape shape, Cancel cancel, RetryBudget budget) {
    try {
      return open(url, Target.of(request), shape, cancel, budget);
    } catch (DefenderException e) {
      if (request.lookup() != null && e.status() == 404) {
        // A key the API does not know (an unknown file, or machine): no rows, as SQL expects of a lookup.
        try {
          return PageReader.empty(shape, json);
        } catch (IOException impossible) {
          throw new IllegalStateException(impossible);
        }
      }
      throw e;
    }
  }

  /** The {@code Retry-After} seconds of an answer, or null when absent or not a number of seconds. */
  private static Duration retryAfter(Response response) {
    final String value = response.header("Retry-After");
    if (value == null) {
      return null;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Failures that a later attempt may not meet: timeouts, resets, dropped connections; not DNS, TLS or refusal. */
  static boolean retryable(IOException e) {
    return !(e instanceof UnknownHostException || e instanceof SSLHandshakeException
        || e instanceof SSLPeerUnverifiedException || e instanceof ConnectException);
  }

  private static DefenderException withSummary(DefenderException e, RetryBudget budget) {
    final String summary = budget.summary();
    if (summary.isEmpty()) {
      return e;
    }
    return new DefenderException(e.kind(), e.getMessage() + summary, e.status(), e.fix(),
        e.getCause() != null ? e.getCause() : e);
  }

  /** The message without its closing advice, which is meant for the final failure, not for a retry. */
  private static String withoutFix(DefenderException e) {
    final String m = e.getMessage();
    return e.fix() != null && m.endsWith(e.fix()) ? m.substring(0, m.length() - e.fix().length()).trim() : m;
  }

  private static void closeQuietly(Closeable c) {
    try {
      c.close();
    } catch (IOException ignored) {
      // releasing a watch or a socket changes nothing for the result
    }
  }

  DefenderException failure(Exception e, DefenderRequest request) {
    return failure(e, Target.of(request));
  }

  /** Explains a transport failure: the host, the TLS trust or the connection. */
  DefenderException failure(Exception e, Target target) {
    final String what = "Cannot read " + target.table() + " from the Defender API at " + base;
    final String fix;
    final String cause;
    if (e instanceof UnknownHostException) {
      cause = "unknown host";
      fix = "Check the Server URL (" + Setting.SERVER_URL.names() + ") and the DNS.";
    } else if (e instanceof ConnectException) {
      cause = "connection refused";
      fix = "Check the Server URL (" + Setting.SERVER_URL.names() + "), its port, proxies and the network.";
    } else if (e instanceof SSLException) {
      cause = "its TLS certificate is not trusted or the TLS handshake failed (" + e.getMessage() + ")";
      fix = "Behind TLS inspection, give the inspecting CA as " + Setting.CA_CERT.names() + ".";
    } else if (e instanceof InterruptedIOException) {
      cause = "the request timed out (" + target.requestLine() + "; connectTimeout "
          + Durations.format(config.resilience().connectTimeout()) + ", readTimeout "
          + Durations.format(config.resilience().readTimeout()) + ")";
      fix = "The service or the network is slow: retry later, or raise " + Setting.READ_TIMEOUT.names() + ".";
    } else {
      cause = "the connection failed (" + e + "; " + target.requestLine() + ")";
      fix = "Retry later; if it persists, check proxies and the network.";
    }
    return new DefenderException(ErrorKind.UNAVAILABLE, what + ": " + cause + ". " + fix, 0, fix, e);
  }
}
