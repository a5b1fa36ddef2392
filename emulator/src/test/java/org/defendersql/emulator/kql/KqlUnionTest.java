package org.defendersql.emulator.kql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.defendersql.model.hunting.DerivedHuntingTable;
import org.defendersql.model.hunting.HuntingColumn;
import org.defendersql.model.hunting.HuntingModel;
import org.defendersql.model.hunting.HuntingTable;
import org.defendersql.model.hunting.KqlType;
import org.junit.jupiter.api.Test;

/**
 * {@code union} (Kusto's default outer kind: every column of any table, one per name and type, {@code name_type}
 * for a name of several types, undefined cells null or empty), {@code take_anyif}, and the derived tables' KQL, over
 * a few file and process events; what the emulator does not implement of them is refused.
 */
class KqlUnionTest {
  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
  private static final HuntingTable FILES = HuntingModel.DEVICE_FILE_EVENTS;
  private static final HuntingTable PROCESSES = HuntingModel.DEVICE_PROCESS_EVENTS;
  private static final Map<String, List<Object[]>> ROWS = new HashMap<>();
  /** The tables the source was asked for, with the window asked. */
  private static final List<String> ASKED = new ArrayList<>();

  static {
    row(FILES, "2026-11-30T11:00:00Z", "dev-1", "a.exe", "aaaa", "", "FileCreated");
    row(FILES, "2026-11-29T11:00:00Z", "dev-2", "a.exe", "aaaa", "a256", "FileModified");
    row(FILES, "2026-11-28T11:00:00Z", "dev-2", "b.dll", "bbbb", "", "FileDeleted");
    row(FILES, "2026-11-27T11:00:00Z", "dev-3", "x.tmp", "", "", "FileCreated");
    row(PROCESSES, "2026-11-30T10:00:00Z", "dev-3", "a.exe", "aaaa", "", "ProcessCreated");
    row(PROCESSES, "2026-11-26T10:00:00Z", "dev-1", "a.exe", "aaaa", "", "ProcessCreated");
    row(PROCESSES, "2026-11-25T10:00:00Z", "dev-1", "c.exe", "cccc", "c256", "ProcessCreated");
  }

  private static void row(HuntingTable t, String time, String device, String file, String sha1, String sha256,
      String action) {
    final Map<String, Object> v = Map.of("Timestamp", Instant.parse(time), "DeviceId", device, "FileName", file,
        "SHA1", sha1, "SHA256", sha256, "ActionType", action);
    final Object[] r = new Object[t.columns().size()];
    for (int i = 0; i < r.length; i++) {
      final HuntingColumn c = t.columns().get(i);
      r[i] = v.containsKey(c.name()) ? v.get(c.name()) : c.type() == KqlType.STRING ? "" : null;
    }
    ROWS.computeIfAbsent(t.name(), n -> new ArrayList<>()).add(r);
  }

  private static final KqlEngine.Source SOURCE = (table, from, to) -> {
    ASKED.add(table.name() + " " + from + " " + to);
    return ROWS.getOrDefault(table.name(), List.of()).stream();
  };

  private static List<List<Object>> run(String kql) {
    return KqlEngine.prepare(kql, NOW, 100_000).run(SOURCE, null, null).map(Arrays::asList).toList();
  }

  @Test void unionHasEveryColumnOfEitherTableOnceAndTheirRowsOneTableAfterTheOther() {
    final KqlEngine.Prepared p = KqlEngine.prepare("union DeviceFileEvents, DeviceProcessEvents", NOW, 100);
    final Set<String> names = new LinkedHashSet<>(FILES.columnNames());
    names.addAll(PROCESSES.columnNames());
    assertEquals(List.copyOf(names), p.columns().stream().map(KqlColumn::name).toList());
    assertEquals(List.of(FILES, PROCESSES), p.tables());
    final List<Object[]> rows = p.run(SOURCE, null, null).toList();
    assertEquals(7, rows.size());
    final int action = names.stream().toList().indexOf("ActionType");
    final int commandLine = names.stream().toList().indexOf("ProcessCommandLine");
    final int processId = names.stream().toList().indexOf("ProcessId");
    final int originUrl = names.stream().toList().indexOf("FileOriginUrl");
    assertEquals(List.of("FileCreated", "FileModified", "FileDeleted", "FileCreated", "ProcessCreated",
        "ProcessCreated", "ProcessCreated"), rows.stream().map(r -> r[action]).toList());
    // a file event has no process columns: empty strings and nulls, as the service's union leaves them
    assertEquals("", rows.get(0)[commandLine]);
    assertEquals(null, rows.get(0)[processId]);
    assertEquals("", rows.get(6)[originUrl]);
    // kind=outer spelled out is the same; the brackets name a table too
    assertEquals(run("union DeviceFileEvents, DeviceProcessEvents | project SHA1"),
        run("union kind=outer ['DeviceFileEvents'], DeviceProcessEvents | project SHA1"));
  }

  @Test void aNameOfSeveralTypesIsAColumnPerTypeNamedAfterIt() {
    final HuntingTable a = new HuntingTable("A", "a", List.of(new HuntingColumn("Port", KqlType.INT, "p"),
        new HuntingColumn("Name", KqlType.STRING, "n")), null, List.of());
    final HuntingTable b = new HuntingTable("B", "b", List.of(new HuntingColumn("Name", KqlType.STRING, "n"),
        new HuntingColumn("Port", KqlType.STRING, "p"), new HuntingColumn("Extra", KqlType.LONG, "e")), null,
        List.of());
    final Placement p = Placement.of(List.of(a, b));
    assertEquals(List.of(new KqlColumn("Port_int", KqlType.INT), new KqlColumn("Port_string", KqlType.STRING),
        new KqlColumn("Name", KqlType.STRING), new KqlColumn("Extra", KqlType.LONG)), p.columns());
    assertEquals(List.of(Arrays.asList(443, "", "x", null)),
        p.place(0, Stream.<Object[]>of(new Object[] {443, "x"})).map(Arrays::asList).toList());
    assertEquals(List.of(Arrays.asList(null, "https", "y", 7L)),
        p.place(1, Stream.<Object[]>of(new Object[] {"y", "https", 7L})).map(Arrays::asList).toList());
  }

  @Test void theTimeWindowAndTheLeadingTimeFilterApplyToEachTable() {
    ASKED.clear();
    final List<Object[]> rows = KqlEngine.prepare("union DeviceFileEvents, DeviceProcessEvents"
        + " | where Timestamp >= datetime(2026-11-28T00:00:00Z) | project Timestamp", NOW, 100)
        .run(SOURCE, Instant.parse("2026-11-26T00:00:00Z"), Instant.parse("2026-11-30T10:30:00Z")).toList();
    // the source is asked for the narrower bounds of both, each table
    assertEquals(List.of("DeviceFileEvents 2026-11-28T00:00:00Z 2026-11-30T10:30:00Z",
        "DeviceProcessEvents 2026-11-28T00:00:00Z 2026-11-30T10:30:00Z"), ASKED);
    // the window is applied exactly: 11:00 on the 30th is past its end
    assertEquals(List.of(Instant.parse("2026-11-29T11:00:00Z"), Instant.parse("2026-11-28T11:00:00Z"),
        Instant.parse("2026-11-30T10:00:00Z")), rows.stream().map(r -> r[0]).toList());
  }

  @Test void filePrevalenceCountsDistinctDevicesAndFindsTheSha256AnyEventHas() {
    final List<List<Object>> rows = run(HuntingModel.FILE_PREVALENCE.kql() + " | sort by SHA1 asc");
    assertEquals(List.of(
        List.of("aaaa", "a.exe", "a256", 3L, Instant.parse("2026-11-26T10:00:00Z"),
            Instant.parse("2026-11-30T11:00:00Z")),
        List.of("bbbb", "b.dll", "", 1L, Instant.parse("2026-11-28T11:00:00Z"), Instant.parse("2026-11-28T11:00:00Z")),
        List.of("cccc", "c.exe", "c256", 1L, Instant.parse("2026-11-25T10:00:00Z"),
            Instant.parse("2026-11-25T10:00:00Z"))), rows);
    final KqlEngine.Prepared p = KqlEngine.prepare(HuntingModel.FILE_PREVALENCE.kql(), NOW, 100);
    assertEquals(List.of("SHA1", "FileName", "SHA256", "DeviceCount", "FirstSeen", "LastSeen"),
        p.columns().stream().map(KqlColumn::name).toList());
  }

  @Test void takeAnyIfPrefersANonEmptyValueAndIsEmptyWhenThePredicateNeverHolds() {
    assertEquals(List.of(List.of("aaaa", "a256")), run("DeviceFileEvents | where SHA1 == 'aaaa'"
        + " | summarize take_anyif(SHA256, true) by SHA1"));
    assertEquals(List.of(List.of("aaaa", "")), run("DeviceFileEvents | where SHA1 == 'aaaa'"
        + " | summarize s = take_anyif(SHA256, ActionType == 'FileCreated') by SHA1"));
    assertEquals(List.of(Arrays.asList("")), run("DeviceFileEvents | summarize take_anyif(FileName, false)"));
    assertEquals(List.of(Arrays.asList((Object) null)),
        run("DeviceFileEvents | summarize r = take_anyif(FileSize, false)"));
    // unnamed, the column is named after the value's column
    assertEquals(List.of("SHA1", "SHA256"), KqlEngine.prepare("DeviceFileEvents | summarize take_anyif(SHA256, "
        + "true) by SHA1", NOW, 10).columns().stream().map(KqlColumn::name).toList());
  }

  @Test void everyDerivedTablesKqlRunsWithTheColumnsOfItsModel() {
    for (DerivedHuntingTable t : HuntingModel.derivedTables()) {
      final KqlEngine.Prepared p = KqlEngine.prepare(t.kql(), NOW, 100);
      final Set<String> expected = new LinkedHashSet<>(t.shape().columnNames());
      final Set<String> actual = new LinkedHashSet<>(p.columns().stream().map(KqlColumn::name).toList());
      assertEquals(expected, actual, t.name());
      for (KqlColumn c : p.columns()) {
        assertEquals(t.column(c.name()).orElseThrow().type(), c.type(), t.name() + "." + c.name());
      }
    }
  }

  @Test void whatTheEmulatorDoesNotImplementIsRefused() {
    for (String q : List.of("union kind=inner DeviceFileEvents, DeviceProcessEvents",
        "union withsource=T DeviceFileEvents, DeviceProcessEvents",
        "union isfuzzy=true DeviceFileEvents, DeviceProcessEvents",
        "union hint.concurrency=2 DeviceFileEvents, DeviceProcessEvents",
        "union (DeviceFileEvents | take 1), DeviceProcessEvents",
        "union Device*",
        "DeviceFileEvents | union DeviceProcessEvents",
        "DeviceFileEvents | summarize take_anyif(tolower(SHA256), true)",
        "DeviceFileEvents | summarize anyif(SHA256, true)",
        "DeviceFileEvents | summarize count_distinct(DeviceId)")) {
      final KqlException e = assertThrows(KqlException.class, () -> KqlEngine.prepare(q, NOW, 10), q);
      assertEquals(KqlException.Kind.UNSUPPORTED, e.kind(), q + ": " + e.getMessage());
    }
    final KqlException unknown = assertThrows(KqlException.class,
        () -> KqlEngine.prepare("union DeviceFileEvents, NoSuchTable", NOW, 10));
    assertEquals(KqlException.Kind.SEMANTIC, unknown.kind());
    assertTrue(unknown.getMessage().contains("NoSuchTable"), unknown.getMessage());
    final KqlException arity = assertThrows(KqlException.class,
        () -> KqlEngine.prepare("DeviceFileEvents | summarize take_anyif(SHA256)", NOW, 10));
    assertEquals(KqlException.Kind.SEMANTIC, arity.kind(), arity.getMessage());
    assertThrows(KqlException.class, () -> KqlEngine.prepare("union DeviceFileEvents,", NOW, 10));
  }
}
