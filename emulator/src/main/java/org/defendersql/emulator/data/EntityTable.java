package org.defendersql.emulator.data;

import org.defendersql.model.Entity;

/**
 * The rows of one entity set in the service's order, addressable by position so that queries can skip, sort
 * by position and regenerate rows instead of holding them.
 */
public interface EntityTable {
  Entity entity();

  /** How many rows there are. */
  long size();

  /**
   * Row {@code index} (values in model column order).
   *
   * @param expanded whether to fill the entity's expandable property ({@code evidence}); when false it is empty
   */
  Object[] row(long index, boolean expanded);

  /** The position of the entity with this key (as the API accepts it in a path), or -1. */
  long find(String key);
}
