package org.defendersql.adapter.client;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.defendersql.model.Column;

/**
 * Where each JSON property of an entity goes in a result row: built once per request from its columns, so that
 * reading a row is one hash lookup per property and properties the query does not use are skipped unparsed.
 */
final class RowShape {
  /** A column and its position in the row. */
  record Slot(Column column, int index) {
  }

  private final int width;
  private final boolean single;
  private final boolean collectionsParsed;
  private final Map<String, Slot> topLevel = new HashMap<>();
  private final Map<String, Map<String, Slot>> nested = new HashMap<>();

  RowShape(List<Column> columns) {
    this(columns, false);
  }

  /**
   * The shape of rows holding these columns; {@code single} when the answer is one entity rather than a page.
   * Columns whose values do not come from the row's JSON (the lookup key, the parent row) are left null here.
   */
  RowShape(List<Column> columns, boolean single) {
    this(columns, single, false);
  }

  /**
   * As above; with {@code collectionsParsed}, collections of objects (alerts' evidence) are read into lists of
   * maps for the rows nested in them, instead of into the JSON text a SQL column shows.
   */
  RowShape(List<Column> columns, boolean single, boolean collectionsParsed) {
    this.width = columns.size();
    this.single = single;
    this.collectionsParsed = collectionsParsed;
    for (int i = 0; i < columns.size(); i++) {
      final Column c = columns.get(i);
      if (!c.isProperty()) {
        continue;
      }
      if (c.isNested()) {
        nested.computeIfAbsent(c.jsonName(), k -> new HashMap<>()).put(c.leafName(), new Slot(c, i));
      } else {
        topLevel.put(c.jsonName(), new Slot(c, i));
      }
    }
  }

  int width() {
    return width;
  }

  /** Whether the answer is a single entity ({@code GET /api/files/{hash}}) rather than a page of them. */
  boolean single() {
    return single;
  }

  /** Whether collections of objects are read as lists of maps rather than JSON text. */
  boolean collectionsParsed() {
    return collectionsParsed;
  }

  /** The slot of a top-level property, or null when the row does not hold it. */
  Slot slot(String jsonName) {
    return topLevel.get(jsonName);
  }

  /** The slots of a nested object's properties, or null when the row holds none of them. */
  Map<String, Slot> nestedSlots(String jsonName) {
    return nested.get(jsonName);
  }
}
