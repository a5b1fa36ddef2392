package org.defendersql.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.tls.Certificates;
import okhttp3.tls.HandshakeCertificates;

/** An HTTPS client for tests that trusts only the emulator's CA certificate, with token helpers. */
public final class TestClient {
  public static final ObjectMapper JSON = new ObjectMapper();

  private final DefenderEmulator emulator;
  private final OkHttpClient http;

  public TestClient(DefenderEmulator emulator) {
    this.emulator = emulator;
    try {
      final X509Certificate ca = Certificates.decodeCertificatePem(Files.readString(emulator.certificateFile()));
      final HandshakeCertificates trust = new HandshakeCertificates.Builder().addTrustedCertificate(ca).build();
      http = new OkHttpClient.Builder().sslSocketFactory(trust.sslSocketFactory(), trust.trustManager())
          .readTimeout(60, TimeUnit.SECONDS).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A plain response: status, headers and body text. */
  public record Reply(int status, String contentType, String odataVersion, String requestId, String body) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  public Reply execute(Request request) {
    try (Response r = http.newCall(request).execute()) {
      return new Reply(r.code(), r.header("Content-Type"), r.header("OData-Version"), r.header("request-id"),
          r.body().string());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** POSTs a form to the token endpoint of a tenant. */
  public Reply token(String tenant, String... nameValues) {
    final FormBody.Builder form = new FormBody.Builder();
    for (int i = 0; i < nameValues.length; i += 2) {
      form.add(nameValues[i], nameValues[i + 1]);
    }
    return execute(new Request.Builder().url(emulator.authorityHost() + "/" + tenant + "/oauth2/v2.0/token")
        .post(form.build()).build());
  }

  /** A token of an app for the Defender API. */
  public String accessToken(String clientId, String secret) {
    final Reply r = token(emulator.tenantId(), "grant_type", "client_credentials", "client_id", clientId,
        "client_secret", secret, "scope", "https://api.securitycenter.microsoft.com/.default");
    if (r.status() != 200) {
      throw new AssertionError("token request failed: " + r.body());
    }
    return r.json().get("access_token").asText();
  }

  /** A token of the emulator's default app. */
  public String accessToken() {
    return accessToken(emulator.clientId(), emulator.clientSecret());
  }

  /** GETs a path-and-query (already encoded) with a bearer token (null: none). */
  public Reply get(String pathAndQuery, String token) {
    final Request.Builder b = new Request.Builder().url(emulator.baseUrl() + pathAndQuery);
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return execute(b.build());
  }

  /** GETs an absolute URL (e.g. a next link) with a bearer token. */
  public Reply getUrl(String url, String token) {
    return execute(new Request.Builder().url(url).header("Authorization", "Bearer " + token).build());
  }

  public OkHttpClient http() {
    return http;
  }

  /** The ids of every page of a collection, in order, and how many pages it took. */
  public record Pages(java.util.List<String> ids, int pages, JsonNode first) {
  }

  /**
   * Follows {@code @odata.nextLink} from {@code first} to the last page, checking that every id comes once and
   * that only full pages ({@code pageSize} rows) link to a next one.
   */
  public Pages followNextLinks(String first, String token, int pageSize) {
    final java.util.List<String> seen = new java.util.ArrayList<>();
    final java.util.Set<String> unique = new java.util.HashSet<>();
    final Reply reply = get(first, token);
    org.junit.jupiter.api.Assertions.assertEquals(200, reply.status(), first + ": " + reply.body());
    final JsonNode firstPage = reply.json();
    JsonNode page = firstPage;
    int pages = 1;
    while (true) {
      page.get("value").forEach(n -> {
        final String id = n.get("id").asText();
        org.junit.jupiter.api.Assertions.assertTrue(unique.add(id), "seen once: " + id);
        seen.add(id);
      });
      final JsonNode next = page.get("@odata.nextLink");
      if (next == null) {
        return new Pages(seen, pages, firstPage);
      }
      org.junit.jupiter.api.Assertions.assertEquals(pageSize, page.get("value").size(),
          "only full pages have a next link");
      page = getUrl(next.asText(), token).json();
      pages++;
    }
  }
}
