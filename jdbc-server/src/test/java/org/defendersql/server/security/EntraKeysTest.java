package org.defendersql.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.auth.EntraIssuer;
import org.defendersql.emulator.auth.EntraSigningKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tenant's signing keys as {@link EntraKeys} reads them from the emulated tenant's OpenID metadata: read on
 * the first token, read again when a token names a key they lack (a key rollover) but at most once per period
 * however many unknown key ids arrive, and an authority that cannot be reached is the server's fault, not the
 * token's.
 */
class EntraKeysTest {
  private static DefenderEmulator emulator;
  private static EntraIssuer entra;
  private static EntraIssuer.ProtectedApi api;

  @BeforeAll static void start() {
    emulator = DefenderEmulator.builder().alerts(5).machines(2).seed(3).build().start();
    entra = emulator.entra();
    api = entra.registerApi("api://keys-test", 2);
  }

  @AfterAll static void stop() {
    emulator.close();
  }

  /** A clock tests move forward. */
  private static final class MovableClock extends Clock {
    private Instant now = Instant.now();

    @Override public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override public Instant instant() {
      return now;
    }
  }

  private static EntraOptions options(String authority) {
    return new EntraOptions(emulator.tenantId(), List.of(api.clientId()), authority, null,
        emulator.certificateFile());
  }

  @Test void anUnknownKeyIsLookedUpAgainAtMostOncePerPeriod() {
    final MovableClock clock = new MovableClock();
    final EntraTokenValidator validator = new EntraTokenValidator(options(emulator.authorityHost()),
        new EntraKeys(options(emulator.authorityHost()), clock, Duration.ofMinutes(1)), Clock.systemUTC());
    final long before = keyReads();
    final String beforeRollover = token("ann@contoso.example");
    assertEquals("ann@contoso.example", validator.validate(beforeRollover).user());
    assertEquals(before + 1, keyReads());

    // The tenant rolls its key over within the minute: the new key is not looked up yet, nor are forged ones.
    entra.rotateKey();
    final String afterRollover = token("ben@contoso.example");
    final EntraTokenValidator.Outcome early = validator.validate(afterRollover);
    assertFalse(early.accepted());
    assertTrue(early.refusal().startsWith("bad signature: the token is signed by a key that is not among"),
        early.refusal());
    for (int i = 0; i < 5; i++) {
      assertFalse(validator.validate(EntraSigningKey.generate().sign(entra.userClaims("x", "y", api, List.of(),
          List.of()))).accepted());
    }
    assertEquals(before + 1, keyReads());

    // A minute later the unknown key id makes the keys be read again, and the new key is there.
    clock.now = clock.now.plusSeconds(61);
    assertEquals("ben@contoso.example", validator.validate(afterRollover).user());
    assertEquals(before + 2, keyReads());
    // Tokens of the old key still verify: Entra ID keeps publishing it for a while.
    assertEquals("ann@contoso.example", validator.validate(beforeRollover).user());
    assertFalse(validator.validate(EntraSigningKey.generate().sign(entra.userClaims("x", "y", api, List.of(),
        List.of()))).accepted());
    assertEquals(before + 2, keyReads());
  }

  @Test void anUnreachableAuthorityIsTheServersFault() {
    final EntraOptions nowhere = options("https://127.0.0.1:1");
    final EntraTokenValidator validator = new EntraTokenValidator(nowhere, new EntraKeys(nowhere,
        Clock.systemUTC(), Duration.ofMinutes(1)), Clock.systemUTC());
    final EntraTokenValidator.Outcome o = validator.validate(token("cy@contoso.example"));
    assertTrue(o.serverFault(), o.toString());
    assertTrue(o.refusal().startsWith("defender-sql cannot read the signing keys of Entra ID tenant "
        + emulator.tenantId() + " from https://127.0.0.1:1/"), o.refusal());
  }

  private static String token(String user) {
    return entra.userToken(user, emulator.clientId(), api, List.of(), List.of());
  }

  private static long keyReads() {
    return emulator.requestLog().stream().filter(r -> r.path().endsWith("/discovery/v2.0/keys")).count();
  }
}
