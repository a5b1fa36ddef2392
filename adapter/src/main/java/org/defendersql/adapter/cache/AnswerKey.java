package org.defendersql.adapter.cache;

import java.util.List;

/**
 * What identifies an answer within one tenant's cache: the exact request without its columns ({@code base}: the
 * table, the endpoint, {@code $filter}, {@code $orderby}, {@code $top}, {@code $skip}, the answer's form; for
 * hunting the exact KQL and time window) and the columns each row holds, in order. An entry with the same base
 * and more columns serves a request for fewer: its rows, narrowed, are exactly what the narrower request returns.
 *
 * @param base    the request without its columns
 * @param columns the columns of a row, by name, in order
 */
public record AnswerKey(String base, List<String> columns) {
  public AnswerKey {
    columns = List.copyOf(columns);
  }
}
