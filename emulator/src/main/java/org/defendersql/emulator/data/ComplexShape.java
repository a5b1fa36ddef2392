package org.defendersql.emulator.data;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.defendersql.model.Column;
import org.defendersql.model.ComplexType;

/** Where each field of a complex type (e.g. {@code AlertEvidence}) sits in a {@link ComplexValue}. */
public final class ComplexShape {
  private final ComplexType type;
  private final String[] names;
  private final Map<String, Integer> byName = new HashMap<>();

  public ComplexShape(ComplexType type) {
    this.type = type;
    final List<Column> fields = type.fields();
    names = new String[fields.size()];
    for (int i = 0; i < names.length; i++) {
      names[i] = fields.get(i).jsonName();
      byName.put(names[i], i);
    }
  }

  /** The position of a field. */
  public int index(String name) {
    final Integer i = byName.get(name);
    if (i == null) {
      throw new IllegalStateException(type.name() + " has no field " + name);
    }
    return i;
  }

  /** The position of a field, or -1. */
  int indexOrMinus(Object name) {
    final Integer i = byName.get(name);
    return i == null ? -1 : i;
  }

  /** A new element with every field null. */
  ComplexValue newValue() {
    return new ComplexValue(this, new Object[names.length]);
  }

  String name(int i) {
    return names[i];
  }

  int size() {
    return names.length;
  }

  public ComplexType type() {
    return type;
  }
}
