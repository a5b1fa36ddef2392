package org.defendersql.emulator.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;

/**
 * The token endpoint's checks of client assertions, in Entra ID's order and with its AADSTS codes: certificate
 * assertions (thumbprint, signature, client id, audience, time, the certificate's own validity, subject name and
 * issuer) and federated tokens (issuer, signature, time, subject and audience).
 */
class ClientAssertionsTest {
  private static final String TENANT = "4a3c2b1d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
  private static final String CLIENT = "9b8a7c6d-5e4f-4d3c-b2a1-0f9e8d7c6b5a";
  private static final String AUTHORITY = "https://localhost:4443";
  private static final String AUDIENCE = AUTHORITY + "/" + TENANT + "/oauth2/v2.0/token";
  private static final String ISSUER = "https://oidc.example/cluster/";
  private static final String SUBJECT = "system:serviceaccount:security:defender-sql";
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final HeldCertificate REGISTERED = new HeldCertificate.Builder().rsa2048().commonName("app")
      .validityInterval(NOW.minus(Duration.ofDays(1)).toEpochMilli(), NOW.plus(Duration.ofDays(1)).toEpochMilli())
      .build();
  private static final HeldCertificate EXPIRED = new HeldCertificate.Builder().rsa2048().commonName("old")
      .validityInterval(NOW.minus(Duration.ofDays(9)).toEpochMilli(), NOW.minus(Duration.ofDays(1)).toEpochMilli())
      .build();
  private static final HeldCertificate OTHER = new HeldCertificate.Builder().rsa2048().commonName("other")
      .duration(1, TimeUnit.DAYS).build();
  private static final HeldCertificate CA = new HeldCertificate.Builder().rsa2048().commonName("ca")
      .certificateAuthority(0).validityInterval(NOW.minus(Duration.ofDays(1)).toEpochMilli(),
          NOW.plus(Duration.ofDays(1)).toEpochMilli()).build();
  private static final HeldCertificate BY_SUBJECT = new HeldCertificate.Builder().rsa2048().commonName("sni")
      .signedBy(CA).validityInterval(NOW.minus(Duration.ofDays(1)).toEpochMilli(),
          NOW.plus(Duration.ofDays(1)).toEpochMilli()).build();
  private static final HeldCertificate CLUSTER = OTHER;

  private final TokenEndpoint endpoint = endpoint();

  private static TokenEndpoint endpoint() {
    final AppRegistry apps = new AppRegistry();
    apps.register(new App(CLIENT, "secret", Set.of("Machine.Read.All")));
    apps.addCertificate(CLIENT, REGISTERED.certificate());
    apps.addCertificate(CLIENT, EXPIRED.certificate());
    apps.trustSubject(CLIENT, new TrustedSubject("CN=sni", CA.certificate()));
    apps.addFederatedCredential(CLIENT, FederatedCredential.of(ISSUER, SUBJECT, CLUSTER.keyPair().getPublic()));
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final TokenEndpoint e = new TokenEndpoint(TENANT, apps, new TokenService(TENANT, Duration.ofHours(1), clock),
        clock);
    e.authority(AUTHORITY);
    return e;
  }

  private static Map<String, Object> header(X509Certificate c, String thumbprint) throws Exception {
    final Map<String, Object> h = new LinkedHashMap<>();
    h.put("alg", "RS256");
    h.put("typ", "JWT");
    h.put(thumbprint, Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance(
        thumbprint.equals("x5t") ? "SHA-1" : "SHA-256").digest(c.getEncoded())));
    return h;
  }

  private static Map<String, Object> claims(String iss, String sub, Object aud, Instant nbf, Instant exp) {
    final Map<String, Object> c = new LinkedHashMap<>();
    c.put("aud", aud);
    c.put("iss", iss);
    c.put("sub", sub);
    c.put("jti", "j-" + System.nanoTime());
    c.put("nbf", nbf.getEpochSecond());
    c.put("exp", exp.getEpochSecond());
    return c;
  }

  private static Map<String, Object> valid() {
    return claims(CLIENT, CLIENT, AUDIENCE, NOW.minusSeconds(1), NOW.plusSeconds(600));
  }

  private static String sign(Map<String, Object> header, Map<String, Object> claims, PrivateKey key)
      throws Exception {
    final Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    final String unsigned = b64.encodeToString(JSON.writeValueAsBytes(header)) + "."
        + b64.encodeToString(JSON.writeValueAsBytes(claims));
    final Signature s;
    if ("PS256".equals(header.get("alg"))) {
      s = Signature.getInstance("RSASSA-PSS");
      s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
    } else {
      s = Signature.getInstance("SHA256withRSA");
    }
    s.initSign(key);
    s.update(unsigned.getBytes(StandardCharsets.US_ASCII));
    return unsigned + "." + b64.encodeToString(s.sign());
  }

  private TokenEndpoint.Result send(String assertion) {
    return send(assertion, TokenEndpoint.JWT_BEARER);
  }

  private TokenEndpoint.Result send(String assertion, String type) {
    final Map<String, String> form = new HashMap<>();
    form.put("grant_type", "client_credentials");
    form.put("client_id", CLIENT);
    form.put("scope", "https://api.securitycenter.microsoft.com/.default");
    form.put("client_assertion", assertion);
    if (type != null) {
      form.put("client_assertion_type", type);
    }
    return endpoint.handle(TENANT, form);
  }

  private static void refused(TokenEndpoint.Result r, int aadsts, String words) {
    assertNull(r.accessToken());
    assertNotNull(r.error(), "refused");
    assertEquals(aadsts, r.error().aadsts(), r.error().message());
    assertTrue(r.error().message().contains(words), r.error().message());
  }

  @Test void aCertificateAssertionNamedByEitherThumbprintSignsIn() throws Exception {
    final PrivateKey key = REGISTERED.keyPair().getPrivate();
    assertNotNull(send(sign(header(REGISTERED.certificate(), "x5t#S256"), valid(), key)).accessToken());
    assertNotNull(send(sign(header(REGISTERED.certificate(), "x5t"), valid(), key)).accessToken());
    final Map<String, Object> pss = header(REGISTERED.certificate(), "x5t#S256");
    pss.put("alg", "PS256");
    assertNotNull(send(sign(pss, valid(), key)).accessToken());
    // MSAL for Java writes the thumbprint in padded standard base64.
    final Map<String, Object> msal = header(REGISTERED.certificate(), "x5t");
    msal.put("x5t", Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
        .digest(REGISTERED.certificate().getEncoded())));
    assertNotNull(send(sign(msal, valid(), key)).accessToken());
  }

  @Test void anUnregisteredCertificate() throws Exception {
    refused(send(sign(header(OTHER.certificate(), "x5t#S256"), valid(), OTHER.keyPair().getPrivate())), 700027,
        "is not registered on application");
  }

  @Test void aSignatureByAnotherKey() throws Exception {
    refused(send(sign(header(REGISTERED.certificate(), "x5t#S256"), valid(), OTHER.keyPair().getPrivate())),
        700027, "invalid signature");
    final Map<String, Object> none = header(REGISTERED.certificate(), "x5t#S256");
    none.put("alg", "none");
    refused(send(sign(none, valid(), REGISTERED.keyPair().getPrivate())), 700027, "invalid signature");
  }

  @Test void anExpiredRegisteredCertificate() throws Exception {
    refused(send(sign(header(EXPIRED.certificate(), "x5t#S256"), valid(), EXPIRED.keyPair().getPrivate())),
        700027, "The key used is expired");
  }

  @Test void anotherAppsIdInSub() throws Exception {
    final Map<String, Object> c = valid();
    c.put("sub", "someone-else");
    refused(send(sign(header(REGISTERED.certificate(), "x5t#S256"), c, REGISTERED.keyPair().getPrivate())),
        700021, "doesn't match 'client_id'");
  }

  @Test void anotherTenantsAudience() throws Exception {
    final Map<String, Object> c = valid();
    c.put("aud", AUTHORITY + "/another-tenant/oauth2/v2.0/token");
    refused(send(sign(header(REGISTERED.certificate(), "x5t#S256"), c, REGISTERED.keyPair().getPrivate())),
        700023, "audience claim does not match");
  }

  @Test void outsideItsTimeRangeWithNoSkew() throws Exception {
    final PrivateKey key = REGISTERED.keyPair().getPrivate();
    final Map<String, Object> h = header(REGISTERED.certificate(), "x5t#S256");
    refused(send(sign(h, claims(CLIENT, CLIENT, AUDIENCE, NOW.minusSeconds(700), NOW), key)), 700024,
        "Current time: " + NOW);
    refused(send(sign(h, claims(CLIENT, CLIENT, AUDIENCE, NOW.plusSeconds(1), NOW.plusSeconds(600)), key)), 700024,
        "not within its valid time range");
  }

  @Test void malformedOrMistypedAssertions() throws Exception {
    refused(send("not.a-jwt"), 50027, "invalid or malformed");
    final String good = sign(header(REGISTERED.certificate(), "x5t#S256"), valid(), REGISTERED.keyPair()
        .getPrivate());
    refused(send(good, "urn:ietf:params:oauth:client-assertion-type:saml2-bearer"), 70002, "is not supported");
    refused(send(good, null), 900144, "client_assertion_type");
  }

  @Test void subjectNameAndIssuerNeedTheTrustedChain() throws Exception {
    final Map<String, Object> h = header(BY_SUBJECT.certificate(), "x5t#S256");
    h.put("x5c", List.of(Base64.getEncoder().encodeToString(BY_SUBJECT.certificate().getEncoded()),
        Base64.getEncoder().encodeToString(CA.certificate().getEncoded())));
    assertNotNull(send(sign(h, valid(), BY_SUBJECT.keyPair().getPrivate())).accessToken());
    h.remove("x5c");
    refused(send(sign(h, valid(), BY_SUBJECT.keyPair().getPrivate())), 700027, "not registered");
    // The same subject from another CA is not trusted.
    final HeldCertificate selfMade = new HeldCertificate.Builder().rsa2048().commonName("sni")
        .duration(1, TimeUnit.DAYS).build();
    final Map<String, Object> forged = header(selfMade.certificate(), "x5t#S256");
    forged.put("x5c", List.of(Base64.getEncoder().encodeToString(selfMade.certificate().getEncoded())));
    refused(send(sign(forged, valid(), selfMade.keyPair().getPrivate())), 700027, "not registered");
  }

  @Test void federatedTokens() throws Exception {
    final PrivateKey key = CLUSTER.keyPair().getPrivate();
    final Map<String, Object> h = Map.of("alg", "RS256", "kid", "k");
    final List<String> exchange = List.of(FederatedCredential.TOKEN_EXCHANGE_AUDIENCE);
    final Instant from = NOW.minusSeconds(60);
    final Instant until = NOW.plusSeconds(3600);
    assertNotNull(send(sign(h, claims(ISSUER, SUBJECT, exchange, from, until), key)).accessToken());
    refused(send(sign(h, claims("https://elsewhere/", SUBJECT, exchange, from, until), key)), 700211,
        "assertion issuer 'https://elsewhere/'");
    refused(send(sign(h, claims(ISSUER, SUBJECT, exchange, from, until), REGISTERED.keyPair().getPrivate())), 50013,
        "signature validation");
    refused(send(sign(h, claims(ISSUER, SUBJECT, exchange, NOW.minusSeconds(7200), NOW.minusSeconds(3600)), key)),
        700024, "not within its valid time range");
    refused(send(sign(h, claims(ISSUER, "system:serviceaccount:default:x", exchange, from, until), key)), 70021,
        "Assertion Subject: 'system:serviceaccount:default:x'");
    refused(send(sign(h, claims(ISSUER, SUBJECT, "api://other", from, until), key)), 70021,
        "Assertion Audience: 'api://other'");
  }
}
