package org.defendersql.model.hunting;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The catalogue of advanced-hunting tables and the facts of the two APIs that serve them: the single source of
 * truth for the adapter's hunting schema, the emulator's hunting endpoints and the README reference.
 */
public final class HuntingModel {
  private HuntingModel() {
  }

  public static final HuntingTable DEVICE_INFO = DeviceInfoTable.TABLE;
  public static final HuntingTable DEVICE_PROCESS_EVENTS = DeviceEventTables.PROCESS;
  public static final HuntingTable DEVICE_NETWORK_EVENTS = DeviceEventTables.NETWORK;
  public static final HuntingTable DEVICE_FILE_EVENTS = DeviceEventTables.FILE;
  public static final HuntingTable DEVICE_LOGON_EVENTS = DeviceEventTables.LOGON;
  public static final HuntingTable ALERT_INFO = AlertTables.INFO;
  public static final HuntingTable ALERT_EVIDENCE = AlertTables.EVIDENCE;
  public static final HuntingTable DEVICE_TVM_SOFTWARE_VULNERABILITIES = TvmTables.VULNERABILITIES;
  public static final HuntingTable DEVICE_TVM_SOFTWARE_INVENTORY = TvmTables.INVENTORY;

  private static final List<HuntingTable> TABLES = List.of(DEVICE_INFO, DEVICE_PROCESS_EVENTS,
      DEVICE_NETWORK_EVENTS, DEVICE_FILE_EVENTS, DEVICE_LOGON_EVENTS, ALERT_INFO, ALERT_EVIDENCE,
      DEVICE_TVM_SOFTWARE_VULNERABILITIES, DEVICE_TVM_SOFTWARE_INVENTORY);

  /** Each device's latest DeviceInfo report: the successor of the MDE API's {@code machines}. */
  public static final DerivedHuntingTable DEVICE_CONTEXT = ContextTables.DEVICE_CONTEXT;
  /** Logon users of devices and devices of users: the successor of {@code users} and {@code user_machines}. */
  public static final DerivedHuntingTable DEVICE_USERS = ContextTables.DEVICE_USERS;
  /** Files' prevalence, first and last seen: the successor of {@code files} and {@code file_machines}. */
  public static final DerivedHuntingTable FILE_PREVALENCE = ContextTables.FILE_PREVALENCE;

  private static final List<DerivedHuntingTable> DERIVED = List.of(DEVICE_CONTEXT, DEVICE_USERS, FILE_PREVALENCE);

  /** Microsoft Graph's hunting endpoint, under the Graph root (e.g. {@code https://graph.microsoft.com}). */
  public static final String GRAPH_PATH = "/v1.0/security/runHuntingQuery";
  /** The application role Graph's hunting endpoint requires. */
  public static final String GRAPH_ROLE = "ThreatHunting.Read.All";
  /** The OAuth scope of Microsoft Graph in the global cloud. */
  public static final String GRAPH_SCOPE = "https://graph.microsoft.com/.default";
  /** The legacy Defender for Endpoint hunting endpoint, under the Defender API's server URL. */
  public static final String MDE_PATH = "/api/advancedqueries/run";
  /** The application role the legacy endpoint requires. */
  public static final String MDE_ROLE = "AdvancedQuery.Read.All";
  /** How far back hunting data reaches, and the default {@code Timespan}. */
  public static final Duration DATA_WINDOW = Duration.ofDays(30);
  /** The most rows one answer holds; the service returns the first rows up to it. */
  public static final int MAX_ROWS = 100_000;
  /** The most bytes one answer may hold; beyond it the service answers 400. */
  public static final long MAX_RESULT_BYTES = 124L * 1024 * 1024;
  /** The documented call quotas shared by both endpoints: per minute and per hour, per tenant. */
  public static final int CALLS_PER_MINUTE = 45;
  public static final int CALLS_PER_HOUR = 1_500;

  /** Every hunting table, in catalogue order. */
  public static List<HuntingTable> tables() {
    return TABLES;
  }

  /** The table of this exact name (KQL table names are case-sensitive). */
  public static Optional<HuntingTable> table(String name) {
    return TABLES.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /** The table of this name ignoring case, as SQL identifiers match. */
  public static Optional<HuntingTable> tableIgnoreCase(String name) {
    return TABLES.stream().filter(t -> t.name().equalsIgnoreCase(name)).findFirst();
  }

  /** The tables the hunting schema computes from the others with a KQL pipeline, in catalogue order. */
  public static List<DerivedHuntingTable> derivedTables() {
    return DERIVED;
  }

  /** The derived table of this name ignoring case, as SQL identifiers match. */
  public static Optional<DerivedHuntingTable> derivedTableIgnoreCase(String name) {
    return DERIVED.stream().filter(t -> t.name().equalsIgnoreCase(name)).findFirst();
  }
}
