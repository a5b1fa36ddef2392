package org.defendersql.adapter.pushdown;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.defendersql.model.DefenderModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The vulnerability management tables: for each query the exact requests the Defender API sees (WireMock proxying
 * to the emulator) and the rows, the same as with pushdown off; keyed lookups and their request counts; the
 * export's paging by pageSize and next link; its changes by their required key.
 */
class TvmPushdownTest {
  private static final Instant NOW = Instant.parse("2026-02-01T00:00:00Z");
  private static final int PAGE = 40;
  private static DefenderEmulator emulator;
  private static WireMockServer proxy;
  private static Connection pushed;
  private static Connection reference;
  private static String machine;

  @BeforeAll static void start(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    // One page per collection here (WireMock would hand on the emulator's own next links); paging is tested apart.
    emulator = DefenderEmulator.builder().alerts(300).machines(150).seed(9).now(NOW).build().start();
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
    machine = (String) emulator.data().rows(DefenderModel.MACHINE_VULNERABILITIES).findFirst().orElseThrow()[2];
  }

  @AfterAll static void stop() throws SQLException {
    pushed.close();
    reference.close();
    proxy.stop();
    emulator.close();
  }

  private static final String EXPORT = "/api/machines/SoftwareVulnerabilitiesByMachine";
  private static final String CHANGES = "/api/machines/SoftwareVulnerabilityChangesByMachine";

  /** SQL, then the request lines it sends ({@code ~regex} for varying ones, {@code *N} for N pages). */
  static Stream<Arguments> queries() {
    final Map<String, List<String>> c = new LinkedHashMap<>();
    c.put("select id, cvss_v3 from vulnerabilities where severity = 'Critical'",
        List.of("GET /api/vulnerabilities?$filter=severity eq 'Critical'&$select=id,severity,cvssV3"));
    c.put("select id, exposed_machines from vulnerabilities where cvss_v3 >= 8.5 and published_on >= TIMESTAMP"
        + " '2024-01-01 00:00:00'",
        List.of("GET /api/vulnerabilities?$filter=cvssV3 ge 8.5 and publishedOn ge 2024-01-01T00:00:00Z"
            + "&$select=id,cvssV3,exposedMachines"));
    c.put("select id from vulnerabilities where cvss_v3 = 7.4 or cvss_v3 < 6",
        List.of("GET /api/vulnerabilities?$filter=cvssV3 lt 6 or cvssV3 eq 7.4&$select=id,cvssV3"));
    c.put("select * from vulnerabilities where id = 'CVE-2024-6387'",
        List.of("GET /api/vulnerabilities/CVE-2024-6387"));
    c.put("select id from vulnerabilities where exposed_machines > 3",
        List.of("GET /api/vulnerabilities?$select=id,exposedMachines"));
    c.put("select id from vulnerabilities limit 8000", List.of("GET /api/vulnerabilities?$select=id&$top=8000"));
    c.put("select id from vulnerabilities limit 8001", List.of("GET /api/vulnerabilities?$select=id"));
    c.put("select machine_id, product_name from machine_vulnerabilities where cve_id = 'CVE-2024-38063'",
        List.of("GET /api/vulnerabilities/machinesVulnerabilities?$filter=cveId eq 'CVE-2024-38063'"
            + "&$select=cveId,machineId,productName"));
    c.put("select * from cve_machines where cve_id = 'CVE-2024-38063'",
        List.of("GET /api/vulnerabilities/CVE-2024-38063/machineReferences"));
    c.put("select id, computer_dns_name from cve_machines where cve_id = 'CVE-2024-38063'",
        List.of("GET /api/vulnerabilities/CVE-2024-38063/machineReferences?$select=id,computerDnsName"));
    c.put("select id, cvss_v3 from machine_cves where machine_id = '" + "MACHINE" + "'",
        List.of("GET /api/machines/MACHINE/vulnerabilities?$select=id,cvssV3"));
    c.put("select id, installed_machines from machine_software where machine_id = 'MACHINE'",
        List.of("GET /api/machines/MACHINE/software?$select=id,installedMachines"));
    c.put("select * from software where vendor = 'google' or name = 'openssl'",
        List.of("GET /api/Software?$filter=vendor eq 'google' or name eq 'openssl'"));
    c.put("select * from software where id = 'notepad++-_-notepad++'", List.of("GET /api/Software/notepad%2B%2B-_-notepad%2B%2B"));
    c.put("select id, computer_dns_name from software_machines where software_id = 'google-_-chrome'",
        List.of("GET /api/Software/google-_-chrome/machineReferences?$select=id,computerDnsName"));
    c.put("select software_id, id from software_cves where software_id in ('google-_-chrome', 'openssl-_-openssl')",
        List.of("GET /api/Software/google-_-chrome/vulnerabilities?$select=id",
            "GET /api/Software/openssl-_-openssl/vulnerabilities?$select=id"));
    c.put("select id, exposed_machines_count from recommendations where status = 'Active' and severity_score > 8",
        List.of("GET /api/recommendations?$filter=status eq 'Active' and severityScore gt 8"
            + "&$select=id,severityScore,exposedMachinesCount"));
    c.put("select id, title from remediation_tasks where status = 'Active' and created_on > TIMESTAMP"
        + " '2025-12-01 00:00:00'",
        List.of("GET /api/remediationTasks?$filter=status eq 'Active' and createdOn ge 2025-12-01T00:00:00.001Z"
            + "&$select=id,title,status"));
    c.put("select * from software_vulnerability_export", List.of("GET " + EXPORT + "?pageSize=200000"));
    c.put("select id, device_id from software_vulnerability_export limit 10", List.of("GET " + EXPORT + "?$top=10"));
    c.put("select id from software_vulnerability_export where cve_id = 'CVE-2024-38063'",
        List.of("GET " + EXPORT + "?pageSize=200000"));
    c.put("select id, status, event_timestamp from software_vulnerability_changes where since_time ="
        + " '2026-01-20T00:00:00Z'",
        List.of("GET " + CHANGES + "?sinceTime=2026-01-20T00:00:00Z&pageSize=200000"));
    return c.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("queries")
  void sendsExactlyTheseRequestsAndTheRowsOfPushdownOff(String template, List<String> expectedTemplate)
      throws SQLException {
    final String sql = template.replace("MACHINE", machine);
    final List<String> expected = expectedTemplate.stream().map(l -> l.replace("MACHINE", machine)).toList();
    proxy.resetRequests();
    final List<String> got = rows(pushed, sql);
    final List<String> sent = apiRequests();
    if (expected.size() > 1) {
      // Keyed GETs of several keys go out together: their order on the wire is not the statement's.
      RequestLines.assertExactly(expected.stream().sorted().toList(), sent.stream().sorted().toList(), sql);
    } else {
      RequestLines.assertExactly(expected, sent, sql);
    }
    assertTrue(!got.isEmpty(), "no rows: " + sql);
    final String table = sql.replaceAll(".* from ([a-z_]+).*", "$1");
    if (DefenderModel.entity(table).orElseThrow().isScannable()) {
      assertEquals(rows(reference, sql), got, sql); // pushdown off reads the whole table and filters here
    }
  }

  @Test void theLookupTablesAnswerTheEmulatorsRows() throws SQLException {
    final Map<org.defendersql.model.Entity, String> keys = new LinkedHashMap<>();
    keys.put(DefenderModel.MACHINE_CVES, machine);
    keys.put(DefenderModel.MACHINE_SOFTWARE, machine);
    keys.put(DefenderModel.CVE_MACHINES, "CVE-2024-6387");
    keys.put(DefenderModel.SOFTWARE_MACHINES, "python-_-python");
    keys.put(DefenderModel.SOFTWARE_CVES, "openssl-_-openssl");
    keys.put(DefenderModel.SOFTWARE_VULNERABILITY_CHANGES, "2026-01-10");
    for (Map.Entry<org.defendersql.model.Entity, String> k : keys.entrySet()) {
      final List<String> want = sorted(emulator.data().lookup(k.getKey(), k.getValue()));
      assertTrue(!want.isEmpty(), k.getKey().tableName());
      assertEquals(want, rows(pushed, "select * from " + k.getKey().tableName() + " where "
          + k.getKey().keyColumn() + " = '" + k.getValue() + "'"), k.getKey().tableName());
    }
  }

  @Test void rowsAreTheEmulatorsData() throws SQLException {
    assertEquals(sorted(emulator.data().rows(DefenderModel.SOFTWARE_VULNERABILITY_EXPORT)),
        rows(pushed, "select * from software_vulnerability_export"));
    assertEquals(sorted(emulator.data().rows(DefenderModel.VULNERABILITIES)),
        rows(pushed, "select * from vulnerabilities"));
  }

  @Test void theExportFollowsItsNextLinksPageByPage() throws SQLException {
    try (DefenderEmulator small = DefenderEmulator.builder().alerts(50).machines(60).seed(3).pageSize(PAGE).now(NOW)
        .build().start(); Connection c = EmulatedTenant.connect(small)) {
      final long rows = small.data().count(DefenderModel.SOFTWARE_VULNERABILITY_EXPORT);
      assertTrue(rows > 3 * PAGE, "rows: " + rows);
      small.clearRequestLog();
      assertEquals(sorted(small.data().rows(DefenderModel.SOFTWARE_VULNERABILITY_EXPORT)),
          rows(c, "select * from software_vulnerability_export"));
      final List<String> sent = small.requestLog().stream().filter(r -> r.path().startsWith("/api/"))
          .map(r -> r.method() + " " + r.path() + "?" + r.query()).toList();
      assertEquals((rows + PAGE - 1) / PAGE, sent.size(), sent.toString());
      assertEquals("GET " + EXPORT + "?pageSize=200000", sent.get(0));
      for (String next : sent.subList(1, sent.size())) {
        assertTrue(next.matches("GET " + EXPORT + "\\?pageSize=200000&\\$skiptoken=[A-Za-z0-9_-]+"), next);
      }
    }
  }

  @Test void impactedDevicesOfACveCostOneRequestAndOnePerDevice() throws SQLException {
    proxy.resetRequests();
    final String sql = "select m.id, m.computer_dns_name from cve_machines c join machines m on m.id = c.id"
        + " where c.cve_id = 'CVE-2024-6387'";
    final List<String> got = rows(pushed, sql);
    final List<String> sent = apiRequests();
    final long devices = emulator.data().lookup(DefenderModel.CVE_MACHINES, "CVE-2024-6387").count();
    assertTrue(devices > 1, "devices: " + devices);
    // The CVE's machine references, then each device by its key (four at a time).
    assertEquals("GET /api/vulnerabilities/CVE-2024-6387/machineReferences?$select=id", sent.get(0));
    assertEquals(1 + devices, sent.size(), sent.toString());
    for (String s : sent.subList(1, sent.size())) {
      assertTrue(s.matches("GET /api/machines/[0-9a-f]{40}\\?\\$select=id,computerDnsName"), s);
    }
    final Map<Object, Object> names = emulator.data().rows(DefenderModel.MACHINES).collect(Collectors.toMap(
        r -> r[0], r -> String.valueOf(r[1])));
    assertEquals(emulator.data().lookup(DefenderModel.CVE_MACHINES, "CVE-2024-6387").map(r -> r[1] + "|"
        + names.get(r[1]) + "|").sorted().toList(), got);
  }

  @Test void theChangesNeedTheirTimeAndNeverSendAMalformedOne() throws SQLException {
    final SQLException e = assertThrows(SQLException.class,
        () -> rows(pushed, "select count(*) from software_vulnerability_changes"));
    assertTrue(e.getMessage().contains("since_time"), e.getMessage());
    proxy.resetRequests();
    assertEquals(List.of(), rows(pushed, "select id from software_vulnerability_changes where since_time = 'May 1'"));
    assertEquals(List.of(), apiRequests());
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

  private static List<String> sorted(Stream<Object[]> rows) {
    return rows.map(r -> Stream.of(r).map(TvmPushdownTest::text).collect(Collectors.joining("|")) + "|")
        .sorted().toList();
  }

  private static String text(Object v) {
    if (v instanceof Instant i) {
      return java.sql.Timestamp.from(i.truncatedTo(java.time.temporal.ChronoUnit.MILLIS)).toLocalDateTime()
          .toString().replace('T', ' ');
    }
    if (v instanceof List<?> l) {
      return l.toString();
    }
    return String.valueOf(v);
  }

  private static List<String> rows(Connection c, String sql) throws SQLException {
    final List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      final int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        final StringBuilder b = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          final Object o = rs.getObject(i);
          b.append(o instanceof java.sql.Array a ? List.of((Object[]) a.getArray()).toString()
              : o instanceof java.sql.Timestamp t ? t.toLocalDateTime().toString().replace('T', ' ') : o)
              .append('|');
        }
        out.add(b.toString());
      }
    }
    out.sort(null);
    return out;
  }
}
