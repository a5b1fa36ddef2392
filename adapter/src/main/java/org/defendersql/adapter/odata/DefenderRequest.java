package org.defendersql.adapter.odata;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.defendersql.model.Column;
import org.defendersql.model.Entity;

/**
 * The request a Defender scan sends: an endpoint and its OData query options, plus the columns the scan
 * returns. The planner builds it; EXPLAIN prints it ({@link #toString()}); the HTTP client executes it.
 *
 * @param entity  the table read
 * @param path    the endpoint path, e.g. {@code /api/alerts}
 * @param filter  the {@code $filter} expression, or null
 * @param top     the {@code $top}, or null
 * @param skip    the {@code $skip}, or null
 * @param expand  the {@code $expand}, or null
 * @param columns the columns each returned row holds, in order
 */
public record DefenderRequest(Entity entity, String path, String filter, Integer top, Integer skip, String expand,
    List<Column> columns) {

  public DefenderRequest {
    Objects.requireNonNull(entity, "entity");
    Objects.requireNonNull(path, "path");
    columns = List.copyOf(columns);
  }

  /** A scan of the whole collection returning the given columns. */
  public static DefenderRequest scan(Entity entity, List<Column> columns) {
    final boolean needsExpand = entity.expand() != null
        && columns.stream().anyMatch(c -> c.jsonName().equals(entity.expand()));
    return new DefenderRequest(entity, entity.path(), null, null, null, needsExpand ? entity.expand() : null,
        columns);
  }

  /** The query options in the order they are sent, as name and unencoded value. */
  public List<String[]> queryOptions() {
    final List<String[]> options = new ArrayList<>();
    if (filter != null) {
      options.add(new String[] {"$filter", filter});
    }
    if (expand != null) {
      options.add(new String[] {"$expand", expand});
    }
    if (top != null) {
      options.add(new String[] {"$top", top.toString()});
    }
    if (skip != null) {
      options.add(new String[] {"$skip", skip.toString()});
    }
    return options;
  }

  /** The request line as an analyst reads it, unencoded: {@code GET /api/alerts?$filter=severity eq 'High'}. */
  @Override public String toString() {
    final List<String[]> options = queryOptions();
    if (options.isEmpty()) {
      return "GET " + path;
    }
    return "GET " + path + "?" + options.stream().map(o -> o[0] + "=" + o[1]).collect(Collectors.joining("&"));
  }
}
