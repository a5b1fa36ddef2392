package org.defendersql.emulator.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The applications registered in the emulated tenant, looked up by client id (a GUID, so ignoring case), with
 * their credentials besides the secret: certificates, trusted subject names and federated identity credentials.
 */
public final class AppRegistry {
  private final Map<String, App> apps = new ConcurrentHashMap<>();
  private final Map<String, List<X509Certificate>> certificates = new ConcurrentHashMap<>();
  private final Map<String, List<TrustedSubject>> subjects = new ConcurrentHashMap<>();
  private final Map<String, List<FederatedCredential>> federated = new ConcurrentHashMap<>();

  public void register(App app) {
    apps.put(key(app.clientId()), app);
  }

  public Optional<App> find(String clientId) {
    return Optional.ofNullable(apps.get(key(clientId)));
  }

  /** Uploads a certificate's public part to an app (Certificates & secrets). */
  public void addCertificate(String clientId, X509Certificate certificate) {
    certificates.computeIfAbsent(key(clientId), k -> new CopyOnWriteArrayList<>()).add(certificate);
  }

  /** Lets certificates with this subject from this issuer sign the app in (with {@code x5c}). */
  public void trustSubject(String clientId, TrustedSubject subject) {
    subjects.computeIfAbsent(key(clientId), k -> new CopyOnWriteArrayList<>()).add(subject);
  }

  /** Adds a federated identity credential to an app. */
  public void addFederatedCredential(String clientId, FederatedCredential credential) {
    federated.computeIfAbsent(key(clientId), k -> new CopyOnWriteArrayList<>()).add(credential);
  }

  List<X509Certificate> certificates(String clientId) {
    return certificates.getOrDefault(key(clientId), List.of());
  }

  List<TrustedSubject> trustedSubjects(String clientId) {
    return subjects.getOrDefault(key(clientId), List.of());
  }

  List<FederatedCredential> federatedCredentials(String clientId) {
    return federated.getOrDefault(key(clientId), List.of());
  }

  /** Compares a presented secret in constant time, so timing does not reveal how much of it matched. */
  public static boolean secretMatches(App app, String presented) {
    return MessageDigest.isEqual(app.secret().getBytes(StandardCharsets.UTF_8),
        presented.getBytes(StandardCharsets.UTF_8));
  }

  private static String key(String clientId) {
    return clientId.toLowerCase(Locale.ROOT);
  }
}
