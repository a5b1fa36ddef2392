package org.defendersql.emulator.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import org.defendersql.emulator.faults.Fault;
import org.defendersql.emulator.faults.FaultPlan;
import org.defendersql.emulator.faults.Quota;

/** Answers that replace the API's own: throttling, server errors, a reset connection, or a late answer. */
final class FaultyAnswers {
  private FaultyAnswers() {
  }

  /**
   * Applies a fault that replaces or delays the answer.
   *
   * @return true when the request should still be answered normally (after a delay), false when answered here
   */
  static boolean answer(HttpExchange ex, Fault fault, FaultPlan plan, String requestId) throws IOException {
    switch (fault) {
      case THROTTLE -> {
        ex.getResponseHeaders().set("Retry-After", Integer.toString(plan.retryAfterSeconds()));
        Responses.error(ex, 429, "TooManyRequests", "Rate limit is exceeded. Try again in "
            + plan.retryAfterSeconds() + " seconds.", requestId);
      }
      case QUOTA_EXCEEDED -> {
        ex.getResponseHeaders().set("Retry-After", Integer.toString(plan.retryAfterSeconds()));
        Responses.error(ex, 429, "429", new Quota(100, java.time.Duration.ofMinutes(1)).message(), requestId);
      }
      case INTERNAL_ERROR -> Responses.error(ex, 500, "InternalServerError", "An unexpected error occurred.",
          requestId);
      case UNAVAILABLE -> Responses.error(ex, 503, "ServiceUnavailable",
          "The service is temporarily unavailable.", requestId);
      case CONNECTION_RESET -> {
        EmulatorServer.logBeforeAnswering(ex, -1);
        ex.close();
      }
      case SLOW -> {
        try {
          Thread.sleep(plan.slowDelay().toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
        return true;
      }
      default -> throw new IllegalArgumentException("not an answer fault: " + fault);
    }
    return false;
  }
}
