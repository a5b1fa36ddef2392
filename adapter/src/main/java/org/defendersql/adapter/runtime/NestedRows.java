package org.defendersql.adapter.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.calcite.linq4j.Enumerator;
import org.defendersql.adapter.client.DefenderException;
import org.defendersql.adapter.client.ErrorKind;
import org.defendersql.adapter.odata.DefenderRequest;
import org.defendersql.model.Column;
import org.defendersql.model.Entity;
import org.defendersql.model.Origin;

/**
 * The rows of a table nested in another's answers (evidence in alerts): reads the parent rows with the
 * collection property (expanded on the Defender API, always inline on Graph's {@code alerts_v2}), and makes one
 * row per item, with the parent's columns the query reads. The parent's request carries the child's filter, which
 * names only parent properties, so it narrows the parents read. The reader hands the collection over already
 * parsed (a list of maps, see {@code DefenderClient.rowsWithCollections}).
 */
public final class NestedRows implements Enumerator<Object[]> {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final Enumerator<Object[]> parents;
  private final List<Column> columns;
  private final int[] parentIndex;
  private final int itemsIndex;
  private Object[] parent;
  private Iterator<Map<String, Object>> items = java.util.Collections.emptyIterator();
  private Object[] current;

  private NestedRows(Enumerator<Object[]> parents, List<Column> columns, int[] parentIndex, int itemsIndex) {
    this.parents = parents;
    this.columns = columns;
    this.parentIndex = parentIndex;
    this.itemsIndex = itemsIndex;
  }

  /** The nested rows of a request on a child table, read through the parent's endpoint. */
  public static NestedRows of(DefenderRequest request, LookupRows.Reader reader) {
    final Entity child = request.entity();
    final Entity parent = child.parent();
    final List<Column> parentColumns = new ArrayList<>();
    final int[] parentIndex = new int[request.columns().size()];
    for (int i = 0; i < request.columns().size(); i++) {
      final Column c = request.columns().get(i);
      parentIndex[i] = -1;
      if (c.origin() == Origin.PARENT) {
        final Column p = parent.property(c.jsonName()).orElseThrow();
        if (!parentColumns.contains(p)) {
          parentColumns.add(p);
        }
        parentIndex[i] = parentColumns.indexOf(p);
      }
    }
    final Column items = parent.property(child.expand()).orElseThrow();
    parentColumns.add(items);
    final DefenderRequest parentRequest = new DefenderRequest(parent,
        request.lookup() == null ? parent.path() : request.path(), request.filter(), null, null, null,
        parentColumns, request.lookup(), request.keys());
    final Enumerator<Object[]> parents = request.lookup() == null ? reader.read(parentRequest)
        : new LookupRows(parentRequest, reader);
    return new NestedRows(parents, request.columns(), parentIndex, parentColumns.size() - 1);
  }

  @Override public Object[] current() {
    return current;
  }

  @Override public boolean moveNext() {
    while (!items.hasNext()) {
      if (!parents.moveNext()) {
        return false;
      }
      parent = parents.current();
      items = parent[itemsIndex] == null ? java.util.Collections.emptyIterator()
          : parsedItems(parent[itemsIndex]).iterator();
    }
    final Map<String, Object> item = items.next();
    final Object[] row = new Object[columns.size()];
    for (int i = 0; i < row.length; i++) {
      row[i] = parentIndex[i] >= 0 ? parent[parentIndex[i]] : value(columns.get(i), json(item, columns.get(i)));
    }
    current = row;
    return true;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> parsedItems(Object items) {
    return (List<Map<String, Object>>) items;
  }

  /**
   * The item's JSON value of a column: its property, or for a flattened nested object ({@code fileDetails.sha1}
   * of Graph's evidence) the property of that object; null when the item lacks it (evidence types differ).
   */
  private static Object json(Map<String, Object> item, Column c) {
    final Object v = item.get(c.jsonName());
    if (!c.isNested()) {
      return v;
    }
    return v instanceof Map<?, ?> object ? object.get(c.leafName()) : null;
  }

  /** An item's JSON value as the column's Java value. */
  private static Object value(Column c, Object v) {
    if (v == null) {
      return null;
    }
    return switch (c.edmType()) {
      case INT32 -> ((Number) v).intValue();
      case INT64 -> ((Number) v).longValue();
      case DOUBLE -> ((Number) v).doubleValue();
      // Graph writes 7 fraction digits (100 ns): parsed whole, cut to the millisecond as SQL's TIMESTAMP(3).
      case DATE_TIME_OFFSET -> OffsetDateTime.parse(v.toString()).toInstant().toEpochMilli();
      case BOOLEAN -> v;
      case STRING_COLLECTION -> strings(v);
      case COMPLEX_COLLECTION -> json(v);
      default -> v.toString();
    };
  }

  /** A JSON array of strings (Graph evidence's {@code roles}, {@code tags}) as the SQL array's list. */
  private static List<String> strings(Object v) {
    if (!(v instanceof List<?> list)) {
      throw new DefenderException(ErrorKind.BROKEN_ANSWER, "An evidence item's collection is "
          + v.getClass().getSimpleName() + ", not a JSON array of strings");
    }
    final List<String> out = new ArrayList<>(list.size());
    for (Object o : list) {
      out.add(o == null ? null : o.toString());
    }
    return out;
  }

  /** A collection of objects as the JSON text a SQL column shows. */
  private static String json(Object v) {
    try {
      return MAPPER.writeValueAsString(v);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a parsed JSON value cannot be written back", e);
    }
  }

  @Override public void reset() {
    throw new UnsupportedOperationException("reset");
  }

  @Override public void close() {
    parents.close();
  }
}
