package org.defendersql.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where the server may listen without authentication, and what it warns about elsewhere. */
class ExposureTest {
  private static final SecurityOptions BASIC = SecurityOptions.NONE.withAuth(AuthMode.BASIC, Path.of("users"));

  @Test void loopbackStaysOpenWithoutAuthentication() throws Exception {
    for (String host : List.of("127.0.0.1", "::1", "localhost", "127.0.0.2")) {
      assertTrue(Exposure.refusal(InetAddress.getByName(host), SecurityOptions.NONE).isEmpty(), host);
      assertEquals(List.of(), Exposure.warnings(InetAddress.getByName(host), SecurityOptions.NONE), host);
    }
  }

  @Test void anyOtherAddressNeedsAuthenticationAndTheRefusalNamesTheOptions() throws Exception {
    for (String host : List.of("0.0.0.0", "::", "10.1.2.3", "192.168.0.7")) {
      final String refusal = Exposure.refusal(InetAddress.getByName(host), SecurityOptions.NONE).orElseThrow();
      assertTrue(refusal.startsWith("refusing to listen on "), refusal);
      assertTrue(refusal.contains("--auth basic --users FILE") && refusal.contains("--tls-keystore FILE"), refusal);
      assertTrue(Exposure.refusal(InetAddress.getByName(host), BASIC).isEmpty(), host);
    }
  }

  @Test void credentialsOverPlainHttpBeyondLoopbackAreWarnedAbout() throws Exception {
    final List<String> w = Exposure.warnings(InetAddress.getByName("0.0.0.0"), BASIC);
    assertEquals(1, w.size(), w.toString());
    assertTrue(w.get(0).contains("password readable by anyone") && w.get(0).contains("--tls-keystore"), w.get(0));
    final SecurityOptions tls = BASIC.withTls(new TlsKeyStore(Path.of("ks.p12"), "pw", null));
    assertEquals(List.of(), Exposure.warnings(InetAddress.getByName("0.0.0.0"), tls));
    assertFalse(Exposure.warnings(InetAddress.getByName("10.1.2.3"),
        SecurityOptions.NONE.withAuth(AuthMode.DIGEST, Path.of("users"))).isEmpty());
  }

  @Test void theServerRefusesToStartThereBeforeListening() {
    final SecurityConfigException e = org.junit.jupiter.api.Assertions.assertThrows(SecurityConfigException.class,
        () -> ServerSecurity.prepare("0.0.0.0", SecurityOptions.NONE));
    assertTrue(e.getMessage().contains("without authentication"), e.getMessage());
  }
}
