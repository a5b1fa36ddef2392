package org.defendersql.emulator.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.identity.ClientSecretCredential;
import com.azure.identity.ClientSecretCredentialBuilder;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.RecordedRequest;
import org.defendersql.emulator.TestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real azure-identity (MSAL) client-credentials flow against the emulator's authority. */
class AzureIdentityTest {
  private static DefenderEmulator emulator;
  private static HttpClient httpClient;

  @BeforeAll static void start() throws Exception {
    emulator = DefenderEmulator.builder().alerts(50).machines(10).build().start();
    final X509Certificate ca;
    try (InputStream in = Files.newInputStream(emulator.certificateFile())) {
      ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    final KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    store.setCertificateEntry("emulator", ca);
    final TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    final SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    httpClient = new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder().sslContext(ctx)).build();
  }

  @AfterAll static void stop() {
    emulator.close();
  }

  private static ClientSecretCredential credential(String secret) {
    return new ClientSecretCredentialBuilder()
        .tenantId(emulator.tenantId())
        .clientId(emulator.clientId())
        .clientSecret(secret)
        .authorityHost(emulator.authorityHost())
        .disableInstanceDiscovery()
        .httpClient(httpClient)
        .build();
  }

  @Test void clientSecretCredentialGetsATokenTheApiAccepts() {
    emulator.clearRequestLog();
    final AccessToken token = credential(emulator.clientSecret())
        .getToken(new TokenRequestContext().addScopes("https://api.securitycenter.microsoft.com/.default"))
        .block(Duration.ofSeconds(30));
    assertNotNull(token);
    assertTrue(token.getExpiresAt().toEpochSecond() > System.currentTimeMillis() / 1000 + 3000);
    final List<RecordedRequest> log = emulator.requestLog();
    assertEquals(List.of("POST /" + emulator.tenantId() + "/oauth2/v2.0/token 200"),
        log.stream().map(r -> r.method() + " " + r.path() + " " + r.status()).collect(Collectors.toList()),
        "MSAL needed no discovery documents");
    assertEquals(emulator.clientId(), log.get(0).clientId());

    final TestClient client = new TestClient(emulator);
    final TestClient.Reply machines = client.get("/api/machines?$top=1", token.getToken());
    assertEquals(200, machines.status(), machines.body());
  }

  @Test void aWrongSecretFailsInTheCredential() {
    final RuntimeException e = assertThrows(RuntimeException.class, () -> credential("not-the-secret")
        .getToken(new TokenRequestContext().addScopes("https://api.securitycenter.microsoft.com/.default"))
        .block(Duration.ofSeconds(30)));
    String messages = "";
    for (Throwable t = e; t != null; t = t.getCause()) {
      messages += t.getMessage() + "\n";
    }
    assertTrue(messages.contains("AADSTS7000215"), messages);
  }
}
