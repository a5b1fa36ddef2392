package org.defendersql.adapter.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.tls.HandshakeCertificates;
import org.defendersql.adapter.DefenderModels;
import org.defendersql.adapter.EmulatedTenant;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.RecordedRequest;
import org.defendersql.model.DefenderModel;

/**
 * Runs a fixed suite of analyst queries against an emulated tenant of 100,000 alerts with pushdown on and off,
 * and prints per query and in total the API requests sent, the rows they transferred and the rows returned, with
 * the ratios. Rows transferred are counted by sending each logged request again. Not a test: run it with
 * {@code ./mvnw -q -B -pl adapter exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.defendersql.adapter.bench.PushdownBenchmark [-Dexec.args=100000]}.
 */
public final class PushdownBenchmark {
  private final DefenderEmulator emulator;
  private final OkHttpClient http;
  private final Map<String, Long> rowsByRequest = new HashMap<>();
  private String token;

  private PushdownBenchmark(DefenderEmulator emulator) throws Exception {
    this.emulator = emulator;
    final X509Certificate ca;
    try (InputStream in = Files.newInputStream(emulator.certificateFile())) {
      ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    final HandshakeCertificates trust = new HandshakeCertificates.Builder().addTrustedCertificate(ca).build();
    this.http = new OkHttpClient.Builder().sslSocketFactory(trust.sslSocketFactory(), trust.trustManager())
        .readTimeout(java.time.Duration.ofMinutes(5)).build();
  }

  public static void main(String[] args) throws Exception {
    final int alerts = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    try (DefenderEmulator emulator = DefenderEmulator.builder().alerts(alerts).machines(alerts / 20).seed(1)
        .now(Instant.now()).build().start()) {
      new PushdownBenchmark(emulator).run(alerts);
    }
  }

  private void run(int alerts) throws Exception {
    final List<String> queries = AnalystQueries.of(emulator);
    final Map<String, Object> operand = DefenderModels.operand(emulator.environment());
    operand.put("rateLimits", "off");
    // Every query must send its requests: they are what is counted.
    operand.put("cache", "off");
    final String model = DefenderModels.inline(operand);
    System.out.printf(Locale.ROOT, "%d analyst queries, emulated tenant of %,d alerts and %,d machines%n",
        queries.size(), alerts, emulator.data().count(DefenderModel.MACHINES));
    System.out.printf(Locale.ROOT, "%-3s %9s %9s %12s %12s %9s %9s %8s %10s%n", "#", "req on", "req off",
        "rows on", "rows off", "ret on", "ret off", "req x", "rows x");
    final long[] total = new long[6];
    try (Connection on = EmulatedTenant.connect(model);
         Connection off = EmulatedTenant.connect(DefenderModels.withoutPushdown(model))) {
      for (int i = 0; i < queries.size(); i++) {
        final long[] a = measure(on, queries.get(i));
        final long[] b = measure(off, queries.get(i));
        if (a[2] != b[2]) {
          throw new IllegalStateException("different results for " + queries.get(i));
        }
        System.out.printf(Locale.ROOT, "%-3d %9d %9d %12d %12d %9d %9d %7.1fx %9.1fx  %s%n", i + 1, a[0], b[0],
            a[1], b[1], a[2], b[2], (double) b[0] / a[0], (double) b[1] / Math.max(1, a[1]), queries.get(i));
        total[0] += a[0];
        total[1] += b[0];
        total[2] += a[1];
        total[3] += b[1];
        total[4] += a[2];
        total[5] += b[2];
      }
    }
    System.out.printf(Locale.ROOT, "%-3s %9d %9d %12d %12d %9d %9d %7.1fx %9.1fx%n", "all", total[0], total[1],
        total[2], total[3], total[4], total[5], (double) total[1] / total[0], (double) total[3] / total[2]);
  }

  /** Requests sent, rows they transferred, rows returned. */
  private long[] measure(Connection c, String sql) throws Exception {
    settledLog();
    emulator.clearRequestLog();
    long returned = 0;
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        returned++;
      }
    }
    long requests = 0;
    long transferred = 0;
    for (RecordedRequest r : settledLog()) {
      if (r.path().startsWith("/api/")) {
        requests++;
        transferred += rowsOf(r);
      }
    }
    return new long[] {requests, transferred, returned};
  }

  /** The request log once no entry has come for a moment: the emulator logs a request after it answered it. */
  private List<RecordedRequest> settledLog() throws InterruptedException {
    List<RecordedRequest> log = emulator.requestLog();
    while (true) {
      Thread.sleep(100);
      final List<RecordedRequest> again = emulator.requestLog();
      if (again.size() == log.size()) {
        return again;
      }
      log = again;
    }
  }

  /** The rows one logged request transferred, by sending it again. */
  private long rowsOf(RecordedRequest r) throws IOException {
    final String url = emulator.baseUrl() + r.path() + (r.rawQuery() == null ? "" : "?" + r.rawQuery());
    final Long known = rowsByRequest.get(url);
    if (known != null) {
      return known;
    }
    final Request request = new Request.Builder().url(url).header("Authorization", "Bearer " + token()).build();
    long rows = 0;
    try (Response response = http.newCall(request).execute();
         JsonParser p = new JsonFactory().createParser(response.body().byteStream())) {
      p.nextToken();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        final String name = p.currentName();
        p.nextToken();
        if (name.equals("value")) {
          while (p.nextToken() == JsonToken.START_OBJECT) {
            p.skipChildren();
            rows++;
          }
        } else {
          p.skipChildren();
        }
      }
    }
    rowsByRequest.put(url, rows);
    return rows;
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
        final String body = response.body().string();
        token = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).get("access_token").asText();
      }
    }
    return token;
  }
}
