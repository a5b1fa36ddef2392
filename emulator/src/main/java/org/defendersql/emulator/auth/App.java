package org.defendersql.emulator.auth;

import java.util.Set;

/**
 * An application registration in the emulated directory: a client id, its secret and the application roles
 * (e.g. {@code Alert.Read.All}) admin consent has granted it on the Defender API.
 */
public record App(String clientId, String secret, Set<String> roles) {
  public App {
    roles = Set.copyOf(roles);
  }

  /** Never shows the secret: records print every component otherwise. */
  @Override
  public String toString() {
    return "App[clientId=" + clientId + ", roles=" + roles + "]";
  }
}
