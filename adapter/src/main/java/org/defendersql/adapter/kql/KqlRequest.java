package org.defendersql.adapter.kql;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One execution's hunting request: the KQL text with every value written, the time window, and the columns of the
 * answer. When the answer comes in time order ({@link #continuable()}), an answer cut at the row cap is read on by
 * the same query from a later time: {@link #text(Instant)} adds {@code | where Timestamp >= datetime(...)} right
 * after the table and {@link #timespan(Instant)} narrows the window.
 *
 * @param table      what is read, for messages: a table name, or {@code kql(...)}
 * @param head       the table (the start of the KQL)
 * @param tail       the operators after it
 * @param from       the earliest time a selected row can have (inclusive), or null
 * @param to         the time every selected row is before, or null
 * @param empty      whether the query selects no row at all (its bounds exclude every time), so nothing is sent
 * @param columns    the columns of the answer, the SQL row's first
 * @param visible    how many of them the SQL row holds (the others serve the continuation)
 * @param timeColumn the column the answer is ordered by, or null when it cannot be read on
 * @param advice     how to narrow the query when an answer reaches the row cap and cannot be read on
 */
public record KqlRequest(String table, String head, String tail, Instant from, Instant to, boolean empty,
    List<KqlColumn> columns, int visible, String timeColumn, String advice) {

  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  public KqlRequest {
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(tail, "tail");
    columns = List.copyOf(columns);
  }

  /**
   * An analyst's own KQL, sent as it is: its answer's columns as given, no time window beyond the service's
   * default, no continuation.
   */
  public static KqlRequest of(String kql, List<KqlColumn> columns) {
    return new KqlRequest("kql(...)", kql, "", null, null, false, columns, columns.size(), null,
        "add a time filter such as '| where Timestamp > ago(1d)', or '| summarize' or '| take', to the KQL");
  }

  /** Whether an answer cut at the row cap can be read on from its last row's time. */
  public boolean continuable() {
    return timeColumn != null;
  }

  /** The KQL of the first request. */
  public String text() {
    return head + tail;
  }

  /** The KQL reading on from {@code since} (inclusive), or the first request's when it is null. */
  public String text(Instant since) {
    return text(since, 0);
  }

  /**
   * The KQL reading on from {@code since} (inclusive, or from the start when null), limited to its first
   * {@code take} rows in time order when {@code take > 0}: an answer too large in bytes for the service is asked
   * for in fewer rows, and read on from the last.
   */
  public String text(Instant since, int take) {
    final String from = since == null ? ""
        : " | where " + KqlLiterals.identifier(timeColumn) + " >= " + KqlLiterals.datetime(since);
    return head + from + tail + (take > 0 ? " | take " + take : "");
  }

  /**
   * The {@code Timespan} of a request reading from {@code since} (or from the start, when null): {@code start/end}
   * when both are known, {@code start} alone (which ends now) without an end, and none (the service's 30 days)
   * without a start, since an end alone cannot be written without guessing the service's "now".
   */
  public String timespan(Instant since) {
    final Instant start = since == null ? from : from == null || since.isAfter(from) ? since : from;
    if (start == null) {
      return null;
    }
    return to == null ? ISO.format(start) : ISO.format(start) + "/" + ISO.format(to);
  }

  /** An instant as the {@code Timespan} and messages write it. */
  public static String iso(Instant instant) {
    return ISO.format(instant);
  }

  @Override public String toString() {
    return text();
  }
}
