package org.defendersql.emulator.auth;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compact JWS signed with an RSA key, as a client assertion or a federated token arrives at the token endpoint:
 * its header and claims, readable before the signature is checked (the header says which key to check it with),
 * and the check itself. RS256 and PS256 are accepted, as by Entra ID; anything else never verifies.
 */
final class SignedJwt {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
  };

  final Map<String, Object> header;
  final Map<String, Object> claims;
  private final byte[] signingInput;
  private final byte[] signature;

  private SignedJwt(Map<String, Object> header, Map<String, Object> claims, byte[] signingInput, byte[] signature) {
    this.header = header;
    this.claims = claims;
    this.signingInput = signingInput;
    this.signature = signature;
  }

  /**
   * Parses a token without trusting it.
   *
   * @throws Jwt.InvalidTokenException if it is not three base64url parts of JSON objects
   */
  static SignedJwt parse(String token) throws Jwt.InvalidTokenException {
    final String[] parts = token.trim().split("\\.", -1);
    if (parts.length != 3) {
      throw new Jwt.InvalidTokenException("JWT token is invalid or malformed.");
    }
    try {
      final Base64.Decoder d = Base64.getUrlDecoder();
      return new SignedJwt(JSON.readValue(d.decode(parts[0]), MAP), JSON.readValue(d.decode(parts[1]), MAP),
          (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII), d.decode(parts[2]));
    } catch (IllegalArgumentException | java.io.IOException e) {
      throw new Jwt.InvalidTokenException("JWT token is invalid or malformed.");
    }
  }

  /** Whether the signature verifies with this key under the header's algorithm. */
  boolean verifiesWith(PublicKey key) {
    try {
      final Signature s;
      switch (String.valueOf(header.get("alg"))) {
        case "RS256" -> s = Signature.getInstance("SHA256withRSA");
        case "PS256" -> {
          s = Signature.getInstance("RSASSA-PSS");
          s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        }
        default -> {
          return false;
        }
      }
      s.initVerify(key);
      s.update(signingInput);
      return s.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** A string claim or header value, or null. */
  static String string(Map<String, Object> json, String name) {
    return json.get(name) instanceof String s ? s : null;
  }

  /** A numeric date claim in epoch seconds, or null. */
  Long seconds(String name) {
    return claims.get(name) instanceof Number n ? n.longValue() : null;
  }

  /** The audiences: {@code aud} is a string or an array of them. */
  List<String> audiences() {
    final Object aud = claims.get("aud");
    if (aud instanceof String s) {
      return List.of(s);
    }
    if (aud instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    return List.of();
  }
}
