package org.defendersql.adapter.client;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.OffsetDateTime;
import okhttp3.tls.HandshakeCertificates;
import org.defendersql.adapter.config.DefenderConnectionConfig;
import org.defendersql.adapter.telemetry.ApiCalls;

/**
 * Bearer tokens for one audience (the Defender API, or Microsoft Graph for the hunting tables) from the
 * azure-identity credential of the {@code auth} setting ({@link Credentials}), cached until shortly before they
 * expire and shared by every query of the connections that use the same settings.
 */
final class TokenProvider {
  /** Refresh this long before expiry, so a token never runs out in the middle of a page. */
  private static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);

  private final DefenderConnectionConfig config;
  private final TokenCredential credential;
  private final TokenRequestContext context;
  private AccessToken current;

  TokenProvider(DefenderConnectionConfig config, HandshakeCertificates trust) {
    this(config, credential(config, trust), config.scope());
  }

  private TokenProvider(DefenderConnectionConfig config, TokenCredential credential, String scope) {
    this.config = config;
    this.credential = credential;
    this.context = new TokenRequestContext().addScopes(scope);
  }

  private static TokenCredential credential(DefenderConnectionConfig config, HandshakeCertificates trust) {
    final HttpClient.Builder jdk = HttpClient.newBuilder().sslContext(trust.sslContext())
        .connectTimeout(config.resilience().connectTimeout());
    return Credentials.of(config, new JdkHttpClientBuilder(jdk).build());
  }

  /**
   * Tokens for another audience (Microsoft Graph besides the Defender API) from the same credential: one app
   * identity, one token cache per audience.
   */
  TokenProvider forScope(String scope) {
    return new TokenProvider(config, credential, scope);
  }

  /** A valid access token, fetched anew when none is cached or the cached one is about to expire. */
  synchronized String token() {
    if (current == null || current.getExpiresAt().minus(REFRESH_MARGIN).isBefore(OffsetDateTime.now())) {
      current = fetch();
    }
    return current.getToken();
  }

  /** Forgets the cached token, after the API refused it. */
  synchronized void invalidate() {
    current = null;
  }

  private AccessToken fetch() {
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
