package org.defendersql.emulator.graph;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import org.defendersql.emulator.faults.Fault;
import org.defendersql.emulator.faults.FaultPlan;
import org.defendersql.emulator.faults.Quota;
import org.defendersql.emulator.http.EmulatorServer;
import org.defendersql.emulator.http.FaultyBodies;

/**
 * The planned faults ({@link FaultPlan}) as Graph answers them: throttling and server errors in Graph's error
 * body, a reset connection, a late answer, and a page's body damaged (cut short, an invalid byte, dropped half-way).
 */
final class GraphFaults {
  private GraphFaults() {
  }

  /** Graph's message when a {@code /security} budget refuses a call. */
  static String throttled(Quota quota, long retryAfterSeconds) {
    return "Too many requests: Microsoft Graph's security API allows " + quota.limit() + " requests per "
        + quota.windowText() + " per application and tenant. Retry after " + retryAfterSeconds + " seconds.";
  }

  /**
   * Applies a fault that replaces or delays the answer.
   *
   * @return true when the request should still be answered (after a delay, or with a damaged body or
   *         authorization later), false when answered here
   */
  static boolean answer(HttpExchange ex, Fault fault, FaultPlan plan, GraphResponses.Ids ids) throws IOException {
    switch (fault) {
      case THROTTLE -> {
        ex.getResponseHeaders().set("Retry-After", Integer.toString(plan.retryAfterSeconds()));
        GraphResponses.error(ex, ids, 429, "TooManyRequests", "Too many requests. Retry after "
            + plan.retryAfterSeconds() + " seconds.", false);
        return false;
      }
      case QUOTA_EXCEEDED -> {
        ex.getResponseHeaders().set("Retry-After", Integer.toString(plan.retryAfterSeconds()));
        GraphResponses.error(ex, ids, 429, "TooManyRequests", throttled(GraphHandler.REAL_QUOTA,
            plan.retryAfterSeconds()), false);
        return false;
      }
      case INTERNAL_ERROR -> {
        GraphResponses.error(ex, ids, 500, "UnknownError", "An unexpected error occurred.", false);
        return false;
      }
      case UNAVAILABLE -> {
        GraphResponses.error(ex, ids, 503, "ServiceUnavailable", "The service is temporarily unavailable.", false);
        return false;
      }
      case CONNECTION_RESET -> {
        EmulatorServer.logBeforeAnswering(ex, -1);
        ex.close();
        return false;
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
      default -> {
        return true;
      }
    }
  }

  /** Sends a successful page's body damaged by a body fault, as the MDE API's pages are. */
  static void damaged(HttpExchange ex, Fault fault, byte[] body) throws IOException {
    FaultyBodies.send(ex, fault, body, GraphResponses.ODATA_JSON);
  }
}
