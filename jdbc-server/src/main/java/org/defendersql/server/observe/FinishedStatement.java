package org.defendersql.server.observe;

import java.util.List;
import java.util.Map;

/**
 * A statement's execution as it ended: its record, with its totals and outcome.
 *
 * @param statuses how many API answers had each HTTP status ({@code -1}: no answer)
 */
record FinishedStatement(StatementRecord record, long rows, int apiCalls, List<String> firstUrls,
    Map<Integer, Integer> statuses, long throttledNanos, long durationNanos, Outcome outcome, String sqlState,
    String error) {
}
