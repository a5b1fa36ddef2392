package org.defendersql.emulator.data;

import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;

/** The alerts, generated on demand: nothing per alert is held in memory. */
final class AlertTable implements EntityTable {
  private final AlertGenerator generator;

  AlertTable(AlertGenerator generator) {
    this.generator = generator;
  }

  @Override
  public Entity entity() {
    return DefenderModel.ALERTS;
  }

  @Override
  public long size() {
    return generator.count();
  }

  @Override
  public Object[] row(long index, boolean expanded) {
    return generator.alert(index, expanded);
  }

  /** The id of the machine alert {@code index} fired on, or null, without generating the alert. */
  String machineId(long index) {
    return generator.machineId(index);
  }

  @Override
  public long find(String key) {
    return generator.find(key);
  }
}
