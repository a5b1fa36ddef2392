package org.defendersql.emulator.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The applications registered in the emulated tenant, looked up by client id (a GUID, so ignoring case). */
public final class AppRegistry {
  private final Map<String, App> apps = new ConcurrentHashMap<>();

  public void register(App app) {
    apps.put(app.clientId().toLowerCase(Locale.ROOT), app);
  }

  public Optional<App> find(String clientId) {
    return Optional.ofNullable(apps.get(clientId.toLowerCase(Locale.ROOT)));
  }

  /** Compares a presented secret in constant time, so timing does not reveal how much of it matched. */
  public static boolean secretMatches(App app, String presented) {
    return MessageDigest.isEqual(app.secret().getBytes(StandardCharsets.UTF_8),
        presented.getBytes(StandardCharsets.UTF_8));
  }
}
