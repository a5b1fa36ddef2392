package org.defendersql.model.hunting;

import static org.defendersql.model.hunting.KqlType.DATETIME;
import static org.defendersql.model.hunting.KqlType.LONG;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The device, user and file context that the MDE API's {@code machines}, {@code users}, {@code user_machines},
 * {@code files} and {@code file_machines} answer, computed by advanced hunting instead, so that it stays available
 * on Microsoft Graph alone after the MDE API retires. Each is one KQL pipeline over the hunting tables.
 */
final class ContextTables {
  private ContextTables() {
  }

  /**
   * Each device's latest report. {@code arg_max(Timestamp, *)} keeps every column of the report with the greatest
   * time, under its own name (the {@code by} column once), so the columns are DeviceInfo's.
   */
  static final DerivedHuntingTable DEVICE_CONTEXT = new DerivedHuntingTable("device_context",
      "A device's latest state: its most recent DeviceInfo report in the time window (OS, sensor health, exposure,"
          + " users, group, tags); a device renamed since keeps only its latest name",
      "DeviceInfo",
      "| summarize arg_max(Timestamp, *) by DeviceId",
      latestReportColumns(),
      List.of("DeviceId"), Set.of("Timestamp"), "Timestamp", List.of(DeviceInfoTable.TABLE));

  /**
   * Successful logons only, as the MDE API's logon users are the accounts that did log on: a failed attempt (a
   * wrong password, an unknown user) does not make an account a user of the device. Grouped by the device's name
   * too, which a renamed device changes: each name it had is a row.
   */
  static final DerivedHuntingTable DEVICE_USERS = new DerivedHuntingTable("device_users",
      "An account that logged on to a device (successful logons in the time window), with its first and last logon "
          + "and how many; one row per device, device name and account",
      "DeviceLogonEvents | where ActionType == \"LogonSuccess\"",
      "| summarize FirstSeen = min(Timestamp), LastSeen = max(Timestamp), LogonCount = count()"
          + " by DeviceId, DeviceName, AccountDomain, AccountName, AccountSid",
      new Cols()
          .strings("DeviceId", "DeviceName", "AccountDomain", "AccountName", "AccountSid")
          .add("FirstSeen", DATETIME, "Time of the account's first successful logon to the device in the window")
          .add("LastSeen", DATETIME, "Time of the account's last successful logon to the device in the window")
          .add("LogonCount", LONG, "Number of successful logons of the account to the device in the window")
          .build(),
      List.of("DeviceId", "DeviceName", "AccountDomain", "AccountName", "AccountSid"),
      Set.of("FirstSeen", "LastSeen", "LogonCount"), null, List.of(DeviceEventTables.LOGON));

  /**
   * Files written or run: the union of file events and process creations, by SHA-1 (the hash every event has) and
   * file name. The device count is exact: the first {@code summarize} makes one row per file, name and device, the
   * second counts those rows ({@code dcount} is an estimate; {@code count_distinct} is not documented for advanced
   * hunting, and two groupings use nothing but {@code summarize} and {@code count}). SHA-256 is not a grouping key:
   * events often lack it (it is empty), and grouping by it would split a file into a row with it and a row without;
   * a SHA-1 has one SHA-256, so any non-empty value of the group ({@code take_anyif}) is that file's SHA-256.
   */
  static final DerivedHuntingTable FILE_PREVALENCE = new DerivedHuntingTable("file_prevalence",
      "A file seen on the organisation's devices (created, modified, renamed, deleted or run in the time window) "
          + "under a name: on how many devices, first and last seen; one row per SHA-1 and file name",
      "union DeviceFileEvents, DeviceProcessEvents | where isnotempty(SHA1)",
      "| summarize SHA256 = take_anyif(SHA256, isnotempty(SHA256)), FirstSeen = min(Timestamp),"
          + " LastSeen = max(Timestamp) by SHA1, FileName, DeviceId"
          + " | summarize SHA256 = take_anyif(SHA256, isnotempty(SHA256)), DeviceCount = count(),"
          + " FirstSeen = min(FirstSeen), LastSeen = max(LastSeen) by SHA1, FileName",
      new Cols()
          .add("SHA1", KqlType.STRING, "SHA-1 of the file")
          .add("FileName", KqlType.STRING, "Name of the file as the events give it (a file seen under several names "
              + "has a row per name)")
          .add("SHA256", KqlType.STRING, "SHA-256 of the file, when an event of it has one (events often lack it)")
          .add("DeviceCount", LONG, "Number of distinct devices the file was seen on under this name in the window "
              + "(exact)")
          .add("FirstSeen", DATETIME, "Time of the first event of the file under this name in the window")
          .add("LastSeen", DATETIME, "Time of the last event of the file under this name in the window")
          .build(),
      List.of("SHA1", "FileName"), Set.of("DeviceCount", "FirstSeen", "LastSeen"), null,
      List.of(DeviceEventTables.FILE, DeviceEventTables.PROCESS));

  /** DeviceInfo's columns, its time being the latest report's. */
  private static List<HuntingColumn> latestReportColumns() {
    final List<HuntingColumn> out = new ArrayList<>();
    for (HuntingColumn c : DeviceInfoTable.TABLE.columns()) {
      out.add(c.name().equals("Timestamp")
          ? new HuntingColumn(c.name(), c.type(), "Date and time of the device's latest report in the window")
          : c);
    }
    return out;
  }
}
