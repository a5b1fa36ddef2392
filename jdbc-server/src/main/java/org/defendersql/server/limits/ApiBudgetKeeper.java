package org.defendersql.server.limits;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.defendersql.adapter.client.ApiBudgetState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the Defender API call budgets in a file ({@code --budget-state}): read before the server serves, written
 * every {@link #PERIOD} and at shutdown, so that neither a restart nor a crash hands the server a fresh budget the
 * API would not grant (it counts an app's calls per hour, whatever process made them).
 */
public final class ApiBudgetKeeper implements AutoCloseable {
  /** How often the budgets are written: a crash loses at most this much of their history. */
  public static final Duration PERIOD = Duration.ofSeconds(30);
  private static final Logger LOG = LoggerFactory.getLogger(ApiBudgetKeeper.class);

  private final Path file;
  private final ScheduledExecutorService timer;

  private ApiBudgetKeeper(Path file, Duration period) {
    this.file = file;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      final Thread t = new Thread(r, "defender-sql-budget-state");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleWithFixedDelay(this::save, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Counts the calls the file holds against this process's budgets and keeps writing them there.
   *
   * @throws IOException when the file exists but cannot be read or is not a budget state; its message names the
   *                     file and the fix
   */
  public static ApiBudgetKeeper start(Path file, Duration period) throws IOException {
    final int budgets = ApiBudgetState.restore(file);
    LOG.info("API budget state {}: {} budgets of earlier runs restored", file, budgets);
    return new ApiBudgetKeeper(file, period);
  }

  /** Writes the file; one writer at a time, as the last periodic write may still run when {@link #close} writes. */
  private synchronized void save() {
    try {
      ApiBudgetState.save(file);
    } catch (IOException | RuntimeException e) {
      // The budget in memory still holds: a lost write only weakens the next restart's start.
      LOG.warn("Cannot write the API budget state {}: {}", file, e.toString());
    }
  }

  /** Stops the periodic writes and writes the budgets one last time (after the statements have ended). */
  @Override public void close() {
    timer.shutdownNow();
    save();
  }
}
