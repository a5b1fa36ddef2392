package org.defendersql.model.hunting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.defendersql.model.SqlType;
import org.junit.jupiter.api.Test;

/** The hunting tables against Microsoft's schema reference: names, order, types, time columns, descriptions. */
class HuntingModelTest {

  @Test void theNineTablesOfTheBriefAreThere() {
    assertEquals(List.of("DeviceInfo", "DeviceProcessEvents", "DeviceNetworkEvents", "DeviceFileEvents",
        "DeviceLogonEvents", "AlertInfo", "AlertEvidence", "DeviceTvmSoftwareVulnerabilities",
        "DeviceTvmSoftwareInventory"), HuntingModel.tables().stream().map(HuntingTable::name).toList());
    assertTrue(HuntingModel.table("deviceinfo").isEmpty(), "KQL table names are case-sensitive");
    assertEquals(HuntingModel.DEVICE_INFO, HuntingModel.tableIgnoreCase("deviceinfo").orElseThrow());
  }

  @Test void everyEventTableHasTimestampFirstAndTheTvmSnapshotsHaveNone() {
    for (HuntingTable t : HuntingModel.tables()) {
      if (t.name().startsWith("DeviceTvm")) {
        assertNull(t.timeColumn(), t.name());
        assertFalse(t.hasTimeColumn());
        assertTrue(t.column("Timestamp").isEmpty(), t.name() + " has no Timestamp in Microsoft's reference");
      } else {
        assertEquals("Timestamp", t.timeColumn(), t.name());
        assertEquals("Timestamp", t.columns().get(0).name(), t.name());
        assertEquals(KqlType.DATETIME, t.column("Timestamp").orElseThrow().type());
      }
    }
  }

  @Test void columnNamesAreUniqueIgnoringCaseAndDescribed() {
    for (HuntingTable t : HuntingModel.tables()) {
      final Set<String> names = new HashSet<>();
      for (HuntingColumn c : t.columns()) {
        assertTrue(names.add(c.name().toLowerCase(Locale.ROOT)), t.name() + "." + c.name());
        assertFalse(c.description().isBlank(), t.name() + "." + c.name() + " has no description");
        assertTrue(c.description().length() < 200, t.name() + "." + c.name() + ": one line");
      }
      assertFalse(t.description().isBlank(), t.name());
      assertTrue(t.identifying().stream().allMatch(k -> t.column(k).isPresent()), t.name());
    }
  }

  @Test void aDuplicateColumnIgnoringCaseIsRefused() {
    // DeviceProcessEvents has both LogonId and LogonID in the newest reference: SQL could not tell them apart.
    final List<HuntingColumn> cols = List.of(new HuntingColumn("LogonId", KqlType.LONG, "a"),
        new HuntingColumn("LogonID", KqlType.LONG, "b"));
    assertThrows(IllegalArgumentException.class, () -> new HuntingTable("T", "t", cols, null, List.of()));
  }

  @Test void columnOrderAndTypesFollowMicrosoftsReference() {
    assertEquals(37, HuntingModel.DEVICE_INFO.columns().size());
    assertEquals(List.of("Timestamp", "DeviceId", "DeviceName", "ClientVersion", "PublicIP", "OSArchitecture",
        "OSPlatform", "OSBuild", "IsAzureADJoined"), HuntingModel.DEVICE_INFO.columnNames().subList(0, 9));
    assertEquals("HostDeviceId", last(HuntingModel.DEVICE_INFO));
    assertEquals(58, HuntingModel.DEVICE_PROCESS_EVENTS.columns().size());
    assertEquals("AdditionalFields", last(HuntingModel.DEVICE_PROCESS_EVENTS));
    assertEquals(8, HuntingModel.ALERT_INFO.columns().size());
    assertEquals(42, HuntingModel.ALERT_EVIDENCE.columns().size());
    assertEquals("SubscriptionId", last(HuntingModel.ALERT_EVIDENCE));
    assertEquals(13, HuntingModel.DEVICE_TVM_SOFTWARE_VULNERABILITIES.columns().size());
    assertEquals(11, HuntingModel.DEVICE_TVM_SOFTWARE_INVENTORY.columns().size());
    // The initiating-process columns come in a different order in each event table.
    assertEquals(12, HuntingModel.DEVICE_NETWORK_EVENTS.indexOf("InitiatingProcessSHA1"));
    assertEquals(20, HuntingModel.DEVICE_FILE_EVENTS.indexOf("InitiatingProcessMD5"));
    assertEquals(21, HuntingModel.DEVICE_LOGON_EVENTS.indexOf("InitiatingProcessIntegrityLevel"));
    assertEquals("InitiatingProcessRemoteSessionIP", last(HuntingModel.DEVICE_LOGON_EVENTS));
    assertEquals(KqlType.INT, type(HuntingModel.DEVICE_NETWORK_EVENTS, "RemotePort"));
    assertEquals(KqlType.LONG, type(HuntingModel.DEVICE_PROCESS_EVENTS, "ProcessId"));
    assertEquals(KqlType.BOOL, type(HuntingModel.DEVICE_LOGON_EVENTS, "IsLocalAdmin"));
    assertEquals(KqlType.INT, type(HuntingModel.ALERT_EVIDENCE, "ApplicationId"));
    assertEquals(KqlType.DYNAMIC, type(HuntingModel.DEVICE_TVM_SOFTWARE_VULNERABILITIES, "CveTags"));
    assertEquals(KqlType.DATETIME, type(HuntingModel.DEVICE_TVM_SOFTWARE_INVENTORY, "EndOfSupportDate"));
  }

  @Test void sqlTypesFollowTheMapping() {
    assertEquals(SqlType.VARCHAR, KqlType.STRING.sqlType());
    assertEquals(SqlType.BIGINT, KqlType.LONG.sqlType());
    assertEquals(SqlType.INTEGER, KqlType.INT.sqlType());
    assertEquals(SqlType.BOOLEAN, KqlType.BOOL.sqlType());
    assertEquals(SqlType.TIMESTAMP, KqlType.DATETIME.sqlType());
    assertEquals("TIMESTAMP(3)", KqlType.DATETIME.sqlTypeName());
    assertEquals(SqlType.DOUBLE, KqlType.DOUBLE.sqlType());
    assertEquals(SqlType.VARCHAR, KqlType.DYNAMIC.sqlType());
    assertEquals(SqlType.VARCHAR, KqlType.GUID.sqlType());
    assertEquals("BIGINT", HuntingModel.DEVICE_INFO.column("OSBuild").orElseThrow().sqlTypeName());
    assertFalse(HuntingModel.DEVICE_INFO.column("DeviceName").orElseThrow().nullable(), "strings are never null");
    assertTrue(HuntingModel.DEVICE_INFO.column("OSBuild").orElseThrow().nullable());
  }

  @Test void answerSchemaTypeNamesMapBackIgnoringCase() {
    assertEquals(KqlType.DATETIME, KqlType.ofSchemaName("DateTime").orElseThrow());
    assertEquals(KqlType.DATETIME, KqlType.ofSchemaName("datetime").orElseThrow());
    assertEquals(KqlType.LONG, KqlType.ofSchemaName("Int64").orElseThrow());
    assertEquals(KqlType.LONG, KqlType.ofSchemaName("System.Int64").orElseThrow());
    assertEquals(KqlType.INT, KqlType.ofSchemaName("Int32").orElseThrow());
    assertEquals(KqlType.BOOL, KqlType.ofSchemaName("Boolean").orElseThrow());
    assertEquals(KqlType.DYNAMIC, KqlType.ofSchemaName("Object").orElseThrow());
    assertEquals(KqlType.DOUBLE, KqlType.ofSchemaName("real").orElseThrow());
    assertTrue(KqlType.ofSchemaName("Decimal128").isEmpty());
    for (KqlType t : KqlType.values()) {
      assertEquals(t, KqlType.ofSchemaName(t.schemaName()).orElseThrow());
      assertEquals(t, KqlType.ofKqlName(t.kqlName()).orElseThrow());
    }
  }

  private static String last(HuntingTable t) {
    return t.columns().get(t.columns().size() - 1).name();
  }

  private static KqlType type(HuntingTable t, String column) {
    return t.column(column).orElseThrow().type();
  }
}
