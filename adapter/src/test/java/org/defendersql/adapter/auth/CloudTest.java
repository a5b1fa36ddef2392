package org.defendersql.adapter.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.defendersql.adapter.config.Cloud;
import org.defendersql.adapter.config.DefenderConnectionConfig;
import org.junit.jupiter.api.Test;

/**
 * The {@code cloud} setting resolves to each cloud's documented hosts (Defender for Endpoint for US Government:
 * gov.md; Microsoft Graph national clouds), and each host's own setting still wins.
 */
class CloudTest {
  private static DefenderConnectionConfig config(Map<String, String> settings) {
    final Map<String, Object> operand = new HashMap<>(Map.of("tenantId", "t", "clientId", "c", "clientSecret",
        "s"));
    operand.putAll(settings);
    return DefenderConnectionConfig.from(operand, name -> null);
  }

  /** serverUrl, authorityHost, scope, graphUrl, graphScope of a config. */
  private static List<String> hosts(DefenderConnectionConfig c) {
    return List.of(c.serverUrl().toString(), c.authorityHost().toString(), c.scope(),
        c.hunting().graphUrl().toString(), c.hunting().graphScope());
  }

  @Test void eachCloudHasItsDocumentedHosts() {
    assertEquals(List.of("https://api.securitycenter.microsoft.com", "https://login.microsoftonline.com",
        "https://api.securitycenter.microsoft.com/.default", "https://graph.microsoft.com",
        "https://graph.microsoft.com/.default"), hosts(config(Map.of())));
    assertEquals(hosts(config(Map.of())), hosts(config(Map.of("cloud", "global"))));
    assertEquals(List.of("https://api-gcc.securitycenter.microsoft.us", "https://login.microsoftonline.com",
        "https://api-gcc.securitycenter.microsoft.us/.default", "https://graph.microsoft.com",
        "https://graph.microsoft.com/.default"), hosts(config(Map.of("cloud", "gcc"))));
    assertEquals(List.of("https://api-gov.securitycenter.microsoft.us", "https://login.microsoftonline.us",
        "https://api-gov.securitycenter.microsoft.us/.default", "https://graph.microsoft.us",
        "https://graph.microsoft.us/.default"), hosts(config(Map.of("cloud", "gccHigh"))));
    assertEquals(List.of("https://api-gov.securitycenter.microsoft.us", "https://login.microsoftonline.us",
        "https://api-gov.securitycenter.microsoft.us/.default", "https://dod-graph.microsoft.us",
        "https://dod-graph.microsoft.us/.default"), hosts(config(Map.of("cloud", "dod"))));
  }

  @Test void namesAreReadLeniently() {
    assertEquals(Cloud.GCC_HIGH, Cloud.parse("GCC-High"));
    assertEquals(Cloud.GCC_HIGH, Cloud.parse("gcc_high"));
    assertEquals(Cloud.DOD, Cloud.parse("DoD"));
  }

  @Test void eachHostsOwnSettingWins() {
    final DefenderConnectionConfig c = config(Map.of("cloud", "dod", "serverUrl", "https://localhost:4443",
        "authorityHost", "https://localhost:4444", "graphUrl", "https://localhost:4445", "scope",
        "https://api.securitycenter.microsoft.com/.default", "graphScope", "https://graph.microsoft.com/.default"));
    assertEquals(List.of("https://localhost:4443", "https://localhost:4444",
        "https://api.securitycenter.microsoft.com/.default", "https://localhost:4445",
        "https://graph.microsoft.com/.default"), hosts(c));
    // One override leaves the cloud's other hosts in place.
    assertEquals(List.of("https://api-gov.securitycenter.microsoft.us", "https://login.microsoftonline.us",
        "https://api-gov.securitycenter.microsoft.us/.default", "https://graph.microsoft.us",
        "https://graph.microsoft.us/.default"), hosts(config(Map.of("cloud", "dod", "graphUrl",
        "https://graph.microsoft.us"))));
  }

  @Test void anUnknownCloudListsTheValidOnes() {
    final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> config(Map.of("cloud", "china")));
    assertTrue(e.getMessage().contains("cloud (environment DEFENDER_CLOUD) is invalid: 'china' is not a cloud; use"
        + " one of global, gcc, gccHigh, dod"), e.getMessage());
  }
}
