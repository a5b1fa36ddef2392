package org.defendersql.adapter.pushdown;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.defendersql.adapter.DefenderModels;
import org.defendersql.adapter.EmulatedTenant;
import org.defendersql.adapter.client.HttpsWireMock;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.odata.QueryOptionsParser;

/**
 * An emulated tenant behind a WireMock HTTPS proxy that journals every API request, and an embedded connection
 * (pushdown on) that reaches the tenant only through the proxy.
 */
final class RecordedApi implements AutoCloseable {
  final DefenderEmulator emulator;
  final WireMockServer proxy;
  final Connection connection;

  RecordedApi(DefenderEmulator emulator, Path dir) throws Exception {
    this.emulator = emulator;
    final HttpsWireMock wireMock = new HttpsWireMock(dir);
    proxy = wireMock.server;
    proxy.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(emulator.baseUrl())));
    final Map<String, Object> operand = new LinkedHashMap<>(DefenderModels.operand(emulator.environment()));
    operand.put("serverUrl", wireMock.baseUrl());
    operand.put("authorityHost", wireMock.baseUrl());
    operand.put("caCertFile", wireMock.caCertFile.toString());
    operand.put("rateLimits", "off");
    connection = EmulatedTenant.connect(DefenderModels.inline(operand));
  }

  /** Forgets the requests journaled so far. */
  void reset() {
    proxy.resetRequests();
  }

  /** The API requests journaled since the last reset, oldest first, as decoded request lines. */
  List<String> requests() {
    final List<String> lines = new ArrayList<>();
    for (String url : rawUrls()) {
      if (!url.startsWith("/api/")) {
        continue;
      }
      final int q = url.indexOf('?');
      final String path = q < 0 ? url : url.substring(0, q);
      final String query = q < 0 ? "" : QueryOptionsParser.decode(url.substring(q + 1)).stream()
          .map(p -> p.getKey() + "=" + p.getValue()).collect(Collectors.joining("&"));
      lines.add("GET " + path + (query.isEmpty() ? "" : "?" + query));
    }
    return lines;
  }

  /** Every URL journaled since the last reset (token requests too), as sent: path and raw query. */
  List<String> rawUrls() {
    final List<ServeEvent> events = new ArrayList<>(proxy.getAllServeEvents());
    events.sort(Comparator.comparing(e -> e.getRequest().getLoggedDate()));
    return events.stream().map(e -> e.getRequest().getUrl()).toList();
  }

  /** The rows of a statement, each as its values joined by {@code |}. */
  List<String> rows(String sql) throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rows(rs);
    }
  }

  /** The rows of a prepared statement with these values bound, each as its values joined by {@code |}. */
  List<String> rows(String sql, List<Object> values) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      for (int i = 0; i < values.size(); i++) {
        final int type = ps.getParameterMetaData().getParameterType(i + 1);
        if (values.get(i) == null) {
          ps.setNull(i + 1, type);
        } else if (type == java.sql.Types.INTEGER) {
          ps.setInt(i + 1, ((Number) values.get(i)).intValue());
        } else if (values.get(i) instanceof java.sql.Timestamp t) {
          ps.setTimestamp(i + 1, t);
        } else {
          ps.setObject(i + 1, values.get(i), type);
        }
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rows(rs);
      }
    }
  }

  private static List<String> rows(ResultSet rs) throws SQLException {
    final List<String> out = new ArrayList<>();
    final int n = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      final StringBuilder b = new StringBuilder();
      for (int i = 1; i <= n; i++) {
        b.append(rs.getObject(i)).append('|');
      }
      out.add(b.toString());
    }
    return out;
  }

  @Override public void close() throws SQLException {
    connection.close();
    proxy.stop();
  }
}
