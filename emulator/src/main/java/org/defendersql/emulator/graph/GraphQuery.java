package org.defendersql.emulator.graph;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.defendersql.emulator.odata.EdmNames;
import org.defendersql.emulator.odata.FilterExpr;
import org.defendersql.emulator.odata.FilterParser;
import org.defendersql.emulator.odata.ODataException;
import org.defendersql.emulator.odata.QueryOptionsParser;
import org.defendersql.model.Entity;
import org.defendersql.model.QueryOption;

/**
 * The validated query options of one Graph request, under Graph's rules: only the options the model lists for the
 * table ({@link Entity#options()}; others 400 as the OData validator words it), {@code $top} at most the table's
 * {@link Entity#maxTop()} (400 "The limit of '50' for Top query has been exceeded..."), {@code $filter} parsed by the
 * emulator's one OData parser in Graph's dialect (the model's filterable properties and operators, enum members
 * exactly as Graph writes them), {@code $count=true|false}, {@code $expand} of the table's expandable property, and
 * the {@code $skiptoken} of a next link.
 *
 * @param filter   the parsed {@code $filter}, or null
 * @param top      {@code $top} (Graph's page size), or null
 * @param skip     {@code $skip}, 0 when absent
 * @param count    whether {@code $count=true} asks for {@code @odata.count}
 * @param expand   whether {@code $expand} names the expandable property
 * @param position where the scan starts: the {@code $skiptoken}'s position, else 0
 */
record GraphQuery(FilterExpr filter, Integer top, long skip, boolean count, boolean expand, long position) {
  private static final Pattern NON_NEGATIVE = Pattern.compile("\\d{1,18}");
  /** OData's name of each option in the validator's messages. */
  private static final Map<String, String> VALIDATOR_NAMES = Map.ofEntries(Map.entry("$filter", "Filter"),
      Map.entry("$select", "Select"), Map.entry("$expand", "Expand"), Map.entry("$orderby", "OrderBy"),
      Map.entry("$top", "Top"), Map.entry("$skip", "Skip"), Map.entry("$count", "Count"),
      Map.entry("$skiptoken", "SkipToken"), Map.entry("$search", "Search"), Map.entry("$format", "Format"),
      Map.entry("$apply", "Apply"), Map.entry("$compute", "Compute"), Map.entry("$deltatoken", "DeltaToken"));
  /** The options only a collection takes. */
  private static final Set<String> COLLECTION_ONLY = Set.of("$filter", "$orderby", "$top", "$skip", "$count",
      "$skiptoken", "$search", "$apply");

  /**
   * Parses and validates a raw query string.
   *
   * @param single whether the request addresses one entity by its key
   * @throws GraphException naming the problem
   */
  static GraphQuery parse(String rawQuery, Entity entity, boolean single) {
    final Map<String, String> options = new HashMap<>();
    final List<Map.Entry<String, String>> params;
    try {
      params = QueryOptionsParser.decode(rawQuery);
    } catch (ODataException e) {
      throw GraphException.badRequest(e.getMessage());
    }
    for (Map.Entry<String, String> p : params) {
      final String name = p.getKey().toLowerCase(Locale.ROOT).trim();
      if (!name.startsWith("$")) {
        continue;
      }
      final String validatorName = VALIDATOR_NAMES.get(name);
      if (validatorName == null) {
        throw GraphException.badRequest("The query parameter '" + p.getKey() + "' is not supported.");
      }
      if (!allowed(name, entity, single)) {
        throw GraphException.invalidQuery("Query option '" + validatorName + "' is not allowed. To allow it, set "
            + "the 'AllowedQueryOptions' property on EnableQueryAttribute or QueryValidationSettings.");
      }
      if (options.put(name, p.getValue()) != null) {
        throw GraphException.badRequest("Query option '" + name + "' was specified more than once, but it must be "
            + "specified at most once.");
      }
      if (p.getValue().isBlank()) {
        throw GraphException.badRequest("The value of the query option '" + name + "' must not be empty.");
      }
    }
    FilterExpr filter = null;
    if (options.containsKey("$filter")) {
      try {
        filter = FilterParser.parse(options.get("$filter"), entity);
      } catch (ODataException e) {
        throw GraphException.badRequest("Invalid filter clause: " + e.getMessage());
      }
    }
    Integer top = null;
    if (options.containsKey("$top")) {
      final long t = nonNegative("$top", options.get("$top"));
      if (t > entity.maxTop()) {
        throw GraphException.invalidQuery("The limit of '" + entity.maxTop() + "' for Top query has been exceeded. "
            + "The value from the incoming request is '" + options.get("$top").trim() + "'.");
      }
      top = (int) t;
    }
    final long skip = options.containsKey("$skip") ? nonNegative("$skip", options.get("$skip")) : 0;
    if (skip > entity.maxSkip()) {
      // Graph documents the cap and the 400, not the message: this one names the cap, as the $top refusal does.
      throw GraphException.badRequest("The limit of '" + entity.maxSkip() + "' for Skip query has been exceeded."
          + " The value from the incoming request is '" + options.get("$skip").trim() + "'.");
    }
    boolean count = false;
    if (options.containsKey("$count")) {
      final String v = options.get("$count").trim();
      if (!v.equals("true") && !v.equals("false")) {
        throw GraphException.badRequest("'" + options.get("$count") + "' is not a valid count option.");
      }
      count = v.equals("true");
    }
    final boolean expand = options.containsKey("$expand") && expand(options.get("$expand"), entity);
    long position = 0;
    if (options.containsKey("$skiptoken")) {
      position = SkipTokens.decode(options.get("$skiptoken"));
      if (position < 0) {
        throw GraphException.badRequest("The $skiptoken value is not valid: follow @odata.nextLink as it was "
            + "received.");
      }
    }
    return new GraphQuery(filter, top, skip, count, expand, position);
  }

  /** Whether the table's endpoint takes the option: the model's options, and on one entity no collection option. */
  private static boolean allowed(String name, Entity entity, boolean single) {
    if (single && COLLECTION_ONLY.contains(name)) {
      return false;
    }
    if (name.equals("$skiptoken")) {
      // Server-driven paging: taken wherever the table pages, i.e. takes $top.
      return entity.accepts(QueryOption.TOP);
    }
    for (QueryOption o : QueryOption.values()) {
      if (o.odata().equals(name)) {
        return entity.accepts(o);
      }
    }
    return false;
  }

  private static long nonNegative(String option, String value) {
    final String v = value.trim();
    if (!NON_NEGATIVE.matcher(v).matches()) {
      throw GraphException.badRequest("Invalid value '" + value + "' for " + option + " query option found. The "
          + option + " query option requires a non-negative integer value.");
    }
    return Long.parseLong(v);
  }

  private static boolean expand(String value, Entity entity) {
    for (String raw : value.split(",", -1)) {
      final String item = raw.trim();
      if (item.contains("(") || item.contains("/")) {
        throw GraphException.badRequest("The $expand item '" + item + "' is not supported: options and paths "
            + "inside $expand are not supported.");
      }
      if (entity.expand() == null || !entity.expand().equalsIgnoreCase(item)) {
        if (entity.property(item).isPresent()) {
          throw GraphException.badRequest("Property '" + entity.property(item).get().jsonName() + "' on type '"
              + EdmNames.entityType(entity) + "' is not a navigation property or complex property. Only "
              + "navigation properties can be expanded.");
        }
        throw GraphException.badRequest("Could not find a property named '" + item + "' on type '"
            + EdmNames.entityType(entity) + "'.");
      }
    }
    return true;
  }
}
