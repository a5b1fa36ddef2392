package org.defendersql.server;

import org.apache.calcite.avatica.AvaticaStatement;

/**
 * The number of rows in a frame the server answers, from what a client asked: JDBC's fetch size 0 (or any
 * size not above 0) means "the driver's choice", which is Avatica's default frame, never an empty last frame.
 */
final class FrameSizes {
  private FrameSizes() {
  }

  /** The rows of a later frame ({@code fetch}). */
  static int ofFetch(int requested) {
    return requested > 0 ? requested : AvaticaStatement.DEFAULT_FETCH_SIZE;
  }

  /** The rows of the first frame; -1 tells Avatica's {@code JdbcMeta} to send its default first frame. */
  static int ofFirstFrame(int requested) {
    return requested > 0 ? requested : -1;
  }
}
