package org.defendersql.adapter.pushdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.defendersql.adapter.odata.DefenderRequest;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Lookup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keys never walk the API's paths: a key that is empty, made of dots, or holds a path separator, a query or
 * fragment mark, an escape or a path parameter never reaches a URL path (WireMock's journal shows no request),
 * whether it is a literal, a parameter or a joined value, and the scan answers what SQL answers: no row, as no
 * row has such a key.
 */
class KeyPathSafetyTest {
  private static final List<String> BAD_KEYS = List.of("..", ".", "...", "a/b", "a\\b", "%2e%2e", "", "a?b", "a#b",
      "..;", "a;b", "a\nb", "../alerts", "CONTOSO\\..", "..@contoso.com", "\\");

  private static DefenderEmulator emulator;
  private static RecordedApi api;

  @BeforeAll static void start(@TempDir Path dir) throws Exception {
    emulator = DefenderEmulator.builder().alerts(300).machines(40).seed(5).now(Instant.now()).build().start();
    api = new RecordedApi(emulator, dir);
  }

  @AfterAll static void stop() throws SQLException {
    api.close();
    emulator.close();
  }

  static Stream<Arguments> keyedColumns() {
    return Stream.of(Arguments.of("user_alerts", "user_name"), Arguments.of("user_machines", "user_name"),
        Arguments.of("ip_alerts", "ip"), Arguments.of("domain_alerts", "domain"),
        Arguments.of("domain_machines", "domain"), Arguments.of("file_alerts", "file_sha1"),
        Arguments.of("alerts", "id"), Arguments.of("machines", "id"), Arguments.of("files", "sha1"));
  }

  @ParameterizedTest(name = "{0}.{1}")
  @MethodSource("keyedColumns")
  void noKeyThatWalksAPathIsSent(String table, String column) throws SQLException {
    api.reset();
    for (String key : BAD_KEYS) {
      if (table.startsWith("user_") && (key.equals("a\\b"))) {
        continue; // an account in a domain: sent as its bare name, see accountNamesKeepTheirDomainPart
      }
      final String literal = "select * from " + table + " where " + column + " = '" + key.replace("'", "''") + "'";
      assertNothingSent(literal, api.rows(literal));
      final String prepared = "select * from " + table + " where " + column + " = ?";
      assertNothingSent(prepared + " with " + key, api.rows(prepared, List.of(key)));
      final String in = "select * from " + table + " where " + column + " in (?, ?)";
      assertNothingSent(in + " with " + key, api.rows(in, List.of(key, "..")));
    }
  }

  @Test void joinedKeysThatWalkAPathAreNotSent() throws SQLException {
    api.reset();
    final List<String> rows = api.rows("select v.k, i.id from (values ('..'), ('a/b'), ('.'), ('10.0.0.1')) as v(k)"
        + " join ip_alerts i on i.ip = v.k");
    rows.forEach(r -> assertTrue(r.startsWith("10.0.0.1|"), r));
    assertEquals(List.of("GET /api/ips/10.0.0.1/alerts?$select=id"), api.requests());
  }

  @Test void accountNamesKeepTheirDomainPart() throws SQLException {
    // CONTOSO\jdoe is jdoe for the API (documented): a backslash before the name is a domain, never a path.
    api.reset();
    api.rows("select id from user_alerts where user_name = 'a\\b'");
    assertEquals(List.of("GET /api/users/b/alerts?$select=id"), api.requests());
    api.reset();
    api.rows("select id from user_alerts where user_name = ?", List.of("CONTOSO\\jdoe"));
    assertEquals(List.of("GET /api/users/jdoe/alerts?$select=id"), api.requests());
  }

  @Test void aGoodKeyIsStillSent() throws SQLException {
    api.reset();
    api.rows("select id from domain_alerts where domain = ?", List.of("contoso.com"));
    assertEquals(List.of("GET /api/domains/contoso.com/alerts?$select=id"), api.requests());
  }

  @Test void theRequestRefusesAKeyThatIsNoPathSegment() {
    final Lookup lookup = DefenderModel.IP_ALERTS.lookups().get(0);
    final DefenderRequest keyed = DefenderRequest.scan(DefenderModel.IP_ALERTS, DefenderModel.IP_ALERTS.columns())
        .withLookup(lookup, List.of());
    for (String key : BAD_KEYS) {
      assertFalse(lookup.accepts(key), key);
      if (!Lookup.isPathSegment(key)) {
        assertThrows(IllegalArgumentException.class, () -> keyed.forKey(key), key);
      }
    }
    assertTrue(lookup.accepts("10.0.0.1"));
    assertTrue(lookup.accepts("fe80::1"));
    assertEquals("/api/ips/10.0.0.1/alerts", keyed.forKey("10.0.0.1").path());
  }

  private static void assertNothingSent(String what, List<String> rows) {
    assertEquals(List.of(), rows, what);
    final List<String> sent = api.rawUrls().stream().filter(u -> u.contains("/api/")).toList();
    assertEquals(List.of(), sent, what);
    api.reset();
  }
}
