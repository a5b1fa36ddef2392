package org.defendersql.model;

/** An OData {@code $filter} operator that the Defender API accepts on a property. */
public enum FilterOperator {
  EQ("eq"), NE("ne"), GT("gt"), GE("ge"), LT("lt"), LE("le"),
  /** {@code startswith(property,'prefix')}. */
  STARTSWITH("startswith"),
  /** {@code property/any(t: t eq 'value')} on a string collection. */
  ANY("any");

  private final String odata;

  FilterOperator(String odata) {
    this.odata = odata;
  }

  /** The operator as written in an OData {@code $filter}. */
  public String odata() {
    return odata;
  }
}
