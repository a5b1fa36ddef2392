package org.defendersql.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.Meta.ConnectionHandle;
import org.apache.calcite.avatica.Meta.StatementHandle;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.model.DefenderModel;
import org.junit.jupiter.api.Test;

/**
 * A frame read ahead reaches the client whole. Each frame's rows are measured again, and wide rows vary: cut to a
 * size estimated after its read, a frame left a rest of a few rows, served as a frame of its own with nothing read
 * ahead, which made a fetch size of 1,000 slower than one of 100. The client here is slower than the server (as
 * Avatica's is when it decodes wide rows), so every read ahead is done before the next fetch.
 */
class ReadAheadFramesTest {
  private static final int ALERTS = 3_000;

  @Test void framesReadAheadAreServedWhole() throws Exception {
    try (DefenderEmulator emulator = DefenderEmulator.builder().seed(11).alerts(ALERTS).machines(20).build()
        .start()) {
      final DefenderJdbcMeta meta = new DefenderJdbcMeta("jdbc:calcite:",
          DefenderServer.connectionProperties(TenantSource.emulated(emulator)), ServerLimits.DEFAULT);
      try {
        final List<Integer> frames = frames(meta, 1_000);
        assertEquals(emulator.data().count(DefenderModel.ALERTS), frames.stream().mapToLong(i -> i).sum(),
            "every row once: " + frames);
        assertTrue(frames.size() > 10, "wide rows make many frames: " + frames);
        // Frames after the first, the last excepted, are sized by the bound in bytes from measured rows: never a
        // small rest of a cut frame.
        for (int i = 2; i < frames.size() - 1; i++) {
          assertTrue(frames.get(i) * 2 > frames.get(i - 1), "frame " + i + " is a rest: " + frames);
        }
      } finally {
        meta.close();
      }
    }
  }

  /** The rows of each frame of {@code select *} on the alerts, fetched with this fetch size. */
  private static List<Integer> frames(DefenderJdbcMeta meta, int fetchSize) throws Exception {
    final ConnectionHandle ch = new ConnectionHandle(UUID.randomUUID().toString());
    meta.openConnection(ch, Map.of());
    try {
      final StatementHandle h = meta.createStatement(ch);
      final Meta.ExecuteResult result = meta.prepareAndExecute(h, "select * from alerts", -1, fetchSize,
          new NoCallback());
      Meta.Frame frame = result.resultSets.get(0).firstFrame;
      final List<Integer> frames = new ArrayList<>();
      long offset = 0;
      while (true) {
        final int rows = count(frame.rows);
        frames.add(rows);
        offset += rows;
        if (frame.done) {
          return frames;
        }
        // The client decodes its frame meanwhile: the read ahead of the next one ends first.
        Thread.sleep(60);
        frame = meta.fetch(h, offset, fetchSize);
      }
    } finally {
      meta.closeConnection(ch);
    }
  }

  private static int count(Iterable<Object> rows) {
    int n = 0;
    for (Object ignored : rows) {
      n++;
    }
    return n;
  }

  /** A prepare callback that does nothing, as Avatica's local service gives JdbcMeta. */
  private static final class NoCallback implements Meta.PrepareCallback {
    @Override public Object getMonitor() {
      return this;
    }

    @Override public void clear() throws SQLException {
    }

    @Override public void assign(Meta.Signature signature, Meta.Frame firstFrame, long updateCount)
        throws SQLException {
    }

    @Override public void execute() throws SQLException {
    }
  }
}
