package org.defendersql.adapter.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.RecordedRequest;
import org.defendersql.emulator.faults.Fault;
import org.defendersql.model.DefenderModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A request that fails on a pooled connection which served requests before (the server closed it while it idled:
 * the emulator closes the connection before answering) is sent again at once on a fresh connection, outside the
 * retry budget and its back-off; a failure on a fresh connection is not. The budget here allows no retry at all,
 * so only the stale-connection retry can complete the scan.
 */
class StaleConnectionTest {
  private static final int PAGE = 50;
  private static final int ALERTS = 200;
  private static DefenderEmulator emulator;
  private static List<String> expected;

  @BeforeAll static void start() {
    emulator = DefenderEmulator.builder().alerts(ALERTS).machines(20).pageSize(PAGE).seed(17).build().start();
    final int key = DefenderModel.ALERTS.indexOf(DefenderModel.ALERTS.key());
    expected = emulator.data().rows(DefenderModel.ALERTS).map(r -> (String) r[key]).toList();
  }

  @AfterAll static void stop() {
    emulator.close();
  }

  @BeforeEach void clean() {
    emulator.faults().clear();
    emulator.clearRequestLog();
  }

  private static Map<String, Object> noRetries(String readTimeout) {
    // A back-off of a minute would show as a test that hangs, were the stale retry to wait for it.
    return FaultScans.operand(emulator, Map.of("maxRetries", "0", "retryBackoff", "60s", "rateLimits", "off",
        "readTimeout", readTimeout, "cache", "off"));
  }

  private static List<RecordedRequest> alertRequests() {
    return emulator.requestLog().stream().filter(r -> r.path().startsWith("/api/alerts")).toList();
  }

  @Test void aRequestOnAStaleConnectionIsSentAgainAtOnce() {
    // Pages 1 and 2 go over one connection; the third request finds it closed by the server.
    emulator.faults().on("/api/alerts").nth(3, Fault.CONNECTION_RESET);
    final FaultScans.Outcome outcome = FaultScans.run(noRetries("30s"), "select id from defender.alerts");
    assertNull(outcome.error(), outcome::messages);
    assertEquals(expected, outcome.rows());
    final List<RecordedRequest> api = alertRequests();
    assertEquals(ALERTS / PAGE + 1, api.size(), api.toString());
    assertEquals(2, api.stream().filter(r -> r.query().contains("$skip=100")).count(), "the third page twice");
  }

  @Test void aFailureOnAFreshConnectionIsNotRetriedOutsideTheBudget() {
    // Another read timeout is another client, with an empty pool: its first request has a fresh connection.
    emulator.faults().on("/api/alerts").nth(1, Fault.CONNECTION_RESET);
    final FaultScans.Outcome outcome = FaultScans.run(noRetries("31s"), "select id from defender.alerts");
    assertNotNull(outcome.error(), "no retry is allowed");
    assertTrue(outcome.messages().contains("the connection failed"), outcome.messages());
    assertEquals(1, alertRequests().size());
  }

  @Test void onlyOneFreeRetryPerRequest() {
    emulator.faults().on("/api/alerts").nth(2, Fault.CONNECTION_RESET, 2);
    final FaultScans.Outcome outcome = FaultScans.run(noRetries("32s"), "select id from defender.alerts");
    assertNotNull(outcome.error(), "the second failure is on a fresh connection, and the budget allows none");
    assertTrue(outcome.rows().size() <= PAGE, "at most the first page: " + outcome.rows().size());
    assertEquals(expected.subList(0, outcome.rows().size()), outcome.rows(), "a prefix of the right rows");
    assertEquals(3, alertRequests().size());
  }
}
