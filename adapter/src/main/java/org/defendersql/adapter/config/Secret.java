package org.defendersql.adapter.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A client secret that never shows itself: {@link #toString()} is masked, so the secret cannot leak through a
 * log line, an exception message, EXPLAIN or a debugger's summary. Only {@link #reveal()} gives the value, and
 * only the token request calls it.
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /** Wraps a secret value; null for an absent secret. */
  public static Secret of(String value) {
    return value == null || value.isEmpty() ? null : new Secret(value);
  }

  /** The secret itself, for the token request only. */
  public String reveal() {
    return value;
  }

  /** A short, one-way fingerprint that tells two secrets apart in a cache key without exposing either. */
  String fingerprint() {
    try {
      final byte[] d = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override public boolean equals(Object o) {
    return o instanceof Secret s && MessageDigest.isEqual(s.value.getBytes(StandardCharsets.UTF_8),
        value.getBytes(StandardCharsets.UTF_8));
  }

  @Override public int hashCode() {
    return fingerprint().hashCode();
  }

  @Override public String toString() {
    return "****";
  }
}
