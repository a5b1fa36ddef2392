package org.defendersql.emulator.graph;

import org.defendersql.emulator.data.EntityTable;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;

/**
 * Graph's {@code alerts_v2} as a table: row {@code i} is the Graph alert of the MDE API's alert {@code i}, so both
 * APIs list the same alerts in the same order (creation time) and a Graph alert is found by the MDE alert's id.
 */
final class GraphAlertTable implements EntityTable {
  private final EntityTable mde;
  private final GraphAlertMapper mapper;

  GraphAlertTable(EntityTable mde, GraphAlertMapper mapper) {
    this.mde = mde;
    this.mapper = mapper;
  }

  @Override
  public Entity entity() {
    return DefenderModel.GRAPH_ALERTS;
  }

  @Override
  public long size() {
    return mde.size();
  }

  @Override
  public Object[] row(long index, boolean expanded) {
    return mapper.alert(mde.row(index, expanded), expanded);
  }

  @Override
  public long find(String key) {
    return mde.find(key);
  }

  /** The Graph alert of an MDE alert row (read with its evidence when {@code expanded}). */
  Object[] map(Object[] mde, boolean expanded) {
    return mapper.alert(mde, expanded);
  }

  /** The MDE alert at this position, with its evidence when asked. */
  Object[] mdeRow(long index, boolean withEvidence) {
    return mde.row(index, withEvidence);
  }
}
