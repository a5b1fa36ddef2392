package org.defendersql.adapter.hunting;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs 160 generated queries over the hunting tables with pushdown on and off against one emulated tenant and
 * requires identical results: filters of every kind (NULLs, LIKE patterns, booleans, time arithmetic) under
 * {@code select *} and projections, group-by with every aggregate and HAVING, ORDER BY ... LIMIT. Also checks that
 * pushdown did take place for most of them. {@link HuntingDifferentialJoinsTest} runs 160 more of the other shapes.
 */
class HuntingDifferentialTest {
  static final int QUERIES = 160;
  /** The query shapes of this class (see {@link HuntingDifferential#next}). */
  static final int[] SHAPES = {0, 1, 2, 3, 4};
  private static DefenderEmulator emulator;
  private static Connection pushed;
  private static Connection reference;

  @BeforeAll static void start() throws SQLException {
    emulator = HuntingDifferential.emulator();
    final Map<String, Object> operand = HuntingTenant.operand(emulator);
    pushed = HuntingTenant.connect(operand);
    reference = HuntingTenant.connectReference(operand);
  }

  @AfterAll static void stop() throws SQLException {
    pushed.close();
    reference.close();
    emulator.close();
  }

  @Test void pushdownNeverChangesAResult() throws SQLException {
    run(emulator, pushed, reference, new HuntingDifferential(emulator, 42), SHAPES, QUERIES / 10);
  }

  /**
   * Runs the queries of the given shapes in turn and requires them all to agree; at least {@code summarizedAtLeast}
   * of them must have pushed a summarize.
   */
  static void run(DefenderEmulator emulator, Connection pushed, Connection reference, HuntingDifferential queries,
      int[] shapes, int summarizedAtLeast) throws SQLException {
    final List<String> differences = new ArrayList<>();
    int filtered = 0;
    int summarized = 0;
    for (int i = 0; i < QUERIES; i++) {
      final HuntingDifferential.Query q = queries.next(shapes[i % shapes.length]);
      emulator.clearRequestLog();
      final String difference = HuntingDifferential.compare(q, pushed, reference);
      if (difference != null) {
        differences.add(difference);
      }
      final List<String> kql = emulator.requestLog().stream().map(RecordedRequest::kql)
          .filter(k -> k != null).toList();
      if (kql.stream().anyMatch(k -> k.contains("| where "))) {
        filtered++;
      }
      if (kql.stream().anyMatch(k -> k.contains("| summarize "))) {
        summarized++;
      }
    }
    assertTrue(differences.isEmpty(), differences.size() + " of " + QUERIES + " queries differ:\n"
        + String.join("\n", differences));
    assertTrue(filtered > QUERIES / 2, "a where was pushed in only " + filtered + " of " + QUERIES + " queries");
    assertTrue(summarized >= summarizedAtLeast, "a summarize was pushed in only " + summarized + " queries");
  }
}
