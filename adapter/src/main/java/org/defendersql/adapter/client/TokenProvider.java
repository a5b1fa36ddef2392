package org.defendersql.adapter.client;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.tls.HandshakeCertificates;
import org.defendersql.adapter.config.DefenderConnectionConfig;
import org.defendersql.adapter.telemetry.ApiCalls;

/**
 * Bearer tokens for one audience (the Defender API, or Microsoft Graph for the hunting tables) from the
 * azure-identity credential of the {@code auth} setting ({@link Credentials}), cached until shortly before they
 * expire and shared by every query of the connections that use the same settings.
 *
 * <p>One fetch at a time, with a deadline: queries that need a token while one is being fetched wait for that
 * fetch (never longer than its deadline) instead of each starting their own, one after another behind a lock; and
 * while the cached token is still valid, a refresh runs for the first query that finds it due, and every other
 * query goes on with the valid token. A sign-in host that accepts the connection and never answers costs a query
 * the deadline, not minutes.
 */
final class TokenProvider {
  /** Refresh this long before expiry, so a token never runs out in the middle of a page. */
  private static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);
  /** A token this close to expiry is not handed out any more: the fetch must be waited for. */
  private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(30);
  /** The longest wait for the sign-in host's answer, beyond connecting (the read timeout when shorter). */
  private static final Duration ANSWER_DEADLINE = Duration.ofSeconds(30);
  /** After a failed refresh of a still-valid token, the next attempt waits this long. */
  private static final Duration RETRY_REFRESH_AFTER = Duration.ofSeconds(30);

  /** Daemon threads the fetches run on, so that a waiting query can give up at the deadline. */
  private static final ExecutorService FETCHERS = Executors.newCachedThreadPool(r -> {
    final Thread t = new Thread(r, "defender-token-fetch");
    t.setDaemon(true);
    return t;
  });

  private final DefenderConnectionConfig config;
  private final TokenCredential credential;
  private final TokenRequestContext context;
  private final Duration deadline;
  private volatile AccessToken current;
  /** The fetch running now, null when none; guarded by this. */
  private Future<AccessToken> fetching;
  /** When a refresh of a still-valid token may be tried again after one failed; guarded by this. */
  private OffsetDateTime nextRefresh = OffsetDateTime.MIN;

  TokenProvider(DefenderConnectionConfig config, HandshakeCertificates trust) {
    this(config, credential(config, trust), config.scope(), deadline(config));
  }

  /** A provider over any credential, with its own deadline (for tests). */
  TokenProvider(DefenderConnectionConfig config, TokenCredential credential, String scope, Duration deadline) {
    this.config = config;
    this.credential = credential;
    this.context = new TokenRequestContext().addScopes(scope);
    this.deadline = deadline;
  }

  private static TokenCredential credential(DefenderConnectionConfig config, HandshakeCertificates trust) {
    final HttpClient.Builder jdk = HttpClient.newBuilder().sslContext(trust.sslContext())
        .connectTimeout(config.resilience().connectTimeout());
    return Credentials.of(config, new JdkHttpClientBuilder(jdk).build());
  }

  /** Connecting, then the answer: the read timeout when it is shorter than {@link #ANSWER_DEADLINE}. */
  static Duration deadline(DefenderConnectionConfig config) {
    final Duration read = config.resilience().readTimeout();
    return config.resilience().connectTimeout().plus(read.compareTo(ANSWER_DEADLINE) < 0 ? read : ANSWER_DEADLINE);
  }

  /**
   * Tokens for another audience (Microsoft Graph besides the Defender API) from the same credential: one app
   * identity, one token cache per audience.
   */
  TokenProvider forScope(String scope) {
    return new TokenProvider(config, credential, scope, deadline);
  }

  /** A valid access token: the cached one, or one fetched when none is cached or it is about to expire. */
  String token() {
    final AccessToken t = current;
    final OffsetDateTime now = OffsetDateTime.now();
    if (t != null && t.getExpiresAt().minus(REFRESH_MARGIN).isAfter(now)) {
      return t.getToken();
    }
    if (t != null && t.getExpiresAt().minus(EXPIRY_MARGIN).isAfter(now)) {
      refreshInBackground(now);
      return t.getToken();
    }
    return await(fetch());
  }

  /** Forgets the cached token, after the API refused it. */
  void invalidate() {
    current = null;
  }

  /** Starts a refresh unless one runs or one failed a moment ago; the caller goes on with its valid token. */
  private synchronized void refreshInBackground(OffsetDateTime now) {
    if (fetching == null && now.isAfter(nextRefresh)) {
      nextRefresh = now.plus(RETRY_REFRESH_AFTER);
      fetch();
    }
  }

  /** The fetch running now, or a new one. */
  private synchronized Future<AccessToken> fetch() {
    if (fetching == null) {
      // The task ends by clearing `fetching`, which it can only do once this method has set it (same lock).
      final AtomicReference<Future<AccessToken>> self = new AtomicReference<>();
      final Future<AccessToken> f = FETCHERS.submit(() -> {
        try {
          final AccessToken token = fetchNow();
          current = token;
          return token;
        } finally {
          done(self.get());
        }
      });
      self.set(f);
      fetching = f;
    }
    return fetching;
  }

  private synchronized void done(Future<AccessToken> f) {
    if (fetching == f || f == null) {
      fetching = null;
    }
  }

  /** Waits for a fetch up to the deadline; past it, stops the fetch so that the next query starts afresh. */
  private String await(Future<AccessToken> f) {
    try {
      return f.get(deadline.toMillis(), TimeUnit.MILLISECONDS).getToken();
    } catch (TimeoutException e) {
      f.cancel(true);
      done(f);
      ApiCalls.tokenFetched(false);
      throw new DefenderException(ErrorKind.UNAVAILABLE, "The sign-in host " + config.authorityHost()
          + " did not answer the token request of client " + config.clientId() + " within "
          + deadline.toSeconds() + " s (connectTimeout plus up to 30 s for the answer). Check that the authority"
          + " host is reachable from this machine (proxy, firewall), then retry.");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new DefenderException(ErrorKind.INTERNAL, "Fetching a token failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DefenderException(ErrorKind.CANCELLED, "Interrupted while waiting for a token from "
          + config.authorityHost() + ".", e);
    }
  }

  private AccessToken fetchNow() {
    final AccessToken token;
    try {
      token = credential.getTokenSync(context);
    } catch (RuntimeException e) {
      ApiCalls.tokenFetched(false);
      throw AadErrors.explain(e, config);
    }
    ApiCalls.tokenFetched(token != null);
    if (token == null) {
      throw new DefenderException(ErrorKind.AUTHENTICATION,
          "Azure AD returned no token for client " + config.clientId() + " in tenant "
          + config.tenantId() + " at " + config.authorityHost());
    }
    return token;
  }
}
