package org.defendersql.emulator.data;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;

/**
 * The emulated tenant's data: machines and the shared pools held in memory, alerts generated lazily from
 * (seed, index). Everything is a function of the seed, the counts, "now" and the tenant id.
 */
public final class Tenant {
  private final MachineTable machines;
  private final AlertTable alerts;

  private Tenant(MachineTable machines, AlertTable alerts) {
    this.machines = machines;
    this.alerts = alerts;
  }

  /** Generates a tenant. */
  public static Tenant generate(long seed, int machineCount, long alertCount, Instant now, String tenantId) {
    if (machineCount < 0 || alertCount < 0 || alertCount > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("counts must be in 0.." + Integer.MAX_VALUE);
    }
    final Pools pools = new Pools(seed, machineCount);
    final MachineGenerator generator = new MachineGenerator(seed, now, pools);
    final List<Object[]> rows = new ArrayList<>(machineCount);
    final List<MachineFacts> devices = new ArrayList<>();
    for (int i = 0; i < machineCount; i++) {
      final MachineGenerator.Machine m = generator.machine(i);
      rows.add(m.row());
      if (m.facts() != null) {
        devices.add(m.facts());
      }
    }
    final AlertGenerator alerts = new AlertGenerator(seed, alertCount, now, tenantId, pools, devices);
    return new Tenant(new MachineTable(rows), new AlertTable(alerts));
  }

  /** The table of an entity of the model. */
  public EntityTable table(Entity entity) {
    if (entity.equals(DefenderModel.ALERTS)) {
      return alerts;
    }
    if (entity.equals(DefenderModel.MACHINES)) {
      return machines;
    }
    throw new IllegalArgumentException("the emulator does not serve " + entity.tableName());
  }
}
