package org.defendersql.adapter.odata;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.defendersql.model.Column;
import org.defendersql.model.Entity;
import org.defendersql.model.Lookup;
import org.defendersql.model.QueryOption;

/**
 * The request a Defender scan sends: an endpoint and its OData query options, plus the columns the scan
 * returns. The planner builds it; EXPLAIN prints it ({@link #toString()}); the HTTP client executes it once
 * {@link #bind bound}. Only the query options the entity's endpoints accept are ever sent ({@link Entity#accepts}):
 * Graph's security lists take no {@code $select} or {@code $orderby}, and only incidents take {@code $expand}.
 *
 * @param entity  the table read
 * @param path    the endpoint path, e.g. {@code /api/alerts}
 * @param filter  the {@code $filter}, or null
 * @param orderBy the {@code $orderby}, or null
 * @param top     the most rows to return, or null for all; sent as {@code $top} when the endpoint accepts it (up
 *                to the entity's {@link Entity#maxTop()}); beyond that the scan pages and stops reading after this
 *                many rows
 * @param skip    the {@code $skip}, or null
 * @param columns the columns each returned row holds, in order; {@code $select} and {@code $expand} follow
 * @param lookup  the keyed endpoint used, or null for the collection
 * @param keys    the key values to look up, one request each (distinct, in order); empty without a lookup
 * @param keySlots the execution-time parameters (e.g. JDBC {@code ?}) whose values are keys too, by index
 * @param pageSlots the execution-time parameters that give {@code top} and {@code skip} ({@code LIMIT ?}), or null
 */
public record DefenderRequest(Entity entity, String path, ODataFilter filter, String orderBy, Integer top,
    Integer skip, List<Column> columns, Lookup lookup, List<String> keys, List<Integer> keySlots,
    PageSlots pageSlots) {

  /**
   * The execution-time parameters, by index, whose values are the request's {@code top} and {@code skip}: a
   * NULL is no limit (no offset), a negative limit no row, a negative offset none.
   */
  public record PageSlots(Integer top, Integer skip) {
  }

  public DefenderRequest {
    Objects.requireNonNull(entity, "entity");
    Objects.requireNonNull(path, "path");
    columns = List.copyOf(columns);
    keys = List.copyOf(keys);
    keySlots = List.copyOf(keySlots);
  }

  /** A request without execution-time page values. */
  public DefenderRequest(Entity entity, String path, ODataFilter filter, String orderBy, Integer top,
      Integer skip, List<Column> columns, Lookup lookup, List<String> keys, List<Integer> keySlots) {
    this(entity, path, filter, orderBy, top, skip, columns, lookup, keys, keySlots, null);
  }

  /** A request without execution-time keys. */
  public DefenderRequest(Entity entity, String path, ODataFilter filter, String orderBy, Integer top,
      Integer skip, List<Column> columns, Lookup lookup, List<String> keys) {
    this(entity, path, filter, orderBy, top, skip, columns, lookup, keys, List.of());
  }

  /** A scan of the whole collection returning the given columns. */
  public static DefenderRequest scan(Entity entity, List<Column> columns) {
    final String path = entity.isScannable() ? entity.path() : entity.lookups().get(0).pathTemplate();
    return new DefenderRequest(entity, path, null, null, null, null, columns, null, List.of());
  }

  public DefenderRequest withFilter(ODataFilter f) {
    return new DefenderRequest(entity, path, f, orderBy, top, skip, columns, lookup, keys, keySlots, pageSlots);
  }

  public DefenderRequest withColumns(List<Column> c) {
    return new DefenderRequest(entity, path, filter, orderBy, top, skip, c, lookup, keys, keySlots, pageSlots);
  }

  public DefenderRequest withPage(String order, Integer newTop, Integer newSkip) {
    return new DefenderRequest(entity, path, filter, order, newTop, newSkip, columns, lookup, keys, keySlots,
        pageSlots);
  }

  /** This request ordered, with its limit and offset (where not given) from execution-time parameters. */
  public DefenderRequest withPage(String order, Integer newTop, Integer newSkip, PageSlots slots) {
    return new DefenderRequest(entity, path, filter, order, newTop, newSkip, columns, lookup, keys, keySlots, slots);
  }

  /** This request through a keyed endpoint, for these key values. */
  public DefenderRequest withLookup(Lookup l, List<String> keyValues) {
    return withLookup(l, keyValues, List.of());
  }

  /** This request through a keyed endpoint, for these key values and those of these parameters. */
  public DefenderRequest withLookup(Lookup l, List<String> keyValues, List<Integer> slots) {
    return new DefenderRequest(entity, l.pathTemplate(), null, null, null, null, columns, l, keyValues, slots);
  }

  /**
   * The request for one key of a lookup: its concrete path. A key that would not be one harmless path segment
   * ({@code ..}, {@code a/b}, ...) is refused here whatever let it through, so that no key walks the API's paths.
   */
  public DefenderRequest forKey(String key) {
    if (!lookup.isSafe(lookup.apiKey(key))) {
      throw new IllegalArgumentException("not a key of " + lookup.pathTemplate() + ": " + key);
    }
    final String encoded = java.net.URLEncoder.encode(lookup.apiKey(key), java.nio.charset.StandardCharsets.UTF_8)
        .replace("+", "%20");
    return new DefenderRequest(entity, lookup.path(encoded), filter, orderBy, top, skip, columns, lookup,
        List.of(key), List.of());
  }

  /** Whether the answer is one entity rather than a collection (a single lookup, or a one-object endpoint). */
  public boolean isSingle() {
    return lookup != null ? lookup.single() : entity.singleObject();
  }

  /** Whether this request can be sent as it is: a collection, or a lookup with its keys. */
  public boolean isReadable() {
    return entity.isScannable() || lookup != null;
  }

  /** Whether rows are limited or skipped, after which no filter may be added. */
  public boolean isPaged() {
    return top != null || skip != null || orderBy != null || pageSlots != null;
  }

  /** The request with the filter's, the keys' and the page's execution-time values filled in. */
  public DefenderRequest bind(Object[] values) {
    DefenderRequest r = filter == null || filter.isBound() ? this : withFilter(filter.bind(values));
    if (lookup != null && lookup.values().values().stream().anyMatch(v -> v instanceof Lookup.Slot)) {
      // The path's other parameters known only now (seen_at = ?): written in; a NULL time matches no row.
      Lookup bound = lookup;
      boolean none = false;
      for (java.util.Map.Entry<String, Object> p : lookup.values().entrySet()) {
        if (p.getValue() instanceof Lookup.Slot slot) {
          final Object v = values[slot.index()];
          if (v == null) {
            none = true;
            continue;
          }
          final long millis = ((Number) v).longValue();
          bound = bound.withParameter(p.getKey(), ODataLiterals.dateTime(millis), millis);
        }
      }
      r = new DefenderRequest(entity, bound.pathTemplate(), r.filter, orderBy, top, skip, columns, bound,
          none ? List.of() : keys, none ? List.of() : keySlots, pageSlots);
    }
    if (!r.keySlots.isEmpty()) {
      // A NULL or malformed key, or one that is no harmless path segment, matches no row, so it is not sent.
      final Set<String> all = new LinkedHashSet<>(r.keys);
      for (int slot : r.keySlots) {
        final Object v = values[slot];
        if (v != null && lookup.accepts(v.toString())) {
          all.add(v.toString());
        }
      }
      r = new DefenderRequest(entity, r.path, r.filter, orderBy, top, skip, columns, r.lookup, List.copyOf(all));
    }
    if (pageSlots != null) {
      final Integer newTop = pageSlots.top() == null ? top : pageValue(values[pageSlots.top()], 0);
      final Integer newSkip = pageSlots.skip() == null ? skip : pageValue(values[pageSlots.skip()], null);
      r = new DefenderRequest(entity, r.path, r.filter, orderBy, newTop, newSkip == null || newSkip == 0 ? null
          : newSkip, columns, r.lookup, r.keys, r.keySlots, null);
    }
    return r;
  }

  /** A LIMIT or OFFSET value: NULL is none, a negative value {@code negative}. */
  private static Integer pageValue(Object v, Integer negative) {
    if (v == null) {
      return null;
    }
    final long n = ((Number) v).longValue();
    return n < 0 ? negative : (int) Math.min(n, Integer.MAX_VALUE);
  }

  /** The {@code $expand} the columns need, or null; null also when the endpoint takes no {@code $expand}. */
  public String expand() {
    if (!entity.accepts(QueryOption.EXPAND)) {
      return null; // e.g. Graph's alerts_v2, whose evidence is always inline
    }
    if (entity.parent() != null) {
      return entity.expand(); // rows nested in the parent's expanded property
    }
    final String e = entity.expand();
    return e != null && columns.stream().anyMatch(c -> c.jsonName().equals(e)) ? e : null;
  }

  /**
   * The {@code $select}: the top-level properties of the columns, or null when every column is read or the
   * endpoint takes no {@code $select}.
   */
  public String select() {
    if (!entity.accepts(QueryOption.SELECT) || lookup != null && lookup.pathTemplate().equals(entity.statsPath())) {
      return null;
    }
    final Set<String> names = new LinkedHashSet<>();
    if (entity.parent() != null) {
      // The parent's properties the rows carry, and the property the rows are nested in.
      for (Column c : columns) {
        if (c.origin() == org.defendersql.model.Origin.PARENT) {
          names.add(c.jsonName());
        }
      }
      names.add(entity.expand());
      return String.join(",", names);
    }
    for (Column c : columns) {
      if (c.isProperty()) {
        names.add(c.jsonName());
      }
    }
    final Set<String> all = new LinkedHashSet<>();
    for (Column c : entity.columns()) {
      if (c.isProperty()) {
        all.add(c.jsonName());
      }
    }
    return names.equals(all) || names.isEmpty() ? null : String.join(",", names);
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
    final String select = select();
    if (select != null) {
      options.add(new String[] {"$select", select});
    }
    if (expand() != null && (lookup == null || lookup.single())) {
      options.add(new String[] {"$expand", expand()});
    }
    // The planner never asks for an option the endpoint refuses; checked again here, as sending one is a 400.
    if (orderBy != null && entity.accepts(QueryOption.ORDERBY)) {
      options.add(new String[] {"$orderby", orderBy});
    }
    if (sendsTop()) {
      options.add(new String[] {"$top", top.toString()});
    }
    if (skip != null && entity.accepts(QueryOption.SKIP)) {
      options.add(new String[] {"$skip", skip.toString()});
    }
    if (!sendsTop() && entity.accepts(QueryOption.PAGE_SIZE)) {
      // The export pages by next link at the size asked: the largest page costs the fewest calls of its quota.
      options.add(new String[] {QueryOption.PAGE_SIZE.odata(), Integer.toString(entity.maxTop())});
    }
  }

  /** Whether {@code top} goes as {@code $top}: within the endpoint's largest page, and accepted there. */
  private boolean sendsTop() {
    return top != null && top <= entity.maxTop() && entity.accepts(QueryOption.TOP);
  }

  /** The request line as an analyst reads it, unencoded: {@code GET /api/alerts?$filter=severity eq 'High'}. */
  @Override public String toString() {
    final List<String[]> options = new ArrayList<>();
    if (filter != null) {
      options.add(new String[] {"$filter", filter.toString()});
    }
    addOptions(options);
    if (pageSlots != null && pageSlots.top() != null) {
      options.add(new String[] {"$top", "{parameter " + pageSlots.top() + "}"});
    }
    if (pageSlots != null && pageSlots.skip() != null) {
      options.add(new String[] {"$skip", "{parameter " + pageSlots.skip() + "}"});
    }
    String line = options.isEmpty() ? "GET " + path
        : "GET " + path + (path.contains("?") ? "&" : "?") + options.stream().map(o -> o[0] + "=" + o[1])
            .collect(Collectors.joining("&"));
    if (lookup != null && !path.equals(lookup.pathTemplate())) {
      return line;
    }
    if (lookup != null && (!keys.isEmpty() || !keySlots.isEmpty())) {
      final List<String> shown = new ArrayList<>();
      keys.forEach(k -> shown.add(ODataLiterals.string(k)));
      keySlots.forEach(i -> shown.add("{parameter " + i + "}"));
      line += " for " + lookup.keyColumn() + " in (" + String.join(", ", shown) + ")";
    }
    return top != null && !sendsTop() ? line + " (pages, first " + top + " rows)" : line;
  }
}
