package org.defendersql.emulator.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The API's bearer-token checks, with a fixed clock. */
class TokenServiceTest {
  private static final String TENANT = "4a3c2b1d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final List<String> ALERT_ROLES = List.of("Alert.Read.All", "Alert.ReadWrite.All");

  private final MutableClock clock = new MutableClock();
  private final TokenService tokens = new TokenService(TENANT, Duration.ofSeconds(3599), clock);
  private final App reader = new App("c1", "s", Set.of("Alert.Read.All", "Machine.Read.All"));

  /** A clock tests can move. */
  private static final class MutableClock extends Clock {
    Instant now = NOW;

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private Map<String, Object> claims() {
    final Map<String, Object> c = new LinkedHashMap<>();
    c.put("aud", DefenderAudience.AUDIENCE);
    c.put("iss", tokens.issuer());
    c.put("tid", TENANT);
    c.put("appid", "c1");
    c.put("nbf", NOW.getEpochSecond());
    c.put("exp", NOW.getEpochSecond() + 60);
    c.put("roles", List.of("Alert.Read.All"));
    return c;
  }

  @Test void acceptsAFreshTokenWithARequiredRole() {
    final TokenService.Verdict v = tokens.check("Bearer " + tokens.issue(reader), ALERT_ROLES);
    assertTrue(v.allowed());
    assertEquals("c1", v.appId());
    assertTrue(tokens.check("bearer " + tokens.issue(reader), ALERT_ROLES).allowed(), "scheme ignores case");
  }

  @Test void missingOrMalformed() {
    assertEquals(401, tokens.check(null, ALERT_ROLES).status());
    assertEquals(401, tokens.check("Basic abc", ALERT_ROLES).status());
    assertEquals(401, tokens.check("Bearer ", ALERT_ROLES).status());
    final TokenService.Verdict garbage = tokens.check("Bearer not-a-jwt", ALERT_ROLES);
    assertEquals(401, garbage.status());
    assertEquals("The access token is malformed.", garbage.message());
    assertNull(garbage.appId());
  }

  @Test void badSignature() {
    final String token = tokens.issue(reader);
    final String other = new TokenService(TENANT, Duration.ofSeconds(3599), clock).issue(reader);
    final TokenService.Verdict v = tokens.check("Bearer " + other, ALERT_ROLES);
    assertEquals(401, v.status());
    assertEquals("The access token signature is invalid.", v.message());
    final String[] parts = token.split("\\.");
    final String forged = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 2) + "AA";
    assertEquals(401, tokens.check("Bearer " + forged, ALERT_ROLES).status());
    final String none = "eyJhbGciOiJub25lIn0." + parts[1] + ".";
    assertEquals("The access token signature algorithm is not accepted.",
        tokens.check("Bearer " + none, ALERT_ROLES).message());
  }

  @Test void expiredWithoutClockSkewAndNotYetValid() {
    final String token = tokens.issue(reader);
    clock.now = NOW.plusSeconds(3598);
    assertTrue(tokens.check("Bearer " + token, ALERT_ROLES).allowed());
    clock.now = NOW.plusSeconds(3599);
    final TokenService.Verdict v = tokens.check("Bearer " + token, ALERT_ROLES);
    assertEquals(401, v.status());
    assertEquals("The access token has expired.", v.message());
    assertEquals("c1", v.appId(), "an expired but genuine token still names its app");
    clock.now = NOW.minusSeconds(1);
    assertEquals("The access token is not yet valid.", tokens.check("Bearer " + token, ALERT_ROLES).message());
  }

  @Test void wrongTenantIs401() {
    final Map<String, Object> c = claims();
    c.put("tid", "00000000-0000-0000-0000-000000000000");
    assertEquals(401, tokens.check("Bearer " + tokens.sign(c), ALERT_ROLES).status());
    final Map<String, Object> i = claims();
    i.put("iss", "https://sts.windows.net/other/");
    assertEquals(401, tokens.check("Bearer " + tokens.sign(i), ALERT_ROLES).status());
  }

  @Test void wrongAudienceIs403() {
    final Map<String, Object> c = claims();
    c.put("aud", "https://graph.microsoft.com");
    final TokenService.Verdict v = tokens.check("Bearer " + tokens.sign(c), ALERT_ROLES);
    assertEquals(403, v.status());
    assertTrue(v.message().contains("audience"));
  }

  @Test void missingRolesIs403() {
    final App machinesOnly = new App("c2", "s", Set.of("Machine.Read.All"));
    final TokenService.Verdict v = tokens.check("Bearer " + tokens.issue(machinesOnly), ALERT_ROLES);
    assertEquals(403, v.status());
    assertTrue(v.message().startsWith("Missing application roles. API required roles: Alert.Read.All, "
        + "Alert.ReadWrite.All."), v.message());
    final App writer = new App("c3", "s", Set.of("Alert.ReadWrite.All"));
    assertTrue(tokens.check("Bearer " + tokens.issue(writer), ALERT_ROLES).allowed(), "any listed role will do");
    final Map<String, Object> c = claims();
    c.remove("roles");
    assertEquals(403, tokens.check("Bearer " + tokens.sign(c), ALERT_ROLES).status());
  }

  @Test void appToStringHidesTheSecret() {
    assertTrue(!new App("c", "hunter2", Set.of()).toString().contains("hunter2"));
  }
}
