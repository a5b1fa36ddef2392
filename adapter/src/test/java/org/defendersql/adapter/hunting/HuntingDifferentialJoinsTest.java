package org.defendersql.adapter.hunting;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.defendersql.emulator.DefenderEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The second half of the differential test: 160 generated queries over the hunting tables with pushdown on and off,
 * of the shapes {@link HuntingDifferentialTest} does not run: LIMIT alone, time windows, joins with the Defender
 * API's machines and with VALUES, JDBC parameters and COUNT(DISTINCT).
 */
class HuntingDifferentialJoinsTest {
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
    HuntingDifferentialTest.run(emulator, pushed, reference, new HuntingDifferential(emulator, 4242),
        new int[] {5, 6, 7, 8, 9}, 5);
  }
}
