package org.defendersql.adapter.odata;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.defendersql.model.Column;
import org.defendersql.model.Entity;

/**
 * The request a Defender scan sends: an endpoint and its OData query options, plus the columns the scan
 * returns. The planner builds it; EXPLAIN prints it ({@link #toString()}); the HTTP client executes it once
 * {@link #bind bound}.
 *
 * @param entity  the table read
 * @param path    the endpoint path, e.g. {@code /api/alerts}
 * @param filter  the {@code $filter}, or null
 * @param orderBy the {@code $orderby}, or null
 * @param top     the most rows to return, or null for all; sent as {@code $top} when the API accepts it (up to
 *                {@value #MAX_TOP}); beyond that the scan pages and stops reading after this many rows
 * @param skip    the {@code $skip}, or null
 * @param columns the columns each returned row holds, in order; {@code $select} and {@code $expand} follow
 */
public record DefenderRequest(Entity entity, String path, ODataFilter filter, String orderBy, Integer top,
    Integer skip, List<Column> columns) {

  /** The largest {@code $top} the API accepts. */
  public static final int MAX_TOP = 10_000;

  public DefenderRequest {
    Objects.requireNonNull(entity, "entity");
    Objects.requireNonNull(path, "path");
    columns = List.copyOf(columns);
  }

  /** A scan of the whole collection returning the given columns. */
  public static DefenderRequest scan(Entity entity, List<Column> columns) {
    return new DefenderRequest(entity, entity.path(), null, null, null, null, columns);
  }

  public DefenderRequest withFilter(ODataFilter f) {
    return new DefenderRequest(entity, path, f, orderBy, top, skip, columns);
  }

  public DefenderRequest withColumns(List<Column> c) {
    return new DefenderRequest(entity, path, filter, orderBy, top, skip, c);
  }

  public DefenderRequest withPage(String order, Integer newTop, Integer newSkip) {
    return new DefenderRequest(entity, path, filter, order, newTop, newSkip, columns);
  }

  /** Whether rows are limited or skipped, after which no filter may be added. */
  public boolean isPaged() {
    return top != null || skip != null || orderBy != null;
  }

  /** The request with the filter's execution-time values filled in. */
  public DefenderRequest bind(Object[] values) {
    return filter == null || filter.isBound() ? this : withFilter(filter.bind(values));
  }

  /** The {@code $expand} the columns need, or null. */
  public String expand() {
    final String e = entity.expand();
    return e != null && columns.stream().anyMatch(c -> c.jsonName().equals(e)) ? e : null;
  }

  /** The {@code $select}: the top-level properties of the columns, or null when every column is read. */
  public String select() {
    if (columns.size() == entity.columns().size()) {
      return null;
    }
    final Set<String> names = new LinkedHashSet<>();
    for (Column c : columns) {
      names.add(c.jsonName());
    }
    return String.join(",", names);
  }

  /** The query options in the order they are sent, as name and unencoded value. */
  public List<String[]> queryOptions() {
    final List<String[]> options = new ArrayList<>();
    if (filter != null) {
      options.add(new String[] {"$filter", filter.text()});
    }
    addOptions(options);
    return options;
  }

  private void addOptions(List<String[]> options) {
    if (select() != null) {
      options.add(new String[] {"$select", select()});
    }
    if (expand() != null) {
      options.add(new String[] {"$expand", expand()});
    }
    if (orderBy != null) {
      options.add(new String[] {"$orderby", orderBy});
    }
    if (top != null && top <= MAX_TOP) {
      options.add(new String[] {"$top", top.toString()});
    }
    if (skip != null) {
      options.add(new String[] {"$skip", skip.toString()});
    }
  }

  /** The request line as an analyst reads it, unencoded: {@code GET /api/alerts?$filter=severity eq 'High'}. */
  @Override public String toString() {
    final List<String[]> options = new ArrayList<>();
    if (filter != null) {
      options.add(new String[] {"$filter", filter.toString()});
    }
    addOptions(options);
    final String line = options.isEmpty() ? "GET " + path
        : "GET " + path + "?" + options.stream().map(o -> o[0] + "=" + o[1]).collect(Collectors.joining("&"));
    return top != null && top > MAX_TOP ? line + " (pages, first " + top + " rows)" : line;
  }
}
