package org.defendersql.emulator.data;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * One element of a complex collection: an immutable-once-built map from the complex type's JSON names to values,
 * holding every field (nulls included) in the type's order. A map backed by an array because a page of alerts
 * holds tens of thousands of evidence items.
 */
public final class ComplexValue extends AbstractMap<String, Object> {
  private final ComplexShape shape;
  private final Object[] values;

  ComplexValue(ComplexShape shape, Object[] values) {
    this.shape = shape;
    this.values = values;
  }

  /** Sets a field while the generator builds the element. */
  ComplexValue set(int index, Object value) {
    values[index] = value;
    return this;
  }

  /** The value of field number {@code index} of the complex type. */
  public Object value(int index) {
    return values[index];
  }

  @Override
  public Object get(Object key) {
    final int i = shape.indexOrMinus(key);
    return i < 0 ? null : values[i];
  }

  @Override
  public boolean containsKey(Object key) {
    return shape.indexOrMinus(key) >= 0;
  }

  @Override
  public int size() {
    return values.length;
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Entry<String, Object>> iterator() {
        return new Iterator<>() {
          private int i;

          @Override
          public boolean hasNext() {
            return i < values.length;
          }

          @Override
          public Entry<String, Object> next() {
            if (i >= values.length) {
              throw new NoSuchElementException();
            }
            final int at = i++;
            return new SimpleImmutableEntry<>(shape.name(at), values[at]);
          }
        };
      }

      @Override
      public int size() {
        return values.length;
      }
    };
  }
}
