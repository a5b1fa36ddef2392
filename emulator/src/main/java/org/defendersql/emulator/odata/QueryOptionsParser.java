package org.defendersql.emulator.odata;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.defendersql.emulator.odata.QueryOptions.OrderKey;
import org.defendersql.model.Column;
import org.defendersql.model.EdmType;
import org.defendersql.model.Entity;

/**
 * Reads the OData system query options from a raw query string and validates them against the model, as strictly
 * as the service: unknown {@code $options}, repeated options, out-of-range numbers and unknown properties are
 * all 400 {@code ODataError}. Parameters without a {@code $} are custom options and ignored.
 */
public final class QueryOptionsParser {
  private static final Set<String> SUPPORTED = Set.of("$filter", "$top", "$skip", "$select", "$orderby",
      "$expand");
  private static final Set<String> COLLECTION_ONLY = Set.of("$filter", "$top", "$skip", "$orderby");
  private static final Pattern NON_NEGATIVE = Pattern.compile("\\d{1,18}");
  private static final Pattern ORDER_ITEM = Pattern.compile("([^\\s]+)(?:\\s+(asc|desc))?");

  private QueryOptionsParser() {
  }

  /**
   * Splits a raw query string into decoded name/value pairs: split on {@code &} first, then percent-decode
   * (with {@code +} as space), so an encoded {@code &} or {@code =} inside a literal survives.
   */
  public static List<Map.Entry<String, String>> decode(String rawQuery) {
    final List<Map.Entry<String, String>> params = new ArrayList<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return params;
    }
    for (String part : rawQuery.split("&", -1)) {
      if (part.isEmpty()) {
        continue;
      }
      final int eq = part.indexOf('=');
      final String name = eq < 0 ? part : part.substring(0, eq);
      final String value = eq < 0 ? "" : part.substring(eq + 1);
      try {
        params.add(Map.entry(URLDecoder.decode(name, StandardCharsets.UTF_8),
            URLDecoder.decode(value, StandardCharsets.UTF_8)));
      } catch (IllegalArgumentException e) {
        throw new ODataException(400, "BadRequest", "The query string is not correctly URL-encoded: " + part);
      }
    }
    return params;
  }

  /**
   * Parses and validates the query options.
   *
   * @param single whether the request addresses one entity, where only {@code $select} and {@code $expand}
   *               apply
   */
  public static QueryOptions parse(String rawQuery, Entity entity, boolean single) {
    final Map<String, String> options = new HashMap<>();
    for (Map.Entry<String, String> p : decode(rawQuery)) {
      final String name = p.getKey().toLowerCase(Locale.ROOT);
      if (!name.startsWith("$")) {
        continue;
      }
      if (!SUPPORTED.contains(name)) {
        throw ODataException.badQuery("The query parameter '" + p.getKey() + "' is not supported.");
      }
      if (options.put(name, p.getValue()) != null) {
        throw ODataException.badQuery("Query option '" + name + "' was specified more than once, but it must "
            + "be specified at most once.");
      }
      if (p.getValue().isBlank()) {
        throw ODataException.badQuery("The value of the query option '" + name + "' must not be empty.");
      }
      if (single && COLLECTION_ONLY.contains(name)) {
        throw ODataException.badQuery("The query specified in the URI is not valid. The requested resource is "
            + "not a collection. Query options $filter, $orderby, $count, $skip, and $top can be applied only "
            + "on collections.");
      }
    }
    final FilterExpr filter = options.containsKey("$filter")
        ? FilterParser.parse(options.get("$filter"), entity) : null;
    final Integer top = options.containsKey("$top") ? top(options.get("$top"), entity.maxTop()) : null;
    final long skip = options.containsKey("$skip") ? nonNegative("$skip", options.get("$skip")) : 0;
    final Set<String> select = options.containsKey("$select") ? select(options.get("$select"), entity) : null;
    final List<OrderKey> orderBy = options.containsKey("$orderby")
        ? orderBy(options.get("$orderby"), entity) : List.of();
    final boolean expand = options.containsKey("$expand") && expand(options.get("$expand"), entity);
    return new QueryOptions(filter, top, skip, select, orderBy, expand);
  }

  private static int top(String value, int max) {
    final long top = nonNegative("$top", value);
    if (top > max) {
      throw ODataException.badQuery("The limit of '" + max + "' for Top query has been "
          + "exceeded. The value from the incoming request is '" + value.trim() + "'.");
    }
    return (int) top;
  }

  private static long nonNegative(String option, String value) {
    final String v = value.trim();
    if (!NON_NEGATIVE.matcher(v).matches()) {
      throw ODataException.badQuery("Invalid value '" + value + "' for " + option + " query option found. The "
          + option + " query option requires a non-negative integer value.");
    }
    return Long.parseLong(v);
  }

  private static Set<String> select(String value, Entity entity) {
    final Set<String> names = new LinkedHashSet<>();
    for (String item : items(value, "$select")) {
      if (item.equals("*")) {
        entity.columns().forEach(c -> names.add(c.jsonName()));
        continue;
      }
      if (item.contains("/") || item.contains("(")) {
        throw ODataException.badQuery("The $select item '" + item + "' is not supported: only top-level "
            + "properties can be selected.");
      }
      names.add(topLevel(item, entity).orElseThrow(() -> notFound(item, entity)).jsonName());
    }
    return names;
  }

  private static List<OrderKey> orderBy(String value, Entity entity) {
    final List<OrderKey> keys = new ArrayList<>();
    final Set<String> seen = new LinkedHashSet<>();
    for (String item : items(value, "$orderby")) {
      final var m = ORDER_ITEM.matcher(item);
      if (!m.matches()) {
        throw ODataException.badQuery("Syntax error in the $orderby query option at '" + item + "'.");
      }
      final String name = m.group(1);
      final Column column = topLevel(name, entity).orElseThrow(() -> notFound(name, entity));
      if (column.isNested() || column.edmType() == EdmType.STRING_COLLECTION
          || column.edmType() == EdmType.COMPLEX_COLLECTION) {
        throw ODataException.badQuery("The $orderby expression must evaluate to a single value of primitive "
            + "type; '" + column.jsonName() + "' does not.");
      }
      if (!seen.add(column.jsonName())) {
        throw ODataException.badQuery("Duplicate property named '" + column.jsonName() + "' is not supported "
            + "in '$orderby'.");
      }
      keys.add(new OrderKey(column, entity.indexOf(column), "desc".equals(m.group(2))));
    }
    return keys;
  }

  private static boolean expand(String value, Entity entity) {
    for (String item : items(value, "$expand")) {
      if (item.contains("(") || item.contains("/")) {
        throw ODataException.badQuery("The $expand item '" + item + "' is not supported: options and paths "
            + "inside $expand are not supported.");
      }
      if (entity.expand() == null || !entity.expand().equalsIgnoreCase(item)) {
        final Optional<Column> property = topLevel(item, entity);
        if (property.isPresent()) {
          throw ODataException.badQuery("Property '" + property.get().jsonName() + "' on type '"
              + EdmNames.entityType(entity) + "' is not a navigation property or complex property. Only "
              + "navigation properties can be expanded.");
        }
        throw notFound(item, entity);
      }
    }
    return true;
  }

  /** The comma-separated items of an option; an empty item is a syntax error. */
  private static List<String> items(String value, String option) {
    final List<String> items = new ArrayList<>();
    for (String raw : value.split(",", -1)) {
      final String item = raw.trim();
      if (item.isEmpty()) {
        throw ODataException.badQuery("Syntax error in the " + option + " query option: empty item in '"
            + value + "'.");
      }
      items.add(item);
    }
    return items;
  }

  /** The column (first column of a nested object) whose top-level JSON name matches, ignoring case. */
  private static Optional<Column> topLevel(String name, Entity entity) {
    return entity.columns().stream().filter(c -> c.jsonName().equalsIgnoreCase(name)).findFirst();
  }

  private static ODataException notFound(String name, Entity entity) {
    return ODataException.badQuery("Could not find a property named '" + name + "' on type '"
        + EdmNames.entityType(entity) + "'.");
  }
}
