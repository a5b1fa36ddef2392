package org.defendersql.model;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One column of a Defender table: where its value sits in the API's JSON, its OData type, whether it may be
 * null, and which {@code $filter} operators the API accepts on it.
 *
 * @param sqlName     the column's SQL name, snake_case
 * @param jsonPath    the JSON property holding the value: one name, or an object's name and its property's name
 *                    for a flattened nested object
 * @param edmType     the OData type
 * @param enumValues  the members of the EDM enum type, for {@link EdmType#ENUM} columns; empty otherwise
 * @param nullable    whether the API may send null
 * @param filterOps   the operators the API accepts on this property in {@code $filter}; empty if not filterable
 * @param elementType the element type of a {@link EdmType#COMPLEX_COLLECTION}; null otherwise
 * @param origin      where the value comes from: the row's JSON (the default), the lookup key, the parent row
 *                    or the statistics endpoint
 * @param description what the value is, one short sentence for the documentation and JDBC tools' REMARKS;
 *                    empty until {@link #described} gives it
 * @param reference   the row of another table this value names (its foreign key), or null
 */
public record Column(String sqlName, List<String> jsonPath, EdmType edmType, List<String> enumValues,
    boolean nullable, Set<FilterOperator> filterOps, ComplexType elementType, Origin origin, String description,
    Reference reference) {

  /** The comparison operators, which the API accepts on every filterable property. */
  public static final Set<FilterOperator> COMPARISONS = Set.copyOf(EnumSet.of(FilterOperator.EQ,
      FilterOperator.NE, FilterOperator.GT, FilterOperator.GE, FilterOperator.LT, FilterOperator.LE));

  public Column {
    Objects.requireNonNull(sqlName, "sqlName");
    Objects.requireNonNull(origin, "origin");
    description = description == null ? "" : description.strip();
    jsonPath = List.copyOf(jsonPath);
    enumValues = List.copyOf(enumValues);
    filterOps = filterOps.isEmpty() ? Set.of() : Set.copyOf(filterOps);
    if (jsonPath.isEmpty() || jsonPath.size() > 2) {
      throw new IllegalArgumentException("jsonPath of " + sqlName + " must have one or two names");
    }
    if ((edmType == EdmType.COMPLEX_COLLECTION) != (elementType != null)) {
      throw new IllegalArgumentException("elementType goes with COMPLEX_COLLECTION only: " + sqlName);
    }
  }

  /** A nullable, not filterable property at the top level of the JSON object. */
  public static Column of(String jsonName, EdmType type) {
    return new Column(snakeCase(jsonName), List.of(jsonName), type, List.of(), true, Set.of(), null,
        Origin.PROPERTY, "", null);
  }

  /** A nullable, not filterable enum property. */
  public static Column ofEnum(String jsonName, List<String> members) {
    return new Column(snakeCase(jsonName), List.of(jsonName), EdmType.ENUM, members, true, Set.of(), null,
        Origin.PROPERTY, "", null);
  }

  /** A property of a nested object, flattened into the column {@code <object>_<property>}. */
  public static Column nested(String objectName, String jsonName, EdmType type) {
    return new Column(snakeCase(objectName) + "_" + snakeCase(jsonName), List.of(objectName, jsonName), type,
        List.of(), true, Set.of(), null, Origin.PROPERTY, "", null);
  }

  /** A collection of complex objects, kept as JSON text. */
  public static Column complexCollection(String jsonName, ComplexType elementType) {
    return new Column(snakeCase(jsonName), List.of(jsonName), EdmType.COMPLEX_COLLECTION, List.of(), true,
        Set.of(), elementType, Origin.PROPERTY, "", null);
  }

  /** This column, declared never null by the API. */
  public Column notNull() {
    return new Column(sqlName, jsonPath, edmType, enumValues, false, filterOps, elementType,
        origin, description, reference);
  }

  /** This column, filterable with the given operators. */
  public Column filterable(Set<FilterOperator> ops) {
    return new Column(sqlName, jsonPath, edmType, enumValues, nullable, ops, elementType,
        origin, description, reference);
  }

  /** This column, filterable with the comparison operators. */
  public Column filterable() {
    return filterable(COMPARISONS);
  }

  /** This column as a member of an EDM enum type with these members. */
  public Column withMembers(List<String> members) {
    return new Column(sqlName, jsonPath, EdmType.ENUM, members, nullable, filterOps, elementType,
        origin, description, reference);
  }

  /** This column with another SQL name, where the automatic snake_case name would read badly. */
  public Column named(String name) {
    return new Column(name, jsonPath, edmType, enumValues, nullable, filterOps, elementType,
        origin, description, reference);
  }

  /** This column with its value from elsewhere than the row's own JSON (the key, the parent, the statistics). */
  public Column from(Origin o) {
    return new Column(sqlName, jsonPath, edmType, enumValues, nullable, filterOps, elementType,
        o, description, reference);
  }

  /** This column with its description: what the value is, in one short sentence. */
  public Column described(String text) {
    return new Column(sqlName, jsonPath, edmType, enumValues, nullable, filterOps, elementType, origin, text,
        reference);
  }

  /** This column as naming a row of another table: its value is that table's column's value. */
  public Column references(String table, String column) {
    return new Column(sqlName, jsonPath, edmType, enumValues, nullable, filterOps, elementType, origin,
        description, new Reference(table, column));
  }

  /** Whether the value is a property of the row's own JSON object. */
  public boolean isProperty() {
    return origin == Origin.PROPERTY;
  }

  /** The top-level JSON property that holds this column's value (the object's name for a nested column). */
  public String jsonName() {
    return jsonPath.get(0);
  }

  /** Whether the value sits inside a nested JSON object. */
  public boolean isNested() {
    return jsonPath.size() == 2;
  }

  /** The JSON property name inside the nested object, or the top-level name. */
  public String leafName() {
    return jsonPath.get(jsonPath.size() - 1);
  }

  /** The SQL shape of this column. */
  public SqlType sqlType() {
    return edmType.sqlType();
  }

  /** Whether {@code $filter} may use this property with the given operator. */
  public boolean supports(FilterOperator op) {
    return filterOps.contains(op);
  }

  /** Turns {@code alertCreationTime} into {@code alert_creation_time}. */
  public static String snakeCase(String camel) {
    final StringBuilder b = new StringBuilder(camel.length() + 8);
    for (int i = 0; i < camel.length(); i++) {
      final char c = camel.charAt(i);
      if (Character.isUpperCase(c)) {
        final boolean prevLower = i > 0 && Character.isLowerCase(camel.charAt(i - 1));
        final boolean nextLower = i + 1 < camel.length() && Character.isLowerCase(camel.charAt(i + 1));
        final boolean prevUpper = i > 0 && Character.isUpperCase(camel.charAt(i - 1));
        if (i > 0 && (prevLower || (prevUpper && nextLower)) && b.charAt(b.length() - 1) != '_') {
          b.append('_');
        }
        b.append(Character.toLowerCase(c));
      } else {
        b.append(c);
      }
    }
    return b.toString().toLowerCase(Locale.ROOT);
  }
}
