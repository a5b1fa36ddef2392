package org.defendersql.adapter.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.RecordedRequest;
import org.defendersql.emulator.faults.Fault;
import org.defendersql.model.DefenderModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fault the emulator can inject, on the fourth page of a ten-page scan: the query returns exactly the
 * rows of the fault-free run, in the same order, or fails with the specific message; never partial, duplicated
 * or reordered rows.
 */
class FaultMatrixTest {
  private static final int PAGE = 50;
  private static final int ALERTS = 500;
  private static final String SQL = "select id from defender.alerts";
  private static DefenderEmulator emulator;
  private static Map<String, Object> operand;
  private static List<String> expected;

  @BeforeAll static void start() {
    emulator = DefenderEmulator.builder().alerts(ALERTS).machines(50).pageSize(PAGE).seed(11).build().start();
    emulator.faults().retryAfterSeconds(1).slowDelay(Duration.ofMillis(2500));
    operand = FaultScans.operand(emulator, Map.of("readTimeout", "1s", "retryBackoff", "20ms", "maxRetries", "3",
        "maxRetryTime", "20s", "rateLimits", "off"));
    final int key = DefenderModel.ALERTS.indexOf(DefenderModel.ALERTS.key());
    expected = emulator.data().rows(DefenderModel.ALERTS).map(r -> (String) r[key]).toList();
    assertEquals(ALERTS, expected.size());
  }

  @AfterAll static void stop() {
    emulator.close();
  }

  @BeforeEach void clean() {
    emulator.faults().clear();
    emulator.clearRequestLog();
  }

  /** A fault on the fourth alerts request (for {@code times} requests in a row), and what must come of it. */
  static Stream<Arguments> faults() {
    return Stream.of(
        Arguments.of(Fault.THROTTLE, 1, null),
        Arguments.of(Fault.QUOTA_EXCEEDED, 1, null),
        Arguments.of(Fault.INTERNAL_ERROR, 2, null),
        Arguments.of(Fault.UNAVAILABLE, 3, null),
        Arguments.of(Fault.SLOW, 1, null),
        Arguments.of(Fault.CONNECTION_RESET, 2, null),
        Arguments.of(Fault.TRUNCATED_JSON, 1, null),
        Arguments.of(Fault.MALFORMED_JSON, 1, null),
        Arguments.of(Fault.DROPPED_MID_BODY, 2, null),
        Arguments.of(Fault.EXPIRED_TOKEN, 1, null),
        Arguments.of(Fault.LOOPING_NEXT_LINK, 1, "The Defender API's paging went in a loop"),
        Arguments.of(Fault.PERMISSION_REMOVED, 1,
            "HTTP 403 Forbidden: Missing application roles. API required roles: Alert.Read.All"),
        // Beyond the retry budget (maxRetries 3): a clear failure naming the status, the request id and the bound.
        Arguments.of(Fault.UNAVAILABLE, 4, "HTTP 503 ServiceUnavailable"),
        Arguments.of(Fault.QUOTA_EXCEEDED, 4, "API calls quota exceeded! maximum allowed 100 per 00:01:00"),
        Arguments.of(Fault.MALFORMED_JSON, 4, "not valid JSON (truncated or malformed)"),
        Arguments.of(Fault.SLOW, 4, "the request timed out"));
  }

  @ParameterizedTest(name = "{0} x{1}") @MethodSource("faults")
  void scanReturnsExactlyTheRowsOrFailsClearly(Fault fault, int times, String expectedMessage) {
    emulator.faults().on("/api/alerts").nth(4, fault, times);
    final FaultScans.Outcome outcome = FaultScans.run(operand, SQL);
    final long faulted = emulator.requestLog().stream().filter(r -> r.path().startsWith("/api/alerts")).count();
    assertTrue(faulted >= 4, "the fault was reached: " + faulted + " requests");
    if (expectedMessage == null) {
      assertNull(outcome.error(), () -> fault + ": " + outcome.messages());
      assertEquals(expected, outcome.rows(), fault + ": the rows of the fault-free run, in order");
      return;
    }
    assertNotNull(outcome.error(), fault + " must fail the query");
    final String messages = outcome.messages();
    assertTrue(messages.contains(expectedMessage), messages);
    // What was returned before the failure is a prefix of the right rows: nothing duplicated or skipped.
    assertEquals(expected.subList(0, outcome.rows().size()), outcome.rows(), fault + ": rows before the error");
    if (fault != Fault.LOOPING_NEXT_LINK && fault != Fault.MALFORMED_JSON && fault != Fault.SLOW) {
      assertTrue(messages.contains("request id |"), "the API's request id: " + messages);
    }
    if (times > 1) {
      assertTrue(messages.contains("gave up after 4 attempts"), messages);
    }
  }

  @ParameterizedTest(name = "retried page {0}") @MethodSource("retriedFaults")
  void theFailedPageAloneIsRequestedAgain(Fault fault) {
    emulator.faults().on("/api/alerts").nth(4, fault);
    final FaultScans.Outcome outcome = FaultScans.run(operand, SQL);
    assertNull(outcome.error(), outcome::messages);
    final List<RecordedRequest> api = emulator.requestLog().stream()
        .filter(r -> r.path().startsWith("/api/alerts")).toList();
    // Ten pages, one of them twice: the scan did not start over.
    assertEquals(ALERTS / PAGE + 1, api.size(), api.toString());
    assertEquals(api.stream().filter(r -> r.query().contains("$skip=150")).count(), 2, api.toString());
  }

  static Stream<Fault> retriedFaults() {
    return Stream.of(Fault.THROTTLE, Fault.INTERNAL_ERROR, Fault.TRUNCATED_JSON, Fault.DROPPED_MID_BODY,
        Fault.EXPIRED_TOKEN);
  }
}
