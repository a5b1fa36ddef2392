package org.defendersql.server;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.defendersql.emulator.DefenderEmulator;

/**
 * Entra ID tokens for tests of {@code --auth entra}: one from the emulator's token endpoint (client credentials),
 * and forgeries no server may accept (unsigned, HMAC-signed), built from claims the tests choose.
 */
final class EntraTokens {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private EntraTokens() {
  }

  /** The emulator's answer to a client-credentials request of its default app for {@code scope}. */
  static String clientCredentials(DefenderEmulator emulator, String scope) throws Exception {
    final HttpClient http = HttpClient.newBuilder().sslContext(trusting(emulator)).build();
    final String form = "grant_type=client_credentials&client_id=" + enc(emulator.clientId()) + "&client_secret="
        + enc(emulator.clientSecret()) + "&scope=" + enc(scope);
    final HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(emulator.authorityHost() + "/"
        + emulator.tenantId() + "/oauth2/v2.0/token")).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new AssertionError("token endpoint answered " + r.statusCode() + ": " + r.body());
    }
    return JSON.readTree(r.body()).path("access_token").asText();
  }

  /** The claims of a token, read without checking it. */
  static Map<String, Object> claims(String token) throws IOException {
    return JSON.readValue(Base64.getUrlDecoder().decode(token.split("\\.")[1]), new TypeReference<>() {
    });
  }

  /** A token without a signature: {@code alg: none}. */
  static String unsigned(Map<String, Object> claims) throws IOException {
    final Map<String, Object> header = new LinkedHashMap<>();
    header.put("alg", "none");
    header.put("typ", "JWT");
    return part(header) + "." + part(claims) + ".";
  }

  /** A token signed HS256 with {@code key} (the classic confusion: a public key's bytes used as a shared secret). */
  static String hs256(Map<String, Object> claims, String kid, byte[] key) throws Exception {
    final Map<String, Object> header = new LinkedHashMap<>();
    header.put("alg", "HS256");
    header.put("typ", "JWT");
    header.put("kid", kid);
    final String unsignedPart = part(header) + "." + part(claims);
    final Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return unsignedPart + "." + B64.encodeToString(mac.doFinal(unsignedPart.getBytes(StandardCharsets.US_ASCII)));
  }

  private static String part(Map<String, Object> json) throws IOException {
    return B64.encodeToString(JSON.writeValueAsBytes(json));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static SSLContext trusting(DefenderEmulator emulator) throws IOException, GeneralSecurityException {
    final KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(emulator.certificateFile())) {
      trust.setCertificateEntry("emulator", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    final TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    final SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    return ssl;
  }
}
