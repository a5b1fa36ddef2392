package org.defendersql.adapter.pushdown;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.defendersql.adapter.DefenderModels;
import org.defendersql.adapter.EmulatedTenant;
import org.defendersql.adapter.client.HttpsWireMock;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.odata.QueryOptionsParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For each SQL query of a table, the exact requests sent to the Defender API (seen by WireMock, proxying to the
 * emulator) and the rows returned (the same as with pushdown off).
 */
class PushdownRequestsTest {
  private static DefenderEmulator emulator;
  private static WireMockServer proxy;
  private static Connection pushed;
  private static Connection reference;

  @BeforeAll static void start(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    emulator = DefenderEmulator.builder().alerts(1_500).machines(200).seed(5).now(Instant.now()).build().start();
    final HttpsWireMock wireMock = new HttpsWireMock(dir);
    proxy = wireMock.server;
    proxy.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(emulator.baseUrl())));
    final Map<String, Object> operand = new LinkedHashMap<>(DefenderModels.operand(emulator.environment()));
    operand.put("serverUrl", wireMock.baseUrl());
    operand.put("authorityHost", wireMock.baseUrl());
    operand.put("caCertFile", wireMock.caCertFile.toString());
    operand.put("rateLimits", "off");
    pushed = EmulatedTenant.connect(DefenderModels.inline(operand));
    reference = EmulatedTenant.connectWithoutPushdown(emulator);
  }

  @AfterAll static void stop() throws SQLException {
    pushed.close();
    reference.close();
    proxy.stop();
    emulator.close();
  }

  static Stream<Arguments> queries() {
    return PushdownCases.CASES.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("queries")
  void sendsExactlyTheseRequests(String sql, List<String> expected) throws SQLException {
    proxy.resetRequests();
    final List<String> got = rows(pushed, sql);
    final List<String> requests = apiRequests();
    RequestLines.assertExactly(expected, requests, sql);
    final List<String> want = rows(reference, sql);
    if (sql.contains("order by")) {
      assertEquals(want, got, sql);
    } else {
      want.sort(null);
      got.sort(null);
      assertEquals(want, got, sql);
    }
  }

  /** The API requests WireMock saw, oldest first, as decoded request lines. */
  private static List<String> apiRequests() {
    final List<ServeEvent> events = new ArrayList<>(proxy.getAllServeEvents());
    events.sort(Comparator.comparing(e -> e.getRequest().getLoggedDate()));
    final List<String> lines = new ArrayList<>();
    for (ServeEvent e : events) {
      final String url = e.getRequest().getUrl();
      if (!url.startsWith("/api/")) {
        continue;
      }
      final int q = url.indexOf('?');
      final String path = q < 0 ? url : url.substring(0, q);
      final String query = q < 0 ? "" : QueryOptionsParser.decode(url.substring(q + 1)).stream()
          .map(p -> p.getKey() + "=" + p.getValue()).collect(Collectors.joining("&"));
      lines.add(e.getRequest().getMethod() + " " + path + (query.isEmpty() ? "" : "?" + query));
    }
    return lines;
  }

  private static List<String> rows(Connection c, String sql) throws SQLException {
    final List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      final int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        final StringBuilder b = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          b.append(rs.getObject(i)).append('|');
        }
        out.add(b.toString());
      }
    }
    return out;
  }
}
