package org.defendersql.emulator.data.hunting;

import java.time.Instant;
import java.util.stream.Stream;
import org.defendersql.model.hunting.HuntingTable;

/** The rows of one hunting table, generated as they are read, in time order for tables with a time column. */
interface HuntingRows {
  HuntingTable table();

  /** How many rows the table has over the whole 30 days (an upper bound where some are skipped). */
  long size();

  /**
   * The rows with a time in {@code [from, to)} (null: unbounded), possibly with a few just outside, which the
   * reader filters; every row for tables without a time column.
   */
  Stream<Object[]> rows(Instant from, Instant to);
}
