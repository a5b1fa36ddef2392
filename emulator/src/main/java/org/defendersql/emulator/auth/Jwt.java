package org.defendersql.emulator.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies compact JWTs with HS256 under one key. Azure AD signs with RS256; a symmetric key is enough
 * here because only the emulator itself verifies its tokens, and clients treat tokens as opaque.
 */
public final class Jwt {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
  };

  private final byte[] key;
  private final String keyId;

  public Jwt(byte[] key, String keyId) {
    this.key = key.clone();
    this.keyId = keyId;
  }

  /** A signed token carrying the claims. */
  public String sign(Map<String, Object> claims) {
    final Map<String, Object> header = new LinkedHashMap<>();
    header.put("typ", "JWT");
    header.put("alg", "HS256");
    header.put("kid", keyId);
    final String unsigned = part(header) + "." + part(claims);
    return unsigned + "." + ENCODER.encodeToString(mac(unsigned));
  }

  /**
   * The claims of a token whose signature is valid.
   *
   * @throws InvalidTokenException if the token is malformed, not HS256 or wrongly signed
   */
  public Map<String, Object> verify(String token) throws InvalidTokenException {
    final String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      throw new InvalidTokenException("The access token is malformed.");
    }
    final Map<String, Object> header = decode(parts[0]);
    if (!"HS256".equals(header.get("alg"))) {
      throw new InvalidTokenException("The access token signature algorithm is not accepted.");
    }
    final byte[] signature;
    try {
      signature = DECODER.decode(parts[2]);
    } catch (IllegalArgumentException e) {
      throw new InvalidTokenException("The access token is malformed.");
    }
    if (!MessageDigest.isEqual(signature, mac(parts[0] + "." + parts[1]))) {
      throw new InvalidTokenException("The access token signature is invalid.");
    }
    return decode(parts[1]);
  }

  private static Map<String, Object> decode(String part) throws InvalidTokenException {
    try {
      return JSON.readValue(DECODER.decode(part), MAP);
    } catch (IllegalArgumentException | java.io.IOException e) {
      throw new InvalidTokenException("The access token is malformed.");
    }
  }

  private static String part(Map<String, Object> json) {
    try {
      return ENCODER.encodeToString(JSON.writeValueAsBytes(json));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private byte[] mac(String data) {
    try {
      final Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A token that cannot be trusted at all: malformed or wrongly signed. */
  public static final class InvalidTokenException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidTokenException(String message) {
      super(message);
    }
  }
}
