package org.defendersql.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The catalogue of Defender tables; the single source of truth for the adapter and the emulator. */
public final class DefenderModel {
  private DefenderModel() {
  }

  public static final Entity ALERTS = Alerts.ENTITY;
  public static final Entity MACHINES = Machines.ENTITY;
  public static final Entity FILES = Files.ENTITY;
  public static final Entity USERS = LogonUsers.ENTITY;
  public static final Entity ALERT_EVIDENCE = AlertEvidence.ENTITY;
  public static final Entity USER_ALERTS = RelatedTables.USER_ALERTS;
  public static final Entity USER_MACHINES = RelatedTables.USER_MACHINES;
  public static final Entity FILE_ALERTS = RelatedTables.FILE_ALERTS;
  public static final Entity FILE_MACHINES = RelatedTables.FILE_MACHINES;
  public static final Entity IP_ALERTS = RelatedTables.IP_ALERTS;
  public static final Entity DOMAIN_ALERTS = RelatedTables.DOMAIN_ALERTS;
  public static final Entity DOMAIN_MACHINES = RelatedTables.DOMAIN_MACHINES;
  public static final Entity GRAPH_ALERTS = GraphAlerts.ENTITY;
  public static final Entity GRAPH_ALERT_EVIDENCE = GraphEvidence.ENTITY;
  public static final Entity GRAPH_INCIDENTS = GraphIncidents.ENTITY;
  public static final Entity INDICATORS = Indicators.ENTITY;
  public static final Entity MACHINE_ACTIONS = MachineActions.ENTITY;
  public static final Entity INVESTIGATIONS = Investigations.ENTITY;
  public static final Entity EXPOSURE_SCORE = DeviceScores.EXPOSURE_SCORE;
  public static final Entity EXPOSURE_SCORE_BY_MACHINE_GROUP = DeviceScores.EXPOSURE_SCORE_BY_MACHINE_GROUP;
  public static final Entity DEVICE_SECURE_SCORE = DeviceScores.DEVICE_SECURE_SCORE;
  public static final Entity DEVICE_AV_HEALTH = DeviceAvHealth.ENTITY;
  public static final Entity IP_STATS = NetworkStats.IP_STATS;
  public static final Entity DOMAIN_STATS = NetworkStats.DOMAIN_STATS;
  public static final Entity MACHINES_BY_IP = MachineSearches.MACHINES_BY_IP;
  public static final Entity MACHINES_BY_TAG = MachineSearches.MACHINES_BY_TAG;
  public static final Entity VULNERABILITIES = Vulnerabilities.VULNERABILITIES;
  public static final Entity MACHINE_VULNERABILITIES = Vulnerabilities.MACHINE_VULNERABILITIES;
  public static final Entity SOFTWARE = SoftwareProducts.ENTITY;
  public static final Entity RECOMMENDATIONS = Recommendations.ENTITY;
  public static final Entity REMEDIATION_TASKS = RemediationTasks.ENTITY;
  public static final Entity MACHINE_CVES = TvmLookups.MACHINE_CVES;
  public static final Entity MACHINE_SOFTWARE = TvmLookups.MACHINE_SOFTWARE;
  public static final Entity CVE_MACHINES = TvmLookups.CVE_MACHINES;
  public static final Entity SOFTWARE_MACHINES = TvmLookups.SOFTWARE_MACHINES;
  public static final Entity SOFTWARE_CVES = TvmLookups.SOFTWARE_CVES;
  public static final Entity SOFTWARE_VULNERABILITY_EXPORT = VulnerabilityExport.SNAPSHOT;
  public static final Entity SOFTWARE_VULNERABILITY_CHANGES = VulnerabilityExport.CHANGES;

  /** The export tables, whose endpoints have a quota of their own (see {@code exportRateLimits}). */
  public static final List<Entity> EXPORTS = List.of(SOFTWARE_VULNERABILITY_EXPORT, SOFTWARE_VULNERABILITY_CHANGES);

  /**
   * The tables whose calls count against the export APIs' budget (30 a minute, 1,000 an hour): the exports, and
   * the device antivirus health report, which Microsoft documents with the same limits. Counting them together
   * is the reading that can never provoke a 429.
   */
  public static final List<Entity> EXPORT_BUDGET = List.of(SOFTWARE_VULNERABILITY_EXPORT,
      SOFTWARE_VULNERABILITY_CHANGES, DEVICE_AV_HEALTH);

  /** The OAuth scope of the Defender API in the commercial cloud. */
  public static final String DEFAULT_SCOPE = "https://api.securitycenter.microsoft.com/.default";

  private static final List<Entity> ENTITIES = List.of(ALERTS, MACHINES, FILES, USERS, ALERT_EVIDENCE,
      USER_ALERTS, USER_MACHINES, FILE_ALERTS, FILE_MACHINES, IP_ALERTS, DOMAIN_ALERTS, DOMAIN_MACHINES,
      GRAPH_ALERTS, GRAPH_ALERT_EVIDENCE, GRAPH_INCIDENTS,
      INDICATORS, MACHINE_ACTIONS, INVESTIGATIONS, EXPOSURE_SCORE, EXPOSURE_SCORE_BY_MACHINE_GROUP, DEVICE_SECURE_SCORE,
      DEVICE_AV_HEALTH, IP_STATS, DOMAIN_STATS, MACHINES_BY_IP, MACHINES_BY_TAG,
      VULNERABILITIES, MACHINE_VULNERABILITIES, SOFTWARE, RECOMMENDATIONS, REMEDIATION_TASKS, MACHINE_CVES,
      MACHINE_SOFTWARE, CVE_MACHINES, SOFTWARE_MACHINES, SOFTWARE_CVES, SOFTWARE_VULNERABILITY_EXPORT,
      SOFTWARE_VULNERABILITY_CHANGES);

  /** The tables of one web API, in catalogue order. */
  public static List<Entity> entities(Api api) {
    return ENTITIES.stream().filter(e -> e.api() == api).toList();
  }

  /** Every table, in catalogue order. */
  public static List<Entity> entities() {
    return ENTITIES;
  }

  /** The table of this SQL name. */
  public static Optional<Entity> entity(String tableName) {
    return ENTITIES.stream().filter(e -> e.tableName().equals(tableName)).findFirst();
  }

  /**
   * Every foreign key between the tables, in catalogue and column order; fails if a column references a table or
   * column the model lacks, or one that is not its table's primary key.
   */
  public static List<Relation> relations() {
    final List<Relation> relations = new ArrayList<>();
    for (Entity e : ENTITIES) {
      for (Column c : e.foreignKeys()) {
        final Reference r = c.reference();
        final Entity target = entity(r.table()).orElseThrow(() -> new IllegalStateException(
            e.tableName() + "." + c.sqlName() + " references the unknown table " + r.table()));
        final Column targetColumn = target.column(r.column()).filter(t -> target.primaryKey().equals(
            List.of(t.sqlName()))).orElseThrow(() -> new IllegalStateException(e.tableName() + "." + c.sqlName()
                + " references " + r + ", which is not that table's primary key"));
        relations.add(new Relation(e, c, target, targetColumn));
      }
    }
    return relations;
  }

  /** The foreign keys of this table. */
  public static List<Relation> relationsFrom(Entity table) {
    return relations().stream().filter(r -> r.table().tableName().equals(table.tableName())).toList();
  }

  /** The foreign keys that reference this table. */
  public static List<Relation> relationsTo(Entity table) {
    return relations().stream().filter(r -> r.target().tableName().equals(table.tableName())).toList();
  }
}
