package org.defendersql.model;

import java.util.List;
import java.util.Optional;

/** The catalogue of Defender tables; the single source of truth for the adapter and the emulator. */
public final class DefenderModel {
  private DefenderModel() {
  }

  public static final Entity ALERTS = Alerts.ENTITY;
  public static final Entity MACHINES = Machines.ENTITY;

  /** The OAuth scope of the Defender API in the commercial cloud. */
  public static final String DEFAULT_SCOPE = "https://api.securitycenter.microsoft.com/.default";

  private static final List<Entity> ENTITIES = List.of(ALERTS, MACHINES);

  /** Every table, in catalogue order. */
  public static List<Entity> entities() {
    return ENTITIES;
  }

  /** The table of this SQL name. */
  public static Optional<Entity> entity(String tableName) {
    return ENTITIES.stream().filter(e -> e.tableName().equals(tableName)).findFirst();
  }
}
