package org.defendersql.emulator.data.hunting;

import org.defendersql.model.hunting.HuntingTable;
import org.defendersql.model.hunting.KqlType;

/**
 * Where each column of a hunting table sits in a row, looked up by name once so generators name the values they
 * set while the model alone decides the columns and their order; a new row holds {@code ""} in every string column
 * (KQL strings are never null) and null elsewhere.
 */
final class RowSlots {
  private final HuntingTable table;
  private final Object[] template;

  RowSlots(HuntingTable table) {
    this.table = table;
    template = new Object[table.columns().size()];
    for (int i = 0; i < template.length; i++) {
      template[i] = table.columns().get(i).type() == KqlType.STRING ? "" : null;
    }
  }

  /** The position of a column; fails at start-up for a name the model lacks. */
  int at(String column) {
    final int i = table.indexOf(column);
    if (i < 0) {
      throw new IllegalStateException(table.name() + " has no column " + column);
    }
    return i;
  }

  Object[] newRow() {
    return template.clone();
  }

  HuntingTable table() {
    return table;
  }
}
