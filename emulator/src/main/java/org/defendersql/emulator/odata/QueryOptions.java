package org.defendersql.emulator.odata;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The validated OData query options of one request.
 *
 * @param filter  the parsed {@code $filter}, or null
 * @param top     {@code $top}, or null when absent
 * @param skip    {@code $skip}, 0 when absent
 * @param select  the selected top-level JSON property names, or null for all
 * @param orderBy the sort keys, empty for the service's natural order
 * @param expand  whether the entity's expandable property ({@code evidence}) is expanded
 */
public record QueryOptions(FilterExpr filter, Integer top, long skip, Set<String> select, List<OrderKey> orderBy,
    boolean expand) {

  /** The service's cap on {@code $top} and on a page. */
  public static final int MAX_TOP = 10_000;

  public QueryOptions {
    select = select == null ? null : Collections.unmodifiableSet(new LinkedHashSet<>(select));
    orderBy = List.copyOf(orderBy);
  }

  /**
   * One {@code $orderby} key.
   *
   * @param index      the column's position in the row
   * @param descending whether {@code desc} was given
   */
  public record OrderKey(org.defendersql.model.Column column, int index, boolean descending) {
  }
}
