package org.defendersql.server.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The password hashes of Jetty's realm file that each authentication mode can check. BASIC compares
 * {@code MD5(password)}; DIGEST never sees the password, so it needs {@code MD5(user:realm:password)} (the
 * digest's HA1), and a BASIC hash does not work for it, nor a DIGEST one for BASIC. Jetty reads and compares these
 * as ISO-8859-1, so only printable ASCII passwords are hashed here, where every client encodes them alike.
 */
public final class PasswordHashes {
  private PasswordHashes() {
  }

  /** The credential to write after {@code user:} in the users file for {@code mode}, e.g. {@code MD5:5f4d...}. */
  public static String credential(AuthMode mode, String user, String password) {
    checkPrintableAscii("user name", user);
    checkPrintableAscii("password", password);
    if (user.isBlank() || user.contains(":") || user.contains("=") || user.contains(",")) {
      throw new SecurityConfigException("A user name must not be empty nor contain ':', '=' or ','");
    }
    return switch (mode) {
    case BASIC -> "MD5:" + md5(password);
    case DIGEST -> "MD5:" + md5(user + ":" + AuthMode.REALM + ":" + password);
    case NONE, ENTRA -> throw new SecurityConfigException("Passwords are hashed for --auth basic or --auth digest");
    };
  }

  /** The users-file line of {@code user} for {@code mode}. */
  public static String line(AuthMode mode, String user, String password) {
    return user + ": " + credential(mode, user, password);
  }

  private static String md5(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(
          StandardCharsets.ISO_8859_1)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has MD5", e);
    }
  }

  private static void checkPrintableAscii(String what, String text) {
    for (int i = 0; i < text.length(); i++) {
      final char c = text.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        throw new SecurityConfigException("The " + what + " may hold printable ASCII characters only (Jetty reads"
            + " credentials as ISO-8859-1 and clients differ on anything else)");
      }
    }
  }
}
