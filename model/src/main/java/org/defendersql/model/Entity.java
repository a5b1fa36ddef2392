package org.defendersql.model;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A Defender entity set exposed as a SQL table: its columns, its key, where the API serves it (a collection to
 * scan, keyed endpoints to look rows up by, a statistics endpoint, or the parent rows it is nested in) and which
 * application roles grant reading it.
 *
 * @param tableName     the SQL table name
 * @param entitySetName the OData entity set, as in {@code $metadata#Alerts}
 * @param path          the collection endpoint that can be scanned, e.g. {@code /api/alerts}; null when the
 *                      table can only be looked up by key
 * @param keyColumn     the SQL name of the key column
 * @param readRoles     the application roles any one of which grants reading (first is the least privilege)
 * @param expand        the navigation property to {@code $expand} to fill a column (e.g. {@code evidence}), or
 *                      null when no column needs it
 * @param estimatedRows a typical row count in a mid-size tenant, for the planner's statistics
 * @param columns       the columns, in table order
 * @param lookups       the keyed endpoints, in order of preference
 * @param statsPath     the statistics endpoint for {@link Origin#STATS} columns, with {@code {key}} for the key
 *                      column's value; null if none
 * @param parent        the entity whose rows hold this table's rows in their {@code expand} property (evidence
 *                      in alerts); null if none
 * @param description   what a row is, for the documentation (for related lookups: what the API means by them)
 * @param primaryKey    the SQL names of the columns that identify a row (e.g. {@code machine_id, id} for the users
 *                      of a machine); empty when nothing does (evidence items have no identity of their own)
 * @param nearlyUnique  columns besides the key whose equality picks out about one row (a device's DNS name), so
 *                      that the planner estimates such a filter as it does a key's
 * @param api           the web API the table is read from: its paths hang from that API's root
 * @param maxTop        the largest {@code $top} (page size) the table's collection endpoint accepts
 * @param maxSkip       the largest {@code $skip} it accepts ({@link Integer#MAX_VALUE} when the API sets none)
 * @param options       the OData query options the table's endpoints accept; others are never sent
 * @param successor     for a table of the retiring MDE API, what replaces it on Graph (a table or a hunting query,
 *                      as an analyst would type it), or {@link #NO_SUCCESSOR} and why when Graph has none; null
 *                      otherwise
 * @param singleObject  whether {@code path} answers one object (the exposure score) rather than a collection: one
 *                      row, no paging
 */
public record Entity(String tableName, String entitySetName, String path, String keyColumn, List<String> readRoles,
    String expand, double estimatedRows, List<Column> columns, List<Lookup> lookups, String statsPath,
    Entity parent, String description, List<String> primaryKey, List<String> nearlyUnique, Api api, int maxTop,
    int maxSkip, Set<QueryOption> options, String successor, boolean singleObject) {

  /** How a successor starts when Microsoft Graph has nothing that replaces the table (yet). */
  public static final String NO_SUCCESSOR = "none";

  /** The largest {@code $top} of the MDE API's collections. */
  public static final int MDE_MAX_TOP = 10_000;

  /** An entity of the MDE API, which takes every query option and pages of up to {@value #MDE_MAX_TOP}. */
  public Entity(String tableName, String entitySetName, String path, String keyColumn, List<String> readRoles,
      String expand, double estimatedRows, List<Column> columns, List<Lookup> lookups, String statsPath,
      Entity parent, String description, List<String> primaryKey, List<String> nearlyUnique) {
    this(tableName, entitySetName, path, keyColumn, readRoles, expand, estimatedRows, columns, lookups, statsPath,
        parent, description, primaryKey, nearlyUnique, Api.MDE, MDE_MAX_TOP, Integer.MAX_VALUE, QueryOption.ALL,
        null, false);
  }

  public Entity {
    Objects.requireNonNull(api, "api");
    options = Set.copyOf(options);
    if (maxTop < 1) {
      throw new IllegalArgumentException(tableName + ": maxTop must be at least 1");
    }
    if (maxSkip < 0) {
      throw new IllegalArgumentException(tableName + ": maxSkip must not be negative");
    }
    columns = List.copyOf(columns);
    readRoles = List.copyOf(readRoles);
    lookups = List.copyOf(lookups);
    primaryKey = List.copyOf(primaryKey);
    nearlyUnique = List.copyOf(nearlyUnique);
    final Map<String, Column> bySql = new HashMap<>();
    for (Column c : columns) {
      if (bySql.put(c.sqlName(), c) != null) {
        throw new IllegalArgumentException(tableName + ": duplicate column " + c.sqlName());
      }
    }
    if (!bySql.containsKey(keyColumn)) {
      throw new IllegalArgumentException(tableName + ": no key column " + keyColumn);
    }
    for (String k : nearlyUnique) {
      if (!bySql.containsKey(k)) {
        throw new IllegalArgumentException(tableName + ": no nearly unique column " + k);
      }
    }
    for (String k : primaryKey) {
      if (!bySql.containsKey(k) || bySql.get(k).nullable()) {
        throw new IllegalArgumentException(tableName + ": primary key column " + k + " is missing or nullable");
      }
    }
  }

  /** Whether an equality on this column picks out about one row: the key, or a nearly unique column. */
  public boolean identifies(String sqlName) {
    return sqlName.equals(keyColumn) || nearlyUnique.contains(sqlName);
  }

  /** A builder for an entity named by its SQL table name; see {@link EntityBuilder}. */
  public static EntityBuilder builder(String tableName) {
    return new EntityBuilder(tableName);
  }

  /** The columns that name a row of another table. */
  public List<Column> foreignKeys() {
    return columns.stream().filter(c -> c.reference() != null).toList();
  }

  /** The key column. */
  public Column key() {
    return column(keyColumn).orElseThrow();
  }

  /** The position of a column in the table's row. */
  public int indexOf(Column column) {
    final int i = columns.indexOf(column);
    if (i < 0) {
      throw new IllegalArgumentException(column.sqlName() + " is not a column of " + tableName);
    }
    return i;
  }

  /** The column of this SQL name. */
  public Optional<Column> column(String sqlName) {
    for (Column c : columns) {
      if (c.sqlName().equals(sqlName)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /**
   * The top-level column whose JSON property has this name, ignoring case as the service does in
   * {@code $filter}.
   */
  public Optional<Column> property(String jsonName) {
    for (Column c : columns) {
      if (!c.isNested() && c.jsonName().toLowerCase(Locale.ROOT).equals(jsonName.toLowerCase(Locale.ROOT))) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** Whether the table can be read without a key. */
  public boolean isScannable() {
    return path != null;
  }

  /** The keyed endpoints by the given column. */
  public List<Lookup> lookupsBy(String sqlName) {
    return lookups.stream().filter(l -> l.keyColumn().equals(sqlName)).toList();
  }

  /** Whether the table's endpoints accept this query option. */
  public boolean accepts(QueryOption option) {
    return options.contains(option);
  }

  /** Whether the table reads the retiring MDE API. */
  public boolean isRetiring() {
    return api == Api.MDE;
  }

  /** Whether a table of the retiring MDE API has a Graph successor to name (a table or a hunting query). */
  public boolean hasGraphSuccessor() {
    return successor != null && !successor.startsWith(NO_SUCCESSOR);
  }

  /** The role named in error messages and documentation: the least privilege that grants reading. */
  public String readRole() {
    return readRoles.get(0);
  }
}
