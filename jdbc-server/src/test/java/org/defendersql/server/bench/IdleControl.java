package org.defendersql.server.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.SynchronousQueue;

/**
 * The control beside the idle figure: the same machine's plain work (parsing JSON text, handing work between two
 * threads, no network and nothing of defender-sql) after as long an idle period, against its warm median. A query
 * after idling cannot be expected to lose less than the machine itself loses; on the 2-core machines measured,
 * plain work came back 1.2 to 1.6 times slower after a minute asleep.
 */
final class IdleControl {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int HANDOFFS = 200;
  private static final int WARM_RUNS = 200;
  private final byte[] document;

  IdleControl() {
    final StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < 20_000; i++) {
      b.append(i > 0 ? "," : "").append("{\"id\":\"da63924").append(i)
          .append("\",\"title\":\"Suspicious PowerShell command line\",\"severity\":\"High\",\"n\":").append(i)
          .append('}');
    }
    this.document = b.append(']').toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The median of {@code samples} idle periods of {@code idleSeconds} over the warm median, e.g. 1.35. */
  double ratio(int idleSeconds, int samples) throws Exception {
    // Warm as the server's paths are by then: some 200 runs, as the JIT compiler gets to its final code.
    for (int i = 0; i < WARM_RUNS; i++) {
      work();
    }
    final double warm = LookupFigures.median(this::work);
    final double[] idle = new double[samples];
    for (int i = 0; i < samples; i++) {
      Thread.sleep(idleSeconds * 1000L);
      final long t0 = System.nanoTime();
      work();
      idle[i] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(idle);
    return idle[samples / 2] / warm;
  }

  private void work() throws Exception {
    for (int i = 0; i < 5; i++) {
      MAPPER.readTree(document);
    }
    final SynchronousQueue<Integer> there = new SynchronousQueue<>();
    final SynchronousQueue<Integer> back = new SynchronousQueue<>();
    final Thread echo = new Thread(() -> {
      try {
        for (int i = 0; i < HANDOFFS; i++) {
          back.put(there.take());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    echo.start();
    for (int i = 0; i < HANDOFFS; i++) {
      there.put(i);
      back.take();
    }
    echo.join();
  }
}
