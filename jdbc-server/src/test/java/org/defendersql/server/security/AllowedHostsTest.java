package org.defendersql.server.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Host headers a server takes for its own. */
class AllowedHostsTest {
  @Test void aLoopbackServerAnswersLoopbackNamesOnly() throws Exception {
    final AllowedHosts h = AllowedHosts.of("127.0.0.1", InetAddress.getByName("127.0.0.1"), List.of());
    for (String ok : List.of("localhost:8765", "LOCALHOST", "localhost.:8765", "127.0.0.1:8765", "[::1]:8765",
        "127.0.0.1")) {
      assertTrue(h.allows(ok), ok);
    }
    for (String refused : List.of("evil.example:8765", "localhost.evil.example", "127.0.0.2:8765", "127.1:8765",
        "2130706433", "", "[::1", "10.0.0.1")) {
      assertFalse(h.allows(refused), refused);
    }
    assertFalse(h.allows(null));
  }

  @Test void publicNamesAndTheBoundAddressAreAdded() throws Exception {
    final AllowedHosts h = AllowedHosts.of("10.20.30.40", InetAddress.getByName("10.20.30.40"),
        List.of("sql.example.org", "proxy.example.org."));
    assertTrue(h.allows("10.20.30.40:443"));
    assertTrue(h.allows("SQL.example.org:8765"));
    assertTrue(h.allows("proxy.example.org"));
    assertFalse(h.allows("localhost:8765"), "a server bound to another address is not reached by loopback");
    assertFalse(h.allows("example.org"));
  }

  @Test void aServerOnEveryInterfaceAnswersItsAddressesAndName() throws Exception {
    final AllowedHosts h = AllowedHosts.of("0.0.0.0", InetAddress.getByName("0.0.0.0"), List.of());
    assertTrue(h.allows("localhost:1"));
    assertTrue(h.allows("127.0.0.1:1"));
    assertTrue(h.allows(InetAddress.getLocalHost().getHostName()));
    assertFalse(h.allows("0.0.0.0:1"));
    assertFalse(h.allows("evil.example"));
  }
}
