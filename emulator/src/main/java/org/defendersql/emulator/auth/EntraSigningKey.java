package org.defendersql.emulator.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * An RSA key Entra ID signs access tokens with (RS256), named by its key id ({@code kid}), and its public half as
 * a JSON Web Key for the tenant's key set. A key made apart from the tenant's signs tokens no server should accept.
 */
public final class EntraSigningKey {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final String kid;
  private final KeyPair pair;

  private EntraSigningKey(String kid, KeyPair pair) {
    this.kid = kid;
    this.pair = pair;
  }

  /** A new 2048-bit key with a random key id. */
  public static EntraSigningKey generate() {
    return generate(B64.encodeToString(UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII))
        .substring(0, 27));
  }

  /** A new 2048-bit key with this key id (a forger may copy the id of a real key). */
  public static EntraSigningKey generate(String kid) {
    try {
      final KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return new EntraSigningKey(kid, g.generateKeyPair());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA is not available", e);
    }
  }

  /** The key id, as tokens' headers and the key set name it. */
  public String kid() {
    return kid;
  }

  /** The compact JWS of {@code claims}, signed RS256 under this key, its header naming the key. */
  public String sign(Map<String, Object> claims) {
    final Map<String, Object> header = new LinkedHashMap<>();
    header.put("typ", "JWT");
    header.put("alg", "RS256");
    header.put("kid", kid);
    final String unsigned = part(header) + "." + part(claims);
    try {
      final Signature s = Signature.getInstance("SHA256withRSA");
      s.initSign(pair.getPrivate());
      s.update(unsigned.getBytes(StandardCharsets.US_ASCII));
      return unsigned + "." + B64.encodeToString(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with RSA", e);
    }
  }

  /** The public key as a JWK, as Entra ID's key sets list it ({@code kty}, {@code use}, {@code kid}, n, e). */
  public Map<String, Object> jwk() {
    final RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
    final Map<String, Object> jwk = new LinkedHashMap<>();
    jwk.put("kty", "RSA");
    jwk.put("use", "sig");
    jwk.put("kid", kid);
    jwk.put("n", unsigned(pub.getModulus()));
    jwk.put("e", unsigned(pub.getPublicExponent()));
    return jwk;
  }

  /** Base64url of a JSON object. */
  static String part(Map<String, Object> json) {
    try {
      return B64.encodeToString(JSON.writeValueAsBytes(json));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Base64url of an unsigned big-endian integer, without the sign byte {@link BigInteger} may add. */
  private static String unsigned(BigInteger value) {
    final byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      final byte[] trimmed = new byte[bytes.length - 1];
      System.arraycopy(bytes, 1, trimmed, 0, trimmed.length);
      return B64.encodeToString(trimmed);
    }
    return B64.encodeToString(bytes);
  }
}
