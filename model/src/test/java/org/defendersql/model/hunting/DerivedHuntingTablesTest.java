package org.defendersql.model.hunting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.defendersql.model.Api;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;
import org.junit.jupiter.api.Test;

/**
 * The derived hunting tables: the successors the MDE-API tables name exist, their KQL and columns agree, and
 * docs/hunting.md holds their generated reference.
 */
class DerivedHuntingTablesTest {

  @Test void everyHuntingSuccessorOfAnMdeTableExists() {
    int named = 0;
    for (Entity e : DefenderModel.entities(Api.MDE)) {
      final String s = e.successor();
      if (s == null || !s.startsWith("hunting.")) {
        continue;
      }
      final String table = s.substring("hunting.".length()).split("[\\s(]", 2)[0];
      assertTrue(HuntingModel.tableIgnoreCase(table).isPresent()
          || HuntingModel.derivedTableIgnoreCase(table).isPresent(), e.tableName() + " names " + s);
      named++;
    }
    assertTrue(named >= 5, "MDE tables with a hunting successor: " + named);
    assertEquals(List.of("machines", "machines_by_tag"),
        ContextTablesReference.replacedTables(HuntingModel.DEVICE_CONTEXT));
    assertTrue(ContextTablesReference.replacedTables(HuntingModel.DEVICE_USERS).containsAll(List.of("users",
        "user_machines")), ContextTablesReference.replacedTables(HuntingModel.DEVICE_USERS).toString());
    assertTrue(ContextTablesReference.replacedTables(HuntingModel.FILE_PREVALENCE).containsAll(List.of("files",
        "file_machines")), ContextTablesReference.replacedTables(HuntingModel.FILE_PREVALENCE).toString());
  }

  @Test void namesDoNotClashWithMicrosoftsTables() {
    for (DerivedHuntingTable t : HuntingModel.derivedTables()) {
      assertTrue(HuntingModel.tableIgnoreCase(t.name()).isEmpty(), t.name());
      assertEquals(t, HuntingModel.derivedTableIgnoreCase(t.name().toUpperCase(Locale.ROOT)).orElseThrow());
    }
  }

  @Test void columnsAreDescribedAndKeysAreColumnsOfTheTablesRead() {
    for (DerivedHuntingTable t : HuntingModel.derivedTables()) {
      assertFalse(t.description().isBlank(), t.name());
      for (HuntingColumn c : t.columns()) {
        assertFalse(c.description().isBlank(), t.name() + "." + c.name());
        assertTrue(c.description().length() < 200, t.name() + "." + c.name() + ": one line");
      }
      for (String k : t.keys()) {
        // a key predicate goes before the pipeline, on the rows of every table read: each must have it
        for (HuntingTable r : t.reads()) {
          assertEquals(t.column(k).orElseThrow().type(), r.column(k).orElseThrow().type(), t.name() + "." + k);
        }
        assertTrue(t.pipeline().contains(k), t.name() + " groups by " + k);
      }
      for (HuntingTable r : t.reads()) {
        assertTrue(t.source().contains(r.name()), t.name() + " reads " + r.name());
        assertTrue(HuntingModel.tables().contains(r), r.name());
      }
      assertTrue(t.shape().columnNames().equals(t.columns().stream().map(HuntingColumn::name).toList()));
      assertFalse(t.shape().hasTimeColumn(), "aggregated rows are not read on in time order");
    }
  }

  @Test void deviceContextHasDeviceInfosColumnsAndTheOthersTheirOwn() {
    final DerivedHuntingTable d = HuntingModel.DEVICE_CONTEXT;
    assertEquals(HuntingModel.DEVICE_INFO.columnNames(), d.shape().columnNames());
    for (HuntingColumn c : HuntingModel.DEVICE_INFO.columns()) {
      assertEquals(c.type(), d.column(c.name()).orElseThrow().type(), c.name());
    }
    assertEquals("DeviceInfo | summarize arg_max(Timestamp, *) by DeviceId", d.kql());
    assertEquals("Timestamp", d.windowColumn());
    assertEquals(List.of("DeviceId", "DeviceName", "AccountDomain", "AccountName", "AccountSid", "FirstSeen",
        "LastSeen", "LogonCount"), HuntingModel.DEVICE_USERS.shape().columnNames());
    assertEquals(List.of("SHA1", "FileName", "SHA256", "DeviceCount", "FirstSeen", "LastSeen"),
        HuntingModel.FILE_PREVALENCE.shape().columnNames());
    // exact counts only: dcount is an estimate
    for (DerivedHuntingTable t : HuntingModel.derivedTables()) {
      assertFalse(t.kql().contains("dcount"), t.name());
    }
  }

  @Test void inconsistentDefinitionsAreRefused() {
    final List<HuntingColumn> cols = List.of(new HuntingColumn("A", KqlType.STRING, "a"),
        new HuntingColumn("T", KqlType.DATETIME, "t"));
    final List<HuntingTable> reads = List.of(HuntingModel.DEVICE_INFO);
    assertThrows(IllegalArgumentException.class, () -> new DerivedHuntingTable("x", "x", "DeviceInfo",
        "| summarize by A", cols, List.of("B"), Set.of(), null, reads));
    assertThrows(IllegalArgumentException.class, () -> new DerivedHuntingTable("x", "x", "DeviceInfo",
        "| summarize by A", cols, List.of("A"), Set.of("C"), null, reads));
    assertThrows(IllegalArgumentException.class, () -> new DerivedHuntingTable("x", "x", "DeviceInfo",
        "| summarize by A", cols, List.of("A"), Set.of(), "A", reads));
    assertThrows(IllegalArgumentException.class, () -> new DerivedHuntingTable("x", "x", "DeviceInfo",
        "summarize by A", cols, List.of("A"), Set.of(), null, reads));
  }

  @Test void theDocumentHoldsTheGeneratedReference() throws IOException {
    final String doc = Files.readString(Path.of("..", "docs", "hunting.md"), StandardCharsets.UTF_8);
    final int begin = doc.indexOf(ContextTablesReference.BEGIN);
    final int end = doc.indexOf(ContextTablesReference.END);
    assertTrue(begin >= 0 && end > begin, "docs/hunting.md lacks the context-tables markers");
    assertEquals(ContextTablesReference.markdown(),
        doc.substring(begin + ContextTablesReference.BEGIN.length() + 1, end),
        "docs/hunting.md's context tables are stale: regenerate them with"
            + " java -cp model/target/classes org.defendersql.model.hunting.ContextTablesReference");
  }
}
