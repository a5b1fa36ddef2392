package org.defendersql.model;

import java.time.Duration;
import java.util.Set;

/**
 * How long a complete answer of each table may be served again from defender-sql's cache of API answers: short
 * for what changes by the minute (alerts, incidents, evidence, advanced hunting), longer for inventories that
 * change by the hour (machines, files, logon users, software and vulnerabilities). Kept apart from
 * {@link Entity} so that the entities' descriptions stay free of caching policy; a table not named here gets the
 * short default.
 */
public final class CacheTtls {
  /** Alerts, incidents, hunting, and any table not named below. */
  public static final Duration SHORT = Duration.ofSeconds(30);
  /** Inventories: machines, files, users, software, vulnerabilities, recommendations. */
  public static final Duration INVENTORY = Duration.ofMinutes(5);

  /** Tables whose rows describe the estate rather than events in it. */
  private static final Set<String> INVENTORIES = Set.of("machines", "files", "users", "software",
      "vulnerabilities", "recommendations", "machine_software", "software_vulnerabilities");

  private CacheTtls() {
  }

  /** The time-to-live of an entity's answers. */
  public static Duration of(Entity entity) {
    return of(entity.tableName());
  }

  /** The time-to-live of a table's answers, by its SQL name. */
  public static Duration of(String tableName) {
    return INVENTORIES.contains(tableName) ? INVENTORY : SHORT;
  }

  /** The time-to-live of advanced hunting's answers (their tables are mostly events). */
  public static Duration hunting() {
    return SHORT;
  }
}
