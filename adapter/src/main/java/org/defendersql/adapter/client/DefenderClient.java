package org.defendersql.adapter.client;

import com.fasterxml.jackson.core.JsonFactory;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import javax.net.ssl.SSLException;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.tls.HandshakeCertificates;
import org.apache.calcite.linq4j.Enumerator;
import org.defendersql.adapter.config.DefenderConnectionConfig;
import org.defendersql.adapter.odata.DefenderRequest;

/**
 * The Defender API of one tenant: sends {@link DefenderRequest}s with a bearer token and returns their rows,
 * following {@code @odata.nextLink} page by page. One instance serves every connection with the same settings
 * (see {@link DefenderClients}); it is thread-safe.
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
    this.http = new OkHttpClient.Builder()
        .sslSocketFactory(trust.sslSocketFactory(), trust.trustManager())
        .connectTimeout(Duration.ofSeconds(20))
        .readTimeout(Duration.ofSeconds(120))
        .followRedirects(false)
        .build();
    this.tokens = new TokenProvider(config, trust);
  }

  /** The settings this client was made for. */
  public DefenderConnectionConfig config() {
    return config;
  }

  /** The rows of a request, read lazily page by page; each row holds the request's columns in order. */
  public Enumerator<Object[]> rows(DefenderRequest request) {
    return new PagedRows(this, request);
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
      throw new DefenderException("The Defender API sent a next-page link outside " + base + " for "
          + request + "; it was not followed.");
    }
    return url;
  }

  /** Opens a page, with one retry on 401 with a fresh token; the caller reads and closes it. */
  PageReader open(HttpUrl url, DefenderRequest request, RowShape shape) {
    final Response response = sendWithFreshTokenOn401(url, request);
    if (response.code() != 200) {
      try (Response r = response) {
        throw ApiErrors.explain(r, request, json);
      }
    }
    try {
      return new PageReader(response.body().byteStream(), response, shape, json);
    } catch (IOException | RuntimeException e) {
      response.close();
      throw e instanceof DefenderException d ? d : failure(e, request);
    }
  }

  private Response sendWithFreshTokenOn401(HttpUrl url, DefenderRequest request) {
    final Response response = send(url, request);
    if (response.code() != 401) {
      return response;
    }
    // A token can be revoked or expire early; one retry with a new token tells that from a real refusal.
    response.close();
    tokens.invalidate();
    return send(url, request);
  }

  private Response send(HttpUrl url, DefenderRequest request) {
    final Request r = new Request.Builder().url(url)
        .header("Authorization", "Bearer " + tokens.token())
        .header("Accept", "application/json")
        .build();
    try {
      return http.newCall(r).execute();
    } catch (IOException e) {
      throw failure(e, request);
    }
  }

  /** Explains a transport failure: the host, the TLS trust or the connection. */
  DefenderException failure(Exception e, DefenderRequest request) {
    final String what = "Cannot read " + request.entity().tableName() + " from the Defender API at " + base;
    if (e instanceof UnknownHostException) {
      return new DefenderException(what + ": unknown host. Check the Server URL (serverUrl / DEFENDER_SERVER_URL).",
          e);
    }
    if (e instanceof ConnectException) {
      return new DefenderException(what + ": connection refused. Check the Server URL (serverUrl /"
          + " DEFENDER_SERVER_URL) and the network.", e);
    }
    if (e instanceof SSLException) {
      return new DefenderException(what + ": its TLS certificate is not trusted (" + e.getMessage() + "). Behind"
          + " TLS inspection, give the inspecting CA as caCertFile / DEFENDER_CA_CERT.", e);
    }
    if (e instanceof InterruptedIOException) {
      return new DefenderException(what + ": the request timed out (" + request + ").", e);
    }
    return new DefenderException(what + ": " + e, e);
  }
}
