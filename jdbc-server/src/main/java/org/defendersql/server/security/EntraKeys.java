package org.defendersql.server.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signing keys and issuer of an Entra ID tenant, read from its OpenID metadata
 * ({@code {authority}/{tenant}/v2.0/.well-known/openid-configuration}) and the key set its {@code jwks_uri} names,
 * on the first token. Kept until a token names a key they lack (Entra ID rolls its keys over every few weeks);
 * then read again, at most once per {@code minRefresh} however many unknown keys arrive, so that forged key ids
 * cannot make the server flood the authority.
 */
final class EntraKeys {
  private static final Logger LOG = LoggerFactory.getLogger(EntraKeys.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  /** Entra ID's documents are a few KiB; anything far larger is not one. */
  private static final int MAX_DOCUMENT = 1 << 20;

  private final EntraOptions options;
  private final Clock clock;
  private final Duration minRefresh;
  private final HttpClient http;

  /** What the last successful read found. */
  private record Snapshot(String issuer, String tenantId, JWKSet keys) {
  }

  private volatile Snapshot snapshot;
  private Instant lastAttempt = Instant.MIN;

  EntraKeys(EntraOptions options, Clock clock, Duration minRefresh) {
    this.options = options;
    this.clock = clock;
    this.minRefresh = minRefresh;
    this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).sslContext(sslContext(options))
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /**
   * The tenant's key with this id: from the keys read before, or, when they lack it and the last read is
   * {@code minRefresh} old, from a new read.
   *
   * @throws KeysUnavailable when the keys were never read and cannot be now
   */
  Optional<JWK> key(String kid) throws KeysUnavailable {
    final Snapshot s = snapshot;
    if (s != null) {
      final JWK known = s.keys().getKeyByKeyId(kid);
      if (known != null) {
        return Optional.of(known);
      }
    }
    return Optional.ofNullable(refresh(s).keys().getKeyByKeyId(kid));
  }

  /** The tenant's id (a GUID) as its issuer names it; reads the metadata if not yet read. */
  String tenantId() throws KeysUnavailable {
    final Snapshot s = snapshot;
    return s != null ? s.tenantId() : refresh(null).tenantId();
  }

  /** The v2.0 issuer the metadata names ({@code https://login.microsoftonline.com/{tenant id}/v2.0}). */
  String issuer() throws KeysUnavailable {
    final Snapshot s = snapshot;
    return s != null ? s.issuer() : refresh(null).issuer();
  }

  /** What a fresh read of the metadata and keys finds, for {@code check-config}: issuer and number of keys. */
  String describe() throws KeysUnavailable {
    final Snapshot s = refresh(null);
    return "issuer " + s.issuer() + ", " + s.keys().getKeys().size() + " signing keys";
  }

  private synchronized Snapshot refresh(Snapshot seen) throws KeysUnavailable {
    final Snapshot now = snapshot;
    if (now != seen && now != null) {
      // Another request read them while this one waited.
      return now;
    }
    final Instant t = clock.instant();
    if (now != null && Duration.between(lastAttempt, t).compareTo(minRefresh) < 0) {
      return now;
    }
    if (now == null && lastAttempt != Instant.MIN
        && Duration.between(lastAttempt, t).compareTo(Duration.ofSeconds(5)) < 0) {
      throw new KeysUnavailable("the last attempt to read them failed moments ago; see the server's log");
    }
    lastAttempt = t;
    try {
      final JsonNode metadata = JSON.readTree(get(options.metadataUrl()));
      final String issuer = metadata.path("issuer").asText(null);
      final String jwksUri = metadata.path("jwks_uri").asText(null);
      if (issuer == null || jwksUri == null || !jwksUri.toLowerCase(java.util.Locale.ROOT).startsWith("https://")) {
        throw new KeysUnavailable(options.metadataUrl() + " names no issuer or no https jwks_uri");
      }
      final JWKSet keys = JWKSet.parse(get(URI.create(jwksUri)));
      final Snapshot fresh = new Snapshot(issuer, tenantIdOf(issuer), keys);
      snapshot = fresh;
      LOG.info("Read {} signing keys of Entra ID tenant {} from {}", keys.getKeys().size(), fresh.tenantId(),
          jwksUri);
      return fresh;
    } catch (IOException | ParseException | IllegalArgumentException e) {
      LOG.warn("Cannot read the signing keys of Entra ID tenant {} from {}: {}", options.tenant(),
          options.metadataUrl(), e.toString());
      if (now != null) {
        // Keep serving with the keys read before: an authority outage must not lock everyone out.
        return now;
      }
      throw new KeysUnavailable(e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KeysUnavailable("interrupted");
    }
  }

  private String get(URI uri) throws IOException, InterruptedException {
    final HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT)
        .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = r.body()) {
      final byte[] body = in.readNBytes(MAX_DOCUMENT + 1);
      if (r.statusCode() != 200) {
        throw new IOException(uri + " answered HTTP " + r.statusCode());
      }
      if (body.length > MAX_DOCUMENT) {
        throw new IOException(uri + " answered more than " + MAX_DOCUMENT + " bytes");
      }
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** The tenant id in an issuer {@code https://host/{tenant id}/v2.0}. */
  private static String tenantIdOf(String issuer) {
    final String path = URI.create(issuer).getPath();
    final String[] segments = path == null ? new String[0] : path.split("/");
    for (int i = segments.length - 1; i >= 0; i--) {
      if (!segments[i].isEmpty() && !segments[i].equalsIgnoreCase("v2.0")) {
        return segments[i];
      }
    }
    throw new IllegalArgumentException("the issuer " + issuer + " names no tenant");
  }

  private static SSLContext sslContext(EntraOptions options) {
    try {
      if (options.caCert() == null) {
        return SSLContext.getDefault();
      }
      final KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      try (InputStream in = Files.newInputStream(options.caCert())) {
        int i = 0;
        for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
          trust.setCertificateEntry("ca" + i++, c);
        }
      }
      final TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      final SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, tmf.getTrustManagers(), null);
      return ssl;
    } catch (GeneralSecurityException | IOException e) {
      throw new SecurityConfigException("Cannot use --entra-ca-cert " + options.caCert() + " as a CA certificate: "
          + e.getMessage(), e);
    }
  }

  /** The tenant's keys could not be read, and none were read before. */
  static final class KeysUnavailable extends Exception {
    private static final long serialVersionUID = 1L;

    KeysUnavailable(String message) {
      super(message);
    }
  }
}
