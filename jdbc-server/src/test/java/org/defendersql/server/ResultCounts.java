package org.defendersql.server;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads a result set to its end, for tests that need how many rows came (and that the reading succeeded). */
final class ResultCounts {
  private ResultCounts() {
  }

  /** The rows of {@code rs}, read to the end; the result set is closed. */
  static long count(ResultSet rs) throws SQLException {
    try (ResultSet r = rs) {
      long n = 0;
      while (r.next()) {
        n++;
      }
      return n;
    }
  }
}
