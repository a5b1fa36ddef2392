package org.defendersql.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builds an {@link Entity} by named steps rather than positional arguments. Only the table name, the
 * entity set, the key column, the read roles, the columns and the description are required; a table without a
 * {@link #path} can only be looked up by key.
 */
public final class EntityBuilder {
  private final String tableName;
  private String entitySetName;
  private String path;
  private String keyColumn;
  private List<String> readRoles = List.of();
  private String expand;
  private double estimatedRows = 100;
  private List<Column> columns = List.of();
  private final List<Lookup> lookups = new ArrayList<>();
  private String statsPath;
  private Entity parent;
  private String description;
  private List<String> primaryKey = List.of();
  private List<String> nearlyUnique = List.of();
  private Api api = Api.MDE;
  private int maxTop = Entity.MDE_MAX_TOP;
  private int maxSkip = Integer.MAX_VALUE;
  private Set<QueryOption> options = QueryOption.ALL;
  private String successor;
  private boolean singleObject;

  EntityBuilder(String tableName) {
    this.tableName = tableName;
  }

  /** The OData entity set, as in {@code $metadata#Alerts}. */
  public EntityBuilder entitySet(String name) {
    this.entitySetName = name;
    return this;
  }

  /** The collection endpoint the table is scanned from, e.g. {@code /api/alerts}. */
  public EntityBuilder path(String collectionPath) {
    this.path = collectionPath;
    return this;
  }

  /** The column a query's keys are compared with: the lookup key of a keyed table. */
  public EntityBuilder key(String sqlName) {
    this.keyColumn = sqlName;
    return this;
  }

  /** The columns that identify a row; none if not called. */
  public EntityBuilder primaryKey(String... sqlNames) {
    this.primaryKey = List.of(sqlNames);
    return this;
  }

  /** Columns besides the key whose equality picks out about one row, for the planner's estimates. */
  public EntityBuilder nearlyUnique(String... sqlNames) {
    nearlyUnique = List.of(sqlNames);
    return this;
  }

  /** The application roles any one of which grants reading, the least privilege first. */
  public EntityBuilder readRoles(List<String> roles) {
    this.readRoles = roles;
    return this;
  }

  /** The application roles any one of which grants reading, the least privilege first. */
  public EntityBuilder readRoles(String... roles) {
    return readRoles(List.of(roles));
  }

  /** The navigation property to {@code $expand} to fill a column (e.g. {@code evidence}). */
  public EntityBuilder expand(String navigationProperty) {
    this.expand = navigationProperty;
    return this;
  }

  /** A typical row count in a mid-size tenant, for the planner's statistics (100 if not called). */
  public EntityBuilder estimatedRows(double rows) {
    this.estimatedRows = rows;
    return this;
  }

  /** The columns, in table order. */
  public EntityBuilder columns(List<Column> tableColumns) {
    this.columns = tableColumns;
    return this;
  }

  /** A keyed endpoint; call once per endpoint, in order of preference. */
  public EntityBuilder lookup(Lookup lookup) {
    this.lookups.add(lookup);
    return this;
  }

  /** The statistics endpoint for {@link Origin#STATS} columns, with {@code {key}} for the key value. */
  public EntityBuilder statsPath(String template) {
    this.statsPath = template;
    return this;
  }

  /** The entity whose rows hold this table's rows in their {@code expand} property. */
  public EntityBuilder parent(Entity parentEntity) {
    this.parent = parentEntity;
    return this;
  }

  /** What a row is, for the documentation and JDBC tools' REMARKS. */
  public EntityBuilder description(String text) {
    this.description = text;
    return this;
  }

  /**
   * The web API the table is read from, the largest page its collection serves and the query options its
   * endpoints accept; the MDE API, 10,000 and every option if not called.
   */
  public EntityBuilder api(Api web, int largestTop, Set<QueryOption> accepted) {
    this.api = web;
    this.maxTop = largestTop;
    this.options = accepted;
    return this;
  }

  /** The largest {@code $skip} the collection accepts, where the API caps it (a larger one is a 400). */
  public EntityBuilder skipAtMost(int largestSkip) {
    this.maxSkip = largestSkip;
    return this;
  }

  /** What replaces a table of the retiring MDE API on Graph, as an analyst would type it. */
  public EntityBuilder successor(String replacement) {
    this.successor = replacement;
    return this;
  }

  /**
   * Marks a table of the retiring MDE API that nothing on Microsoft Graph replaces yet, saying what an analyst can
   * do instead (e.g. the portal); the successor reads {@code none (why)}.
   */
  public EntityBuilder noSuccessor(String why) {
    this.successor = Entity.NO_SUCCESSOR + " (" + why + ")";
    return this;
  }

  /** The collection path answers one object rather than a collection (the exposure score): one row, no paging. */
  public EntityBuilder singleObject() {
    this.singleObject = true;
    return this;
  }

  /** The entity; fails when a required part is missing or the parts do not fit together. */
  public Entity build() {
    require(entitySetName, "entitySet");
    require(keyColumn, "key");
    require(description, "description");
    if (readRoles.isEmpty()) {
      throw new IllegalStateException(tableName + ": no read roles");
    }
    return new Entity(tableName, entitySetName, path, keyColumn, readRoles, expand, estimatedRows, columns,
        lookups, statsPath, parent, description, primaryKey, nearlyUnique, api, maxTop, maxSkip, options, successor,
        singleObject);
  }

  private void require(Object value, String step) {
    if (value == null) {
      throw new IllegalStateException(tableName + ": " + step + "(...) was not given");
    }
  }
}
