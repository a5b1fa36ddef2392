package org.defendersql.server.security;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The user name refused credentials named (BASIC, DIGEST, or the claims of a bearer token), for the log of
 * authentication failures; never their secret part.
 */
final class RefusedCredentials {
  private static final Pattern DIGEST_USER = Pattern.compile("(?i)(?:^|,)\\s*username\\s*=\\s*\"([^\"]*)\"");
  /** A name longer than this is cut: the log line must stay a line whatever a client sends. */
  private static final int MAX_NAME = 128;

  private RefusedCredentials() {
  }

  /** The user of an {@code Authorization} header's credentials, or null when they name none or cannot be read. */
  static String user(String scheme, String credentials) {
    final String name = switch (scheme.toLowerCase(Locale.ROOT)) {
      case "basic" -> basicUser(credentials);
      case "digest" -> digestUser(credentials);
      case "bearer" -> bearerUser(credentials);
      default -> null;
    };
    if (name == null) {
      return null;
    }
    final String printable = name.codePoints().filter(c -> !Character.isISOControl(c))
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    return printable.length() > MAX_NAME ? printable.substring(0, MAX_NAME) + "..." : printable;
  }

  private static String basicUser(String credentials) {
    try {
      final String decoded = new String(Base64.getDecoder().decode(credentials.trim()), StandardCharsets.UTF_8);
      final int colon = decoded.indexOf(':');
      // Without a colon the whole text may be a password typed in the wrong place: never log it.
      return colon < 0 ? null : decoded.substring(0, colon);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * The user a refused token claims to be ({@code preferred_username}, {@code upn} or {@code oid}), read without
   * trusting it, as the name of refused BASIC credentials is: a log of who tried, never proof of who it was.
   */
  private static String bearerUser(String credentials) {
    try {
      final JWTClaimsSet claims = JWTParser.parse(credentials.trim()).getJWTClaimsSet();
      for (String name : new String[] {"preferred_username", "upn", "oid"}) {
        if (claims.getClaim(name) instanceof String s && !s.isBlank()) {
          return s;
        }
      }
      return null;
    } catch (java.text.ParseException | RuntimeException e) {
      return null;
    }
  }

  private static String digestUser(String credentials) {
    final Matcher m = DIGEST_USER.matcher(credentials);
    return m.find() ? m.group(1) : null;
  }
}
