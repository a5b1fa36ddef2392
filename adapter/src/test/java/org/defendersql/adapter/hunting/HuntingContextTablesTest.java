package org.defendersql.adapter.hunting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.RecordedRequest;
import org.defendersql.model.hunting.HuntingModel;
import org.defendersql.model.hunting.HuntingTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Device, user and file context without the MDE API: {@code hunting.device_context}, {@code device_users} and
 * {@code file_prevalence} answer what Java computes from the emulator's raw hunting rows, each query in exactly one
 * hunting request (with WHERE, projections, LIMIT, aggregates and {@code ?} parameters), with the KQL expected: key
 * predicates before the pipeline, the others after it. A renamed device is found by its latest name only.
 */
class HuntingContextTablesTest {
  private static final HuntingTable INFO = HuntingModel.DEVICE_INFO;
  private static DefenderEmulator emulator;
  private static Connection connection;
  private static List<Object[]> devices;
  private static List<Object[]> users;
  private static List<Object[]> files;

  @BeforeAll static void start() throws SQLException {
    emulator = HuntingDifferential.emulator();
    connection = HuntingTenant.connect(emulator);
    devices = ContextRows.deviceContext(emulator.hunting());
    users = ContextRows.deviceUsers(emulator.hunting());
    files = ContextRows.filePrevalence(emulator.hunting());
    assertTrue(devices.size() >= 5 && users.size() >= 10 && files.size() >= 10,
        devices.size() + " devices, " + users.size() + " users, " + files.size() + " files");
  }

  @AfterAll static void stop() throws SQLException {
    connection.close();
    emulator.close();
  }

  /** Runs a query and returns its rows as text with the KQL of the hunting requests it sent. */
  private static Answer run(String sql, boolean ordered, Object... parameters) throws SQLException {
    emulator.clearRequestLog();
    final List<String> rows = ContextRows.sql(connection, sql, ordered, parameters);
    final List<RecordedRequest> sent = emulator.requestLog().stream().filter(r -> r.kql() != null).toList();
    return new Answer(rows, sent);
  }

  /** A query's rows as text and the hunting requests it sent. */
  private record Answer(List<String> rows, List<RecordedRequest> sent) {
    /** The KQL of the one request sent; fails unless exactly one was. */
    String kql() {
      assertEquals(1, sent.size(), "hunting requests: " + sent.stream().map(RecordedRequest::kql).toList());
      assertEquals(200, sent.get(0).status(), sent.get(0).kql());
      return sent.get(0).kql();
    }
  }

  private static List<String> expected(List<Object[]> rows, Predicate<Object[]> where, int... columns) {
    final List<Object[]> out = new ArrayList<>();
    for (Object[] r : rows) {
      if (where.test(r)) {
        final Object[] p = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
          p[i] = r[columns[i]];
        }
        out.add(p);
      }
    }
    return ContextRows.texts(out);
  }

  private static int[] all(int width) {
    final int[] out = new int[width];
    for (int i = 0; i < width; i++) {
      out[i] = i;
    }
    return out;
  }

  private static int info(String column) {
    return INFO.indexOf(column);
  }

  @Test void deviceContextIsEachDevicesLatestReportInOneRequest() throws SQLException {
    final Answer a = run("select * from hunting.device_context", false);
    assertEquals("DeviceInfo | summarize arg_max(Timestamp, *) by DeviceId", a.kql());
    assertEquals(expected(devices, r -> true, all(INFO.columns().size())), a.rows());
    assertNull(a.sent().get(0).timespan(), "the service's 30 days");
  }

  @Test void aRenamedDeviceIsFoundByItsLatestNameOnly() throws SQLException {
    final Map<Object, Set<Object>> names = emulator.hunting().rows(INFO).collect(Collectors.groupingBy(
        r -> r[info("DeviceId")], Collectors.mapping(r -> r[info("DeviceName")], Collectors.toSet())));
    final Object id = names.entrySet().stream().filter(e -> e.getValue().size() == 2).map(Map.Entry::getKey)
        .findFirst().orElseThrow(() -> new AssertionError("the tenant has no renamed device"));
    final Object[] latest = devices.stream().filter(r -> r[info("DeviceId")].equals(id)).findFirst().orElseThrow();
    final String current = (String) latest[info("DeviceName")];
    final String previous = (String) names.get(id).stream().filter(n -> !n.equals(current)).findFirst()
        .orElseThrow();
    // the raw reports hold both names
    assertEquals(2, run("select distinct \"DeviceName\" from hunting.DeviceInfo where \"DeviceId\" = '" + id + "'",
        false).rows().size());
    final String sql = "select \"DeviceId\", \"Timestamp\" from hunting.device_context where \"DeviceName\" = ?";
    final Answer old = run(sql, false, previous);
    assertEquals(List.of(), old.rows(), previous + " is no longer the device's name");
    assertEquals("DeviceInfo | summarize arg_max(Timestamp, *) by DeviceId | where DeviceName == \"" + previous
        + "\" | project Timestamp, DeviceId, DeviceName", old.kql(), "a string parameter is checked again in SQL");
    final Answer now = run(sql, false, current);
    assertEquals(List.of(id + "|" + ((Instant) latest[info("Timestamp")]).toEpochMilli()), now.rows());
    now.kql();
  }

  @Test void aDeviceIdParameterGoesBeforeTheSummarize() throws SQLException {
    final String sql = "select \"DeviceName\", \"OSPlatform\", \"SensorHealthState\" from hunting.device_context"
        + " where \"DeviceId\" = ?";
    for (Object[] d : devices.subList(0, 3)) {
      final Object id = d[info("DeviceId")];
      final Answer a = run(sql, false, id);
      assertEquals("DeviceInfo | where DeviceId == \"" + id + "\" | summarize arg_max(Timestamp, *) by DeviceId"
          + " | project DeviceId, DeviceName, OSPlatform, SensorHealthState", a.kql());
      assertEquals(expected(devices, r -> r[info("DeviceId")].equals(id), info("DeviceName"), info("OSPlatform"),
          info("SensorHealthState")), a.rows());
    }
    // a key predicate and another together: before and after
    final Object[] d = devices.get(0);
    final Answer both = run("select \"DeviceId\" from hunting.device_context where \"DeviceId\" = '"
        + d[info("DeviceId")] + "' and \"OSPlatform\" = '" + d[info("OSPlatform")] + "'", false);
    assertEquals("DeviceInfo | where DeviceId == \"" + d[info("DeviceId")] + "\" | summarize arg_max(Timestamp, *)"
        + " by DeviceId | where OSPlatform == \"" + d[info("OSPlatform")] + "\" | project DeviceId", both.kql());
    assertEquals(List.of(String.valueOf(d[info("DeviceId")])), both.rows());
  }

  @Test void aLowerBoundOnTheLatestTimeNarrowsTheWindowAnUpperBoundDoesNot() throws SQLException {
    final List<Instant> times = devices.stream().map(r -> (Instant) r[info("Timestamp")]).sorted().toList();
    final Instant mid = times.get(times.size() / 2);
    final Timestamp bound = new Timestamp(mid.toEpochMilli());
    final Answer after = run("select \"DeviceId\" from hunting.device_context where \"Timestamp\" >= ?", false,
        bound);
    assertEquals(expected(devices, r -> ((Instant) r[info("Timestamp")]).toEpochMilli() >= mid.toEpochMilli(),
        info("DeviceId")), after.rows());
    assertTrue(after.kql().contains("| summarize arg_max(Timestamp, *) by DeviceId | where Timestamp >= datetime("),
        after.kql());
    assertEquals(after.kql().replaceAll(".*datetime\\(([^)]*)\\).*", "$1"), after.sent().get(0).timespan(),
        "the lower bound is the window's start");
    final Answer before = run("select \"DeviceId\" from hunting.device_context where \"Timestamp\" < ?", false,
        bound);
    assertEquals(expected(devices, r -> ((Instant) r[info("Timestamp")]).toEpochMilli() < mid.toEpochMilli(),
        info("DeviceId")), before.rows());
    assertTrue(before.kql().contains("| summarize arg_max(Timestamp, *) by DeviceId | where Timestamp < datetime("),
        before.kql());
    assertNull(before.sent().get(0).timespan(), "an upper bound on the latest report does not bound the reports");
  }

  @Test void limitsOrderAndAggregatesAreKqlAfterThePipeline() throws SQLException {
    final Answer top = run("select \"DeviceId\", \"Timestamp\" from hunting.device_context"
        + " order by \"Timestamp\" desc limit 3", true);
    assertEquals("DeviceInfo | summarize arg_max(Timestamp, *) by DeviceId | top 3 by Timestamp desc nulls last"
        + " | project Timestamp, DeviceId", top.kql());
    final List<Object[]> sorted = new ArrayList<>(devices);
    sorted.sort(Comparator.comparing((Object[] r) -> (Instant) r[info("Timestamp")]).reversed());
    assertEquals(sorted.subList(0, 3).stream().map(r -> r[info("DeviceId")] + "|"
        + ((Instant) r[info("Timestamp")]).toEpochMilli()).toList(), top.rows());
    final Answer take = run("select \"SHA1\" from hunting.file_prevalence limit 4", false);
    assertTrue(take.kql().endsWith("by SHA1, FileName | take 4 | project SHA1"), take.kql());
    assertEquals(4, take.rows().size());
    assertTrue(expected(files, r -> true, 0).containsAll(take.rows()), take.rows().toString());
    final Answer platforms = run("select \"OSPlatform\", count(*) from hunting.device_context group by"
        + " \"OSPlatform\"", false);
    assertEquals("DeviceInfo | summarize arg_max(Timestamp, *) by DeviceId | summarize a0 = count() by OSPlatform",
        platforms.kql());
    assertEquals(devices.stream().collect(Collectors.groupingBy(r -> r[info("OSPlatform")], Collectors.counting()))
        .entrySet().stream().map(e -> e.getKey() + "|" + e.getValue()).sorted().toList(), platforms.rows());
  }

  @Test void deviceUsersAreTheSuccessfulLogonsPerDeviceAndAccount() throws SQLException {
    final Answer a = run("select * from hunting.device_users", false);
    assertEquals("DeviceLogonEvents | where ActionType == \"LogonSuccess\" | summarize FirstSeen = min(Timestamp),"
        + " LastSeen = max(Timestamp), LogonCount = count() by DeviceId, DeviceName, AccountDomain, AccountName,"
        + " AccountSid", a.kql());
    assertEquals(expected(users, r -> true, all(8)), a.rows());
    // devices of a user: a key predicate, before the summarize
    final Object account = users.get(users.size() / 2)[3];
    final Answer mine = run("select \"DeviceName\", \"LastSeen\", \"LogonCount\" from hunting.device_users"
        + " where \"AccountName\" = ?", false, account);
    assertEquals("DeviceLogonEvents | where ActionType == \"LogonSuccess\" | where AccountName == \"" + account
        + "\" | summarize FirstSeen = min(Timestamp), LastSeen = max(Timestamp), LogonCount = count() by DeviceId,"
        + " DeviceName, AccountDomain, AccountName, AccountSid | project DeviceName, AccountName, LastSeen, LogonCount",
        mine.kql());
    assertEquals(expected(users, r -> r[3].equals(account), 1, 6, 7), mine.rows());
    // an aggregate's predicate goes after it
    final Answer frequent = run("select \"DeviceId\", \"AccountName\" from hunting.device_users"
        + " where \"LogonCount\" > 2 and \"DeviceName\" like 'desktop-%'", false);
    assertTrue(frequent.kql().contains("| where DeviceName startswith_cs \"desktop-\" | summarize")
        && frequent.kql().contains("AccountSid | where LogonCount > 2 |"), frequent.kql());
    assertEquals(expected(users, r -> (Long) r[7] > 2 && ((String) r[1]).startsWith("desktop-"), 0, 3),
        frequent.rows());
  }

  @Test void filePrevalenceCountsDevicesExactlyPerFileAndName() throws SQLException {
    final Answer a = run("select * from hunting.file_prevalence", false);
    assertEquals(HuntingModel.FILE_PREVALENCE.kql(), a.kql());
    assertEquals(expected(files, r -> true, all(6)), a.rows());
    assertTrue(files.stream().anyMatch(r -> (Long) r[3] > 1), "a file on several devices");
    final Object[] f = files.stream().max(Comparator.comparing((Object[] r) -> (Long) r[3])).orElseThrow();
    final Answer bySha1 = run("select \"FileName\", \"DeviceCount\", \"FirstSeen\", \"LastSeen\""
        + " from hunting.file_prevalence where \"SHA1\" = ?", false, f[0]);
    assertTrue(bySha1.kql().startsWith("union DeviceFileEvents, DeviceProcessEvents | where isnotempty(SHA1)"
        + " | where SHA1 == \"" + f[0] + "\" | summarize "), bySha1.kql());
    assertEquals(expected(files, r -> r[0].equals(f[0]), 1, 3, 4, 5), bySha1.rows());
    final Object[] withSha256 = files.stream().filter(r -> !"".equals(r[2])).findFirst().orElseThrow();
    final Answer bySha256 = run("select \"SHA1\", \"DeviceCount\" from hunting.file_prevalence where \"SHA256\" = '"
        + withSha256[2] + "'", false);
    // SHA256 is not a grouping key (events often lack it): after the summarize
    assertTrue(bySha256.kql().endsWith("by SHA1, FileName | where SHA256 == \"" + withSha256[2]
        + "\" | project SHA1, DeviceCount"), bySha256.kql());
    assertEquals(expected(files, r -> r[2].equals(withSha256[2]), 0, 3), bySha256.rows());
    assertFalse(bySha256.rows().isEmpty());
  }

  @Test void anAnswerAtTheRowCapFailsAndNamesTheKeysToNarrowItBy() throws SQLException {
    final Map<String, Object> operand = HuntingTenant.operand(emulator);
    final int cap = users.size() - 1;
    operand.put("huntingMaxRows", cap);
    try (Connection capped = HuntingTenant.connect(operand); Statement s = capped.createStatement()) {
      final SQLException e = assertThrows(SQLException.class, () -> {
        try (ResultSet rs = s.executeQuery("select * from hunting.device_users")) {
          while (rs.next()) {
            // aggregated rows cannot be read on in time slices: the query fails rather than return part of them
          }
        }
      });
      assertEquals("53400", HuntingTruncationTest.sqlState(e), e.toString());
      assertTrue(e.getMessage().contains("device_users") && e.getMessage().contains("cap of " + cap)
          && e.getMessage().contains("a WHERE on DeviceId or DeviceName or AccountDomain or AccountName or "
          + "AccountSid"), e.getMessage());
      // narrowed by a key, the answer is under the cap
      final Object device = users.get(0)[0];
      try (ResultSet rs = s.executeQuery("select count(*) from hunting.device_users where \"DeviceId\" = '"
          + device + "'")) {
        assertTrue(rs.next());
        assertEquals(users.stream().filter(r -> r[0].equals(device)).count(), rs.getLong(1));
      }
    }
  }

  @Test void explainShowsTheKql() throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(
        "explain plan for select \"DeviceName\" from hunting.device_context where \"DeviceId\" = 'abc'")) {
      assertTrue(rs.next());
      assertEquals("HuntingToEnumerableConverter\n  HuntingTableScan(table=[[hunting, device_context]], kql=[DeviceInfo"
          + " | where DeviceId == \"abc\" | summarize arg_max(Timestamp, *) by DeviceId | project DeviceName], cache=[off])\n",
          rs.getString(1));
    }
  }
}
