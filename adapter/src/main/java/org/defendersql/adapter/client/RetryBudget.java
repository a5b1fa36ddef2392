package org.defendersql.adapter.client;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.defendersql.adapter.config.Resilience;
import org.defendersql.model.settings.Setting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retries left for one page request: bounded in count and in total time. Waits grow exponentially from the
 * configured back-off with "equal jitter" (half fixed, half random), so that many clients failing together do
 * not retry together; a {@code Retry-After} from the API is honoured as given.
 */
final class RetryBudget {
  private static final long MAX_BACKOFF_MILLIS = 30_000;
  private static final Logger LOG = LoggerFactory.getLogger(RetryBudget.class);

  private final Resilience resilience;
  private final long start = System.nanoTime();
  private int failures;

  RetryBudget(Resilience resilience) {
    this.resilience = resilience;
  }

  /**
   * Records a failure and waits before the next attempt.
   *
   * @param retryAfter the API's {@code Retry-After}, or null
   * @param reason     what failed, for the log (never a secret: statuses, request ids, exception texts)
   * @return false, without waiting, when no retry is left
   */
  boolean retry(Duration retryAfter, Cancel cancel, String what, String reason) {
    failures++;
    if (failures > resilience.maxRetries()) {
      return false;
    }
    final long wait = retryAfter != null ? retryAfter.toMillis() : backoffMillis(failures);
    final long elapsed = Duration.ofNanos(System.nanoTime() - start).toMillis();
    if (elapsed + wait > resilience.maxRetryTime().toMillis()) {
      return false;
    }
    // Operators see retries in the log: a retried page is invisible to the analyst, who gets the right rows.
    LOG.warn("Reading {} from the Defender API: {}; retry {} of {} in {} ms", what, reason, failures,
        resilience.maxRetries(), wait);
    cancel.sleep(wait, what);
    return true;
  }

  private long backoffMillis(int failure) {
    final long base = resilience.retryBackoff().toMillis();
    final long exp = Math.min(MAX_BACKOFF_MILLIS, base << Math.min(failure - 1, 20));
    return exp / 2 + ThreadLocalRandom.current().nextLong(exp / 2 + 1);
  }

  /** Appended to the final error: how hard the client tried, and which settings bound it. */
  String summary() {
    if (failures <= 1) {
      return "";
    }
    return String.format(Locale.ROOT, " The client gave up after %d attempts in %.1f s (%s, %s).", failures,
        (System.nanoTime() - start) / 1e9, Setting.MAX_RETRIES.names(), Setting.MAX_RETRY_TIME.names());
  }
}
