package org.defendersql.server.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.tls.HandshakeCertificates;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.RecordedRequest;
import org.defendersql.model.DefenderModel;

/**
 * The baseline of the performance report: a hand-written client of the emulated API (OkHttp and Jackson's
 * streaming parser, no Calcite, no JDBC) that sends the requests defender-sql sent and reads every value.
 */
final class RawApi {
  private static final JsonFactory JSON = new JsonFactory();
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final DefenderEmulator emulator;
  private final OkHttpClient http;
  private String token;

  RawApi(DefenderEmulator emulator) throws IOException, GeneralSecurityException {
    this.emulator = emulator;
    final X509Certificate ca;
    try (InputStream in = Files.newInputStream(emulator.certificateFile())) {
      ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    final HandshakeCertificates trust = new HandshakeCertificates.Builder().addTrustedCertificate(ca).build();
    this.http = new OkHttpClient.Builder().sslSocketFactory(trust.sslSocketFactory(), trust.trustManager())
        .readTimeout(Duration.ofMinutes(5)).build();
  }

  /** The URL of a request the emulator logged, to be sent again as it was. */
  String url(RecordedRequest r) {
    return emulator.baseUrl() + r.path() + (r.rawQuery() == null ? "" : "?" + r.rawQuery());
  }

  /**
   * Reads a collection from its first page's URL, following {@code @odata.nextLink}, and returns the rows read;
   * every scalar value is turned into a Java value and every nested one into a tree, as a client would use them.
   */
  long scan(String firstPage) throws IOException {
    long rows = 0;
    for (String url = firstPage; url != null;) {
      String next = null;
      try (Response response = call(url); JsonParser p = JSON.createParser(response.body().byteStream())) {
        p.setCodec(MAPPER);
        p.nextToken();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          final String name = p.currentName();
          p.nextToken();
          if (name.equals("value")) {
            while (p.nextToken() == JsonToken.START_OBJECT) {
              readRow(p);
              rows++;
            }
          } else if (name.equals("@odata.nextLink")) {
            next = p.getText();
          } else {
            p.skipChildren();
          }
        }
      }
      url = next;
    }
    return rows;
  }

  /** Sends one request and reads its whole answer; the body's length in bytes. */
  long get(String url) throws IOException {
    try (Response response = call(url)) {
      if (!response.isSuccessful()) {
        throw new IOException(response.code() + " for " + url);
      }
      return response.body().bytes().length;
    }
  }

  private static void readRow(JsonParser p) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      final JsonToken t = p.nextToken();
      switch (t) {
      case START_ARRAY, START_OBJECT -> p.readValueAsTree();
      case VALUE_STRING -> p.getText();
      case VALUE_NUMBER_INT -> p.getLongValue();
      case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
      case VALUE_TRUE, VALUE_FALSE -> p.getBooleanValue();
      default -> {
      }
      }
    }
  }

  private Response call(String url) throws IOException {
    final Response response = http.newCall(new Request.Builder().url(url)
        .header("Authorization", "Bearer " + token()).build()).execute();
    if (!response.isSuccessful()) {
      response.close();
      throw new IOException(response.code() + " for " + url);
    }
    return response;
  }

  private String token() throws IOException {
    if (token == null) {
      final Map<String, String> env = emulator.environment();
      final Request request = new Request.Builder()
          .url(env.get("AZURE_AUTHORITY_HOST") + "/" + env.get("AZURE_TENANT_ID") + "/oauth2/v2.0/token")
          .post(new FormBody.Builder().add("grant_type", "client_credentials")
              .add("client_id", env.get("AZURE_CLIENT_ID")).add("client_secret", env.get("AZURE_CLIENT_SECRET"))
              .add("scope", DefenderModel.DEFAULT_SCOPE).build()).build();
      try (Response response = http.newCall(request).execute()) {
        token = MAPPER.readTree(response.body().string()).get("access_token").asText();
      }
    }
    return token;
  }
}
