package org.defendersql.model;

import java.util.List;

/**
 * An OData complex type, such as {@code AlertEvidence}: the element type of a {@link EdmType#COMPLEX_COLLECTION}
 * property. Its fields are described with the same {@link Column} records as an entity's.
 */
public record ComplexType(String name, List<Column> fields) {
  public ComplexType {
    fields = List.copyOf(fields);
  }
}
