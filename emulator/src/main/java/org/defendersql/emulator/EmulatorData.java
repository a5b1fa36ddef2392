package org.defendersql.emulator;

import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.defendersql.emulator.data.EntityTable;
import org.defendersql.emulator.data.Tenant;
import org.defendersql.model.Entity;

/**
 * The emulated tenant's data as tests compare against it: every row of an entity in the API's order, with
 * values in model column order and typed by EDM type (see {@link DefenderEmulator}).
 */
public final class EmulatorData {
  private final Tenant tenant;

  EmulatorData(Tenant tenant) {
    this.tenant = tenant;
  }

  /**
   * Every row of the entity, in the order the API returns them, with expandable properties (alert evidence)
   * filled. Alerts are generated as the stream is consumed, so a million of them need no memory.
   */
  public Stream<Object[]> rows(Entity entity) {
    final EntityTable table = tenant.table(entity);
    return LongStream.range(0, table.size()).mapToObj(i -> table.row(i, true).clone());
  }

  /** How many rows the entity has. */
  public long count(Entity entity) {
    return tenant.table(entity).size();
  }
}
