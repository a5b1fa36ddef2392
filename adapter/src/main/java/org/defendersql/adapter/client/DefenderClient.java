package org.defendersql.adapter.client;

import com.fasterxml.jackson.core.JsonFactory;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.tls.HandshakeCertificates;
import org.apache.calcite.linq4j.Enumerator;
import org.defendersql.adapter.cache.AnswerCache;
import org.defendersql.adapter.cache.AnswerCaches;
import org.defendersql.adapter.cache.AnswerKey;
import org.defendersql.adapter.config.DefenderConnectionConfig;
import org.defendersql.adapter.config.Durations;
import org.defendersql.adapter.config.HuntingApi;
import org.defendersql.adapter.config.HuntingSettings;
import org.defendersql.adapter.config.Resilience;
import org.defendersql.adapter.kql.KqlColumn;
import org.defendersql.adapter.kql.KqlRequest;
import org.defendersql.adapter.odata.DefenderRequest;
import org.defendersql.model.Api;
import org.defendersql.model.CacheTtls;
import org.defendersql.model.Column;
import org.defendersql.model.Entity;
import org.defendersql.model.hunting.HuntingModel;
import org.defendersql.model.settings.Setting;

/**
 * The web APIs of one tenant: sends {@link DefenderRequest}s with a bearer token and returns their rows,
 * following {@code @odata.nextLink} page by page, each to the root of its table's API (the Defender API, or
 * Microsoft Graph for the {@code graph_*} tables) with a token of that API's audience; and its advanced hunting,
 * through Microsoft Graph or the Defender API, with a token of the backend's audience from the same credential.
 * Every call waits for the process-wide call budget of the app and API family ({@link RateLimiters}); a failed
 * page request is retried alone (429 after {@code Retry-After}, 5xx, timeouts and dropped connections with
 * back-off; 401 once with a fresh token). One instance serves every connection with the same settings (see
 * {@link DefenderClients}); it is thread-safe.
 */
public final class DefenderClient {
  /** Hunting queries may hold any Unicode: the body says it is UTF-8. */
  private static final MediaType JSON_UTF8 = MediaType.get("application/json; charset=utf-8");

  private final DefenderConnectionConfig config;
  private final HttpUrl base;
  private final OkHttpClient http;
  private final TokenProvider tokens;
  private final TokenProvider graphTokens;
  private final HttpUrl graphBase;
  private final JsonFactory json = new JsonFactory();
  private final AnswerCache cache;

  DefenderClient(DefenderConnectionConfig config) {
    this.config = config;
    // One cache per tenant and app identity: every setting but the cache's own is in the config's text (the
    // secret masked), and the secret itself tells two apps' credentials apart.
    this.cache = AnswerCaches.of(java.util.Arrays.asList(config.toString(), config.clientSecret()),
        config.cache().maxBytes());
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
        // ... but a request that fails on a pooled connection gone stale while idle is sent again at once.
        .addNetworkInterceptor(new StaleConnections())
        .addInterceptor(org.defendersql.adapter.telemetry.ApiCalls.interceptor())
        .build();
    this.tokens = new TokenProvider(config, trust);
    this.graphTokens = tokens.forScope(config.hunting().graphScope());
    this.graphBase = HttpUrl.get(config.hunting().graphUrl().toString());
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
    final Cancel c = Cancel.of(cancel);
    return cached(request, false, c, () -> new PagedRows(this, request, c));
  }

  /**
   * The rows of a request, stopped when {@code cancel} becomes true or {@code timeoutMillis} have passed (pass
   * Calcite's {@code DataContext.Variable.CANCEL_FLAG} and {@code DataContext.Variable.TIMEOUT}; null and 0 for
   * none).
   */
  public Enumerator<Object[]> rows(DefenderRequest request, AtomicBoolean cancel, long timeoutMillis) {
    final Cancel c = Cancel.of(cancel, timeoutMillis);
    return cached(request, false, c, () -> new PagedRows(this, request, c));
  }

  /**
   * As {@link #rows(DefenderRequest, AtomicBoolean, long)}, with each collection of objects (alerts' evidence)
   * read once, as a list of maps, for the rows nested in it: parsed straight from the page, never written to
   * text and parsed again.
   */
  public Enumerator<Object[]> rowsWithCollections(DefenderRequest request, AtomicBoolean cancel,
      long timeoutMillis) {
    final Cancel c = Cancel.of(cancel, timeoutMillis);
    return cached(request, true, c, () -> new PagedRows(this, request, c, true));
  }

  /** The shared cache of this client's tenant and app: every connection with the same identity uses it. */
  public AnswerCache cache() {
    return cache;
  }

  /**
   * Whether a request would be answered from the cache now, as EXPLAIN prints it: {@code off}, {@code hit},
   * {@code miss}, or {@code at execution} when its values are known only then (parameters); a keyed request is a
   * hit when every key is.
   */
  public String cacheState(DefenderRequest request) {
    if (!config.cache().on()) {
      return "off";
    }
    if (request.filter() != null && !request.filter().isBound() || !request.keySlots().isEmpty()
        || request.pageSlots() != null) {
      return "at execution";
    }
    final java.time.Duration ttl = config.cache().ttl(CacheTtls.of(request.entity()));
    if (request.lookup() != null && request.path().equals(request.lookup().pathTemplate())) {
      if (request.keys().isEmpty()) {
        return "miss";
      }
      for (String k : request.keys()) {
        if (!request.lookup().accepts(k) || !cache.covers(answerKey(request.forKey(k), false), ttl)) {
          return "miss";
        }
      }
      return "hit";
    }
    return cache.covers(answerKey(request, false), ttl) ? "hit" : "miss";
  }

  /** A request's rows from the cache, from an identical request in flight, or sent, as the settings allow. */
  private Enumerator<Object[]> cached(DefenderRequest request, boolean collectionsParsed, Cancel cancel,
      java.util.function.Supplier<Enumerator<Object[]>> send) {
    if (!config.cache().on() || request.lookup() != null && request.path().equals(request.lookup().pathTemplate())) {
      return send.get();
    }
    final String table = request.entity().tableName();
    return cache.rows(answerKey(request, collectionsParsed), table, request.toString(),
        config.cache().ttl(CacheTtls.of(request.entity())), send, () -> {
          if (cancel.cancelled()) {
            throw JdbcErrors.raise(cancel.cancelledException(table));
          }
        });
  }

  /**
   * A request's identity in the cache: its table, API root, path and query options but {@code $select} and
   * {@code $expand}, which its columns decide, and the form of its rows.
   */
  private AnswerKey answerKey(DefenderRequest request, boolean collectionsParsed) {
    final String base = request.entity().tableName() + " GET " + root(request.entity().api()) + request.path()
        + " filter=" + (request.filter() == null ? "" : request.filter().text()) + " orderby=" + request.orderBy()
        + " top=" + request.top() + " skip=" + request.skip() + " single=" + request.isSingle() + " parsed="
        + collectionsParsed;
    return new AnswerKey(base, request.columns().stream().map(Column::sqlName).toList());
  }

  /** Gets a token now: the first step of "test connection"; throws the explained Azure AD error. */
  public void checkToken() {
    tokens.token();
  }

  /** Gets a Microsoft Graph token now: "test connection" of a Graph-only configuration. */
  public void checkGraphToken() {
    graphTokens.token();
  }

  /**
   * Reads one row of an entity ({@code GET path?$top=1}, on its API's root) with the usual retries, and answers
   * whether it worked: the first step of any scan, and so the probe of the entity's read permission.
   *
   * @throws DefenderException explaining why not
   */
  public void probe(Entity entity) {
    final Target target = Target.probe(entity);
    final HttpUrl.Builder probe = root(entity.api()).newBuilder().encodedPath(entity.path());
    if (entity.accepts(org.defendersql.model.QueryOption.TOP)) {
      probe.addQueryParameter("$top", "1"); // the scores take no option: they are one object anyway
    }
    final HttpUrl url = probe.build();
    final RowShape shape = new RowShape(java.util.List.of(entity.key()), entity.singleObject());
    try (PageReader page = open(url, target, shape, Cancel.NONE, new RetryBudget(config.resilience()))) {
      while (page.next() != null) {
        // reading the row proves the answer is a well-formed page
      }
    } catch (IOException e) {
      throw failure(e, target);
    }
  }

  /** The root the paths of an API's tables hang from: the Server URL, or the Graph root. */
  private HttpUrl root(Api api) {
    return api == Api.GRAPH ? graphBase : base;
  }

  /** The absolute URL of a request's first page. */
  HttpUrl firstPage(DefenderRequest request) {
    final String path = request.path();
    final int query = path.indexOf('?');
    // A key in the query string (findbytag?tag=...) is already encoded in the path the lookup made.
    final HttpUrl.Builder b = root(request.entity().api()).newBuilder()
        .encodedPath(query < 0 ? path : path.substring(0, query));
    if (query >= 0) {
      b.encodedQuery(path.substring(query + 1));
    }
    for (String[] option : request.queryOptions()) {
      b.addQueryParameter(option[0], option[1]);
    }
    return b.build();
  }

  /**
   * The URL of a next page, refused when it leaves the host of the request's API (the Server URL's, or the
   * Graph root's): the bearer token must never be sent anywhere else.
   */
  HttpUrl nextPage(String link, DefenderRequest request) {
    final HttpUrl root = root(request.entity().api());
    final HttpUrl url = HttpUrl.parse(link);
    if (url == null || !url.host().equalsIgnoreCase(root.host()) || url.port() != root.port()
        || !url.scheme().equals(root.scheme())) {
      throw new DefenderException(ErrorKind.BROKEN_ANSWER,
          service(request.entity().api()) + " sent a next-page link outside " + root + " for "
          + request + "; it was not followed.");
    }
    return url;
  }

  /** The API as messages name it. */
  static String service(Api api) {
    return api == Api.GRAPH ? "Microsoft Graph" : "The Defender API";
  }

  /** Opens the body of a 200 answer for reading; a body that breaks at once throws, and is asked for again. */
  @FunctionalInterface
  interface AnswerOpener<T> {
    T open(InputStream body, Closeable release) throws IOException;
  }

  /**
   * Opens a page, retrying within the budget; the caller reads and closes it. Throws an explained
   * {@link DefenderException} when the page cannot be had.
   */
  PageReader open(HttpUrl url, Target target, RowShape shape, Cancel cancel, RetryBudget budget) {
    final String service = target.graph() ? "Microsoft Graph" : "The Defender API";
    return exchange(token -> new Request.Builder().url(url)
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json")
        .build(), target.graph() ? graphTokens : tokens, ApiFamily.of(url.encodedPath()), target, cancel, budget,
        (body, release) -> new PageReader(body, release, shape, json, service));
  }

  /**
   * Sends a request (made anew for each attempt with the current token) and opens its answer, retrying within the
   * budget: 429 after {@code Retry-After}, 5xx, timeouts, dropped connections and bodies that break at once with
   * back-off; 401 once with a fresh token. Every attempt waits for the family's call budget.
   */
  private <T> T exchange(java.util.function.Function<String, Request> request, TokenProvider tokenSource,
      ApiFamily family, Target target, Cancel cancel, RetryBudget budget, AnswerOpener<T> opener) {
    final RateLimiter limiter = RateLimiters.of(config, family);
    boolean refreshed = false;
    boolean staleRetried = false;
    while (true) {
      cancel.check(target.table());
      // The token first: its fetch can take seconds, and a permit taken before it would let the call reach the
      // API later than the limiter counted it, eating the window's margin.
      tokenSource.token();
      limiter.acquire(cancel, target.table());
      // cached; fetched again only after a long wait
      final Call call = http.newCall(request.apply(tokenSource.token()));
      final Closeable watch = cancel.watch(call);
      final Response response;
      try {
        response = call.execute();
      } catch (IOException thrown) {
        closeQuietly(watch);
        if (cancel.cancelled()) {
          throw cancel.cancelledException(target.table());
        }
        if (thrown instanceof StaleConnections.Stale && !staleRetried) {
          // Idle connections of the pool are as old as this one: a fresh connection, at once, not counted.
          staleRetried = true;
          http.connectionPool().evictAll();
          continue;
        }
        final IOException e = thrown instanceof StaleConnections.Stale s ? s.failure() : thrown;
        if (retryable(e) && budget.retry(null, cancel, target.table(), target.requestLine() + ": " + e)) {
          continue;
        }
        throw withSummary(failure(e, target), budget);
      }
      final int status = response.code();
      if (status == 200) {
        try {
          return opener.open(response.body().byteStream(), () -> {
            try {
              response.close();
            } finally {
              closeQuietly(watch);
            }
          });
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
        } catch (RuntimeException e) {
          response.close();
          closeQuietly(watch);
          throw e;
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
        tokenSource.invalidate();
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

  /** Opens a page of a request; a key the API does not know is an empty page, and {@code notFound} is told. */
  PageReader open(HttpUrl url, DefenderRequest request, RowShape shape, Cancel cancel, RetryBudget budget,
      Runnable notFound) {
    try {
      return open(url, Target.of(request), shape, cancel, budget);
    } catch (DefenderException e) {
      if (request.lookup() != null && e.status() == 404) {
        // A key the API does not know (an unknown file, or machine): no rows, as SQL expects of a lookup.
        notFound.run();
        try {
          return PageReader.empty(shape, json);
        } catch (IOException impossible) {
          throw new IllegalStateException(impossible);
        }
      }
      throw e;
    }
  }

  /** The hunting backend's endpoint: Graph's {@code runHuntingQuery}, or the Defender API's advanced queries. */
  private HttpUrl huntingUrl() {
    final HuntingApi api = config.hunting().api();
    return (api == HuntingApi.GRAPH ? graphBase : base).newBuilder().encodedPath(api.path).build();
  }

  /**
   * Sends one hunting query and opens its answer, whose schema is read and checked against {@code expected} (or
   * taken as it is, when null); the caller reads and closes it. Graph gets the {@code Timespan}, the Defender API
   * none (its KQL carries the window).
   */
  HuntingAnswer hunt(String kql, String timespan, List<KqlColumn> expected, Target target, Cancel cancel,
      RetryBudget budget) {
    final HuntingApi api = config.hunting().api();
    final HttpUrl url = huntingUrl();
    final byte[] body = HuntingAnswer.requestBody(json, kql, api.takesTimespan ? timespan : null);
    return exchange(token -> new Request.Builder().url(url)
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json")
        .post(RequestBody.create(body, JSON_UTF8))
        .build(), api == HuntingApi.GRAPH ? graphTokens : tokens, ApiFamily.ADVANCED_HUNTING, target, cancel, budget,
        (in, release) -> new HuntingAnswer(in, release, expected, json, target));
  }

  /**
   * The rows of a hunting request, stopped when {@code cancel} becomes true or {@code timeoutMillis} have passed;
   * an answer cut at the row cap is read on in later time slices (see {@link HuntingRows}).
   */
  public Enumerator<Object[]> huntingRows(KqlRequest request, AtomicBoolean cancel, long timeoutMillis) {
    final Cancel c = Cancel.of(cancel, timeoutMillis);
    if (!config.cache().on() || request.empty()) {
      return new HuntingRows(this, request, c);
    }
    return cache.rows(huntingKey(request), request.table(), request.text(),
        config.cache().ttl(CacheTtls.hunting()), () -> new HuntingRows(this, request, c), () -> {
          if (c.cancelled()) {
            throw JdbcErrors.raise(c.cancelledException(request.table()));
          }
        });
  }

  /**
   * Whether the shared cache would answer a hunting request now, as EXPLAIN prints it: {@code off}, {@code hit} or
   * {@code miss}.
   */
  public String huntingCacheState(KqlRequest request) {
    if (!config.cache().on()) {
      return "off";
    }
    return cache.covers(huntingKey(request), config.cache().ttl(CacheTtls.hunting())) ? "hit" : "miss";
  }

  /** A hunting request's identity in the cache: its backend, exact KQL and time window, and its row's columns. */
  private AnswerKey huntingKey(KqlRequest request) {
    final String base = "hunting " + config.hunting().api() + " " + huntingUrl() + " timespan="
        + request.timespan(null) + " kql=" + request.text();
    return new AnswerKey(base, request.columns().subList(0, request.visible()).stream().map(KqlColumn::name)
        .toList());
  }

  /**
   * The columns of the answer to an analyst's KQL, from its schema: the query is sent once with
   * {@code | take 0}, which costs one call of the hunting budget and returns no row.
   */
  public List<KqlColumn> huntingSchema(String kql) {
    final String probe = kql + "\n| take 0";
    final Target target = Target.hunting("kql(...)", config.hunting().api(), probe);
    try (HuntingAnswer answer = hunt(probe, null, null, target, Cancel.NONE, new RetryBudget(config.resilience()))) {
      return answer.columns();
    } catch (IOException e) {
      throw failure(e, target);
    }
  }

  /**
   * Runs {@code DeviceInfo | take 0} on the chosen hunting backend: the probe of its permission
   * ({@code ThreatHunting.Read.All} on Graph, {@code AdvancedQuery.Read.All} on the Defender API).
   *
   * @return the request sent, as "test connection" shows it
   * @throws DefenderException explaining why it failed
   */
  public String probeHunting() {
    final String kql = HuntingModel.DEVICE_INFO.name() + " | take 0";
    final Target target = Target.hunting(HuntingModel.DEVICE_INFO.name(), config.hunting().api(), kql);
    try (HuntingAnswer answer = hunt(kql, null, null, target, Cancel.NONE, new RetryBudget(config.resilience()))) {
      while (answer.next() != null) {
        // reading to the end proves the answer is well-formed
      }
    } catch (IOException e) {
      throw failure(e, target);
    }
    return target.requestLine();
  }

  /** The settings' hunting bounds, for the rows of a request. */
  HuntingSettings huntingSettings() {
    return config.hunting();
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
    final boolean graph = target.graph();
    final String what = "Cannot read " + target.table() + (graph ? " from Microsoft Graph at " + graphBase
        : " from the Defender API at " + base);
    final String root = graph ? "the Graph root (" + Setting.GRAPH_URL.names() + ")"
        : "the Server URL (" + Setting.SERVER_URL.names() + ")";
    final String fix;
    final String cause;
    if (e instanceof UnknownHostException) {
      cause = "unknown host";
      fix = "Check " + root + " and the DNS.";
    } else if (e instanceof ConnectException) {
      cause = "connection refused";
      fix = "Check " + root + ", its port, proxies and the network.";
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
