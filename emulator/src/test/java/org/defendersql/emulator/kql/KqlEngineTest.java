package org.defendersql.emulator.kql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.defendersql.model.hunting.HuntingColumn;
import org.defendersql.model.hunting.HuntingModel;
import org.defendersql.model.hunting.HuntingTable;
import org.defendersql.model.hunting.KqlType;
import org.junit.jupiter.api.Test;

/** The evaluator over a handful of network events: operators, null rules, aggregates, sort defaults, errors. */
class KqlEngineTest {
  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
  private static final HuntingTable NET = HuntingModel.DEVICE_NETWORK_EVENTS;
  private static final List<Object[]> ROWS = new ArrayList<>();
  /** The bounds the source was last asked for. */
  private static Instant askedFrom;
  private static Instant askedTo;

  static {
    row("2026-11-30T11:00:00Z", "host-a.contoso.com", "ConnectionSuccess", "10.0.0.5", 443, "login.contoso-secure.xyz",
        1L, true);
    row("2026-11-30T10:00:00Z", "host-b.contoso.com", "ConnectionFailed", "185.1.2.3", 445, "", 2L, false);
    row("2026-11-29T12:00:00Z", "HOST-A.contoso.com", "ConnectionSuccess", "10.0.0.6", null, "KustoExplorerQueryRun",
        3L, null);
    row("2026-11-20T00:00:00Z", "host-c.contoso.com", "InboundConnectionAccepted", "10.0.0.7", 3389, "North America",
        null, false);
    row("2026-11-29T23:59:59.9999999Z", "host-b.contoso.com", "ConnectionSuccess", "185.1.2.3", 80, "a.b.c", 5L,
        true);
  }

  private static void row(String time, String device, String action, String ip, Integer port, String url, Long report,
      Boolean remote) {
    final Map<String, Object> v = new LinkedHashMap<>();
    v.put("Timestamp", Instant.parse(time));
    v.put("DeviceName", device);
    v.put("ActionType", action);
    v.put("RemoteIP", ip);
    v.put("RemotePort", port);
    v.put("RemoteUrl", url);
    v.put("ReportId", report);
    v.put("IsInitiatingProcessRemoteSession", remote);
    final Object[] r = new Object[NET.columns().size()];
    for (int i = 0; i < r.length; i++) {
      final HuntingColumn c = NET.columns().get(i);
      r[i] = v.containsKey(c.name()) ? v.get(c.name()) : c.type() == KqlType.STRING ? "" : null;
    }
    ROWS.add(r);
  }

  private static final KqlEngine.Source SOURCE = (table, from, to) -> {
    askedFrom = from;
    askedTo = to;
    return ROWS.stream();
  };

  /** The rows of a query over the five events (no time window), as lists. */
  private static List<List<Object>> run(String kql) {
    return KqlEngine.prepare(kql, NOW, 100_000).run(SOURCE, null, null).map(Arrays::asList).toList();
  }

  /** One column of the rows of a query. */
  private static List<Object> col(String kql) {
    return run(kql).stream().map(r -> r.get(0)).collect(Collectors.toList());
  }

  private static List<Object> reports(String where) {
    return col("DeviceNetworkEvents | where " + where + " | project ReportId");
  }

  @Test void comparisonsAndKustoNullRules() {
    assertEquals(List.of(1L), reports("RemotePort == 443"));
    // null != 5 is true in KQL: the row without a port is kept.
    assertEquals(List.of(1L, 2L, 3L, 5L), reports("RemotePort != 3389"));
    assertEquals(Arrays.asList(2L, null), reports("RemotePort > 443"));
    assertEquals(List.of(1L, 2L, 5L), reports("RemotePort <= 445"));
    assertEquals(List.of(3L), reports("isnull(RemotePort)"));
    assertEquals(Arrays.asList(1L, 2L, null, 5L), reports("isnotnull(RemotePort)"));
    assertEquals(List.of(2L), reports("isempty(RemoteUrl)"));
    assertEquals(List.of(), reports("isnull(RemoteUrl)"), "strings are never null");
    assertEquals(List.of(1L, 3L), reports("DeviceName =~ 'HOST-A.CONTOSO.COM'"));
    assertEquals(List.of(1L), reports("DeviceName == 'host-a.contoso.com'"));
    assertEquals(Arrays.asList(2L, null, 5L), reports("DeviceName !~ 'host-a.contoso.com'"));
    // where drops rows whose predicate is null; not(null) is null.
    assertEquals(List.of(1L, 5L), reports("IsInitiatingProcessRemoteSession"));
    assertEquals(Arrays.asList(2L, null), reports("not(IsInitiatingProcessRemoteSession)"));
    assertEquals(List.of(1L, 2L, 3L, 5L), reports("RemotePort < 1000 or isnotnull(ReportId)"));
    assertEquals(List.of(2L, 5L), reports("RemoteIP == \"185.1.2.3\" and (RemotePort > 0 or RemotePort < 0)"));
  }

  @Test void inBetweenAndStringOperators() {
    assertEquals(List.of(1L, 2L), reports("RemotePort in (443, 445)"));
    assertEquals(Arrays.asList(3L, null, 5L), reports("RemotePort !in (443, 445)"));
    assertEquals(List.of(1L, 3L), reports("DeviceName in~ ('HOST-A.contoso.com')"));
    assertEquals(List.of(1L, 3L), reports("DeviceName !in~ ('host-b.contoso.com', 'host-c.contoso.com')"));
    assertEquals(List.of(1L), reports("DeviceName in ('host-a.contoso.com')"));
    assertEquals(List.of(1L, 2L, 5L), reports("RemotePort between (80 .. 445)"));
    assertEquals(java.util.Collections.singletonList(null), reports("RemotePort !between (80 .. 445)"));
    assertEquals(List.of(1L, 2L), reports("Timestamp between (datetime(2026-11-30) .. 12h)"));
    assertEquals(List.of(3L, 5L), reports("Timestamp between (datetime(2026-11-29T12:00) .. datetime(2026-11-30))"));
    assertEquals(List.of(1L), reports("RemoteUrl contains 'SECURE'"));
    assertEquals(List.of(), reports("RemoteUrl contains_cs 'SECURE'"));
    assertEquals(Arrays.asList(2L, 3L, null, 5L), reports("RemoteUrl !contains 'secure'"));
    assertEquals(List.of(1L), reports("RemoteUrl startswith 'LOGIN.'"));
    assertEquals(List.of(), reports("RemoteUrl startswith_cs 'LOGIN.'"));
    assertEquals(List.of(1L), reports("RemoteUrl endswith '.XYZ'"));
    assertEquals(List.of(1L), reports("RemoteUrl endswith_cs '.xyz'"));
    // has matches whole terms: not the inside of KustoExplorerQueryRun.
    assertEquals(List.of(), reports("RemoteUrl has 'Explorer'"));
    assertEquals(List.of(3L), reports("RemoteUrl has 'kustoexplorerqueryrun'"));
    assertEquals(java.util.Collections.singletonList(null), reports("RemoteUrl has 'america'"));
    assertEquals(List.of(1L), reports("RemoteUrl has 'contoso-secure'"));
    assertEquals(List.of(3L), reports("RemoteUrl contains 'Explorer'"));
    assertEquals(List.of(5L), reports("RemoteUrl matches regex @'^a\\.b\\.c$'"));
    assertEquals(List.of(1L, 3L), reports("strlen(DeviceName) == 18 and tolower(DeviceName) == 'host-a.contoso.com'"));
    assertEquals(List.of(3L), reports("toupper(DeviceName) == DeviceName or DeviceName == 'HOST-A.contoso.com'"));
  }

  @Test void timeArithmeticAgoAndNow() {
    assertEquals(List.of(1L, 2L, 5L), reports("Timestamp > ago(1d)"));
    assertEquals(List.of(1L, 2L, 3L, 5L), reports("Timestamp >= now() - 1d"));
    assertEquals(List.of(Duration.ofHours(1)), col("DeviceNetworkEvents | where ReportId == 1 | project now() - "
        + "Timestamp"));
    assertEquals(List.of(Instant.parse("2026-11-30T12:00:00Z")), col("DeviceNetworkEvents | where ReportId == 1 "
        + "| project Timestamp + 1h"));
    assertEquals(List.of(7L), col("DeviceNetworkEvents | take 1 | project 10 - 3"));
    assertEquals(List.of(3L), col("DeviceNetworkEvents | take 1 | project 7 / 2"));
    assertEquals(List.of(3.5), col("DeviceNetworkEvents | take 1 | project 7 / 2.0"));
    assertEquals(List.of(24.0), col("DeviceNetworkEvents | take 1 | project 1d / 1h"));
  }

  @Test void projectExtendNamingAndOrder() {
    final KqlEngine.Prepared p = KqlEngine.prepare("DeviceNetworkEvents | project ReportId, Port = RemotePort, "
        + "strlen(DeviceName) | extend ReportId = ReportId * 10, Flag = Port > 400", NOW, 100);
    assertEquals(List.of(new KqlColumn("Port", KqlType.INT), new KqlColumn("Column1", KqlType.LONG),
        new KqlColumn("ReportId", KqlType.LONG), new KqlColumn("Flag", KqlType.BOOL)), p.columns());
    assertEquals(List.of(443, 18L, 10L, true), Arrays.asList(p.run(SOURCE, null, null).findFirst().orElseThrow()));
  }

  @Test void summarizeAggregates() {
    final KqlEngine.Prepared p = KqlEngine.prepare("DeviceNetworkEvents | summarize count(), countif(RemotePort > "
        + "400), sum(RemotePort), min(Timestamp), max(ReportId), avg(RemotePort), dcount(RemoteIP), "
        + "make_set(ActionType) by DeviceName", NOW, 100);
    assertEquals(List.of("DeviceName", "count_", "countif_", "sum_RemotePort", "min_Timestamp", "max_ReportId",
        "avg_RemotePort", "dcount_RemoteIP", "make_set_ActionType"),
        p.columns().stream().map(KqlColumn::name).toList());
    final List<List<Object>> rows = p.run(SOURCE, null, null).map(Arrays::asList).toList();
    assertEquals(4, rows.size());
    assertEquals(Arrays.asList("host-b.contoso.com", 2L, 1L, 525L, Instant.parse("2026-11-29T23:59:59.9999999Z"),
        5L, 262.5, 1L, "[\"ConnectionFailed\",\"ConnectionSuccess\"]"), rows.get(1));
    // A group whose values are all null: sum, min, avg are null, counts 0.
    assertEquals(Arrays.asList("HOST-A.contoso.com", 1L, 0L, null, Instant.parse("2026-11-29T12:00:00Z"), 3L, null,
        1L, "[\"ConnectionSuccess\"]"), rows.get(2));
    assertEquals(List.of(List.of(0L)), run("DeviceNetworkEvents | where false | summarize count()"));
    assertEquals(List.of(), run("DeviceNetworkEvents | where false | summarize count() by DeviceName"));
    assertEquals(List.of(List.of(5L, 5L)), run("DeviceNetworkEvents | summarize count(), n = count()"
        + " | project count_, n"));
    assertEquals(List.of(Instant.parse("2026-11-30T00:00:00Z"), Instant.parse("2026-11-29T00:00:00Z"),
        Instant.parse("2026-11-20T00:00:00Z")), col("DeviceNetworkEvents | summarize count() by bin(Timestamp, 1d)"));
  }

  @Test void argMaxReturnsTheWholeRowOrTheNamedColumns() {
    final KqlEngine.Prepared p = KqlEngine.prepare("DeviceNetworkEvents | summarize arg_max(Timestamp, *) by "
        + "RemoteIP", NOW, 100);
    assertEquals("RemoteIP", p.columns().get(0).name());
    assertEquals("Timestamp", p.columns().get(1).name());
    assertEquals(NET.columns().size(), p.columns().size());
    final List<List<Object>> rows = p.run(SOURCE, null, null).map(Arrays::asList).toList();
    final int report = p.columns().indexOf(new KqlColumn("ReportId", KqlType.LONG));
    assertEquals(List.of(1L, 2L, 3L), rows.stream().filter(r -> !r.get(0).equals("10.0.0.7"))
        .map(r -> r.get(report)).toList());
    assertEquals(List.of(List.of(Instant.parse("2026-11-20T00:00:00Z"), "host-c.contoso.com")),
        run("DeviceNetworkEvents | summarize arg_min(Timestamp, DeviceName)"));
  }

  @Test void topSortTakeDistinctCountWithKustoDefaults() {
    // top and sort default to descending; descending puts nulls last, ascending first.
    assertEquals(List.of(3389, 445), col("DeviceNetworkEvents | top 2 by RemotePort | project RemotePort"));
    assertEquals(Arrays.asList(null, 80), col("DeviceNetworkEvents | top 2 by RemotePort asc | project RemotePort"));
    assertEquals(Arrays.asList(80, 443), col("DeviceNetworkEvents | top 2 by RemotePort asc nulls last | project "
        + "RemotePort"));
    assertEquals(Arrays.asList(null, 3389), col("DeviceNetworkEvents | top 2 by RemotePort desc nulls first"
        + " | project RemotePort"));
    assertEquals(Arrays.asList(3389, 445, 443, 80, null), col("DeviceNetworkEvents | sort by RemotePort"
        + " | project RemotePort"));
    assertEquals(Arrays.asList(3L, 1L, 2L, 5L, null),
        col("DeviceNetworkEvents | order by DeviceName asc, Timestamp desc | project ReportId"));
    assertEquals(2, run("DeviceNetworkEvents | take 2").size());
    assertEquals(2, run("DeviceNetworkEvents | limit 2").size());
    assertEquals(List.of("ConnectionSuccess", "ConnectionFailed", "InboundConnectionAccepted"),
        col("DeviceNetworkEvents | distinct ActionType"));
    assertEquals(5, run("DeviceNetworkEvents | distinct *").size());
    assertEquals(List.of(List.of(3L)), run("DeviceNetworkEvents | where ActionType == 'ConnectionSuccess' | count"));
  }

  @Test void theTimeWindowAndLeadingTimePredicatesBoundWhatTheSourceReads() {
    final KqlEngine.Prepared p = KqlEngine.prepare("DeviceNetworkEvents | where Timestamp > ago(2d) and Timestamp "
        + "< datetime(2026-11-30T10:30) | project ReportId", NOW, 100);
    final List<Object> ids = p.run(SOURCE, Instant.parse("2026-11-29T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"))
        .map(r -> r[0]).toList();
    assertEquals(List.of(2L, 3L, 5L), ids);
    assertEquals(Instant.parse("2026-11-29T00:00:00Z"), askedFrom, "the later of the window and ago(2d)");
    assertEquals(Instant.parse("2026-11-30T10:30:00Z"), askedTo);
    // The window is half-open: a row exactly at its end is out.
    assertEquals(List.of(5L), KqlEngine.prepare("DeviceNetworkEvents | project ReportId", NOW, 10).run(SOURCE,
        Instant.parse("2026-11-29T12:00:00.0000001Z"), Instant.parse("2026-11-30T10:00:00Z")).map(r -> r[0]).toList());
  }

  @Test void errorsNameTheirCause() {
    assertError("DeviceInfoX | take 1", KqlException.Kind.SEMANTIC,
        "Failed to resolve table or column expression named 'DeviceInfoX'");
    assertError("deviceNetworkEvents", KqlException.Kind.SEMANTIC, "named 'deviceNetworkEvents'");
    assertError("DeviceNetworkEvents | where Foo == 1", KqlException.Kind.SEMANTIC,
        "'where' operator: Failed to resolve scalar expression named 'Foo'");
    assertError("DeviceNetworkEvents | where devicename == 'x'", KqlException.Kind.SEMANTIC, "'devicename'");
    assertError("DeviceNetworkEvents | where Timestamp > '2024-01-01'", KqlException.Kind.SEMANTIC,
        "Cannot compare values of types datetime and string");
    assertError("DeviceNetworkEvents | where RemotePort contains '4'", KqlException.Kind.SEMANTIC,
        "expects string operands");
    assertError("DeviceNetworkEvents | where RemotePort", KqlException.Kind.SEMANTIC, "must be a bool");
    assertError("DeviceNetworkEvents\n| where RemotePort == ", KqlException.Kind.SYNTAX, "on line [2,23]");
    assertError("DeviceNetworkEvents | wher x", KqlException.Kind.SYNTAX, "at 'wher' on line [1,23]");
    assertError("DeviceNetworkEvents | top 5 by A, B", KqlException.Kind.SYNTAX, "at ','");
    assertError("DeviceNetworkEvents | where a == b == c", KqlException.Kind.SYNTAX, "chained");
    assertError("DeviceNetworkEvents | join (DeviceInfo) on DeviceId", KqlException.Kind.UNSUPPORTED,
        "the 'join' operator");
    assertError("let x = 1; DeviceNetworkEvents", KqlException.Kind.UNSUPPORTED, "'let'");
    assertError("DeviceNetworkEvents | where iff(true, true, false)", KqlException.Kind.UNSUPPORTED, "'iff()'");
    assertError("DeviceNetworkEvents | where count() > 1", KqlException.Kind.SEMANTIC, "only be used in 'summarize'");
    assertError("DeviceNetworkEvents | take 1; DeviceInfo", KqlException.Kind.UNSUPPORTED, "several statements");
    assertError("DeviceNetworkEvents | where RemoteUrl matches regex '('", KqlException.Kind.SEMANTIC,
        "regular expression");
    assertError("DeviceNetworkEvents | take -1", KqlException.Kind.SEMANTIC, "negative");
    assertError("DeviceNetworkEvents | project A = 1, A = 2", KqlException.Kind.SEMANTIC, "twice");
    assertError("", KqlException.Kind.SYNTAX, "empty");
  }

  private static void assertError(String kql, KqlException.Kind kind, String fragment) {
    final KqlException e = assertThrows(KqlException.class, () -> run(kql), kql);
    assertEquals(kind, e.kind(), e.getMessage());
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
  }
}
