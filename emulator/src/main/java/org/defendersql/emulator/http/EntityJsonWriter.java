package org.defendersql.emulator.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.defendersql.emulator.data.ComplexValue;
import org.defendersql.emulator.odata.EdmDateTime;
import org.defendersql.model.Column;
import org.defendersql.model.Entity;

/**
 * Streams entities as OData JSON (minimal metadata) straight from rows: the model's columns in order, nested
 * columns regrouped into their object ({@code null} when all their values are), every property written,
 * nulls explicit, date-times in the service's format.
 */
final class EntityJsonWriter {
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private final List<Property> properties = new ArrayList<>();

  /** A top-level JSON property: one column, or the columns of one nested object. */
  private record Property(String name, List<Column> columns, int[] indexes, boolean nested) {
  }

  EntityJsonWriter(Entity entity) {
    final Map<String, List<Column>> groups = new LinkedHashMap<>();
    for (Column c : entity.columns()) {
      groups.computeIfAbsent(c.jsonName(), k -> new ArrayList<>()).add(c);
    }
    groups.forEach((name, columns) -> {
      final int[] indexes = columns.stream().mapToInt(entity::indexOf).toArray();
      properties.add(new Property(name, columns, indexes, columns.get(0).isNested()));
    });
  }

  /**
   * Writes a collection response.
   *
   * @param select   the selected top-level names, or null for all
   * @param hasMore  whether a next page exists, asked once all rows are written
   * @param nextLink the next page's URL
   */
  void writeCollection(OutputStream out, String context, Iterator<Object[]> rows, Set<String> select,
      BooleanSupplier hasMore, Supplier<String> nextLink) throws IOException {
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("@odata.context", context);
      g.writeArrayFieldStart("value");
      while (rows.hasNext()) {
        g.writeStartObject();
        writeProperties(g, rows.next(), select);
        g.writeEndObject();
      }
      g.writeEndArray();
      // The next link is known only after the page: written last, as OData allows for streamed responses.
      if (hasMore.getAsBoolean()) {
        g.writeStringField("@odata.nextLink", nextLink.get());
      }
      g.writeEndObject();
    }
  }

  /** Writes a single-entity response. */
  void writeEntity(OutputStream out, String context, Object[] row, Set<String> select) throws IOException {
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("@odata.context", context);
      writeProperties(g, row, select);
      g.writeEndObject();
    }
  }

  private void writeProperties(JsonGenerator g, Object[] row, Set<String> select) throws IOException {
    for (Property p : properties) {
      if (select != null && !select.contains(p.name())) {
        continue;
      }
      g.writeFieldName(p.name());
      if (!p.nested()) {
        writeValue(g, p.columns().get(0), row[p.indexes()[0]]);
        continue;
      }
      boolean allNull = true;
      for (int i : p.indexes()) {
        allNull &= row[i] == null;
      }
      if (allNull) {
        g.writeNull();
        continue;
      }
      g.writeStartObject();
      for (int k = 0; k < p.indexes().length; k++) {
        g.writeFieldName(p.columns().get(k).leafName());
        writeValue(g, p.columns().get(k), row[p.indexes()[k]]);
      }
      g.writeEndObject();
    }
  }

  private static void writeValue(JsonGenerator g, Column column, Object value) throws IOException {
    if (value == null) {
      g.writeNull();
      return;
    }
    switch (column.edmType()) {
      case STRING, ENUM, GUID -> g.writeString((String) value);
      case INT32 -> g.writeNumber((Integer) value);
      case INT64 -> g.writeNumber((Long) value);
      case DOUBLE -> g.writeNumber((Double) value);
      case BOOLEAN -> g.writeBoolean((Boolean) value);
      case DATE_TIME_OFFSET -> g.writeString(EdmDateTime.format((Instant) value));
      case STRING_COLLECTION -> {
        g.writeStartArray();
        for (Object s : (List<?>) value) {
          g.writeString((String) s);
        }
        g.writeEndArray();
      }
      case COMPLEX_COLLECTION -> {
        final List<Column> fields = column.elementType().fields();
        g.writeStartArray();
        for (Object item : (List<?>) value) {
          g.writeStartObject();
          for (int f = 0; f < fields.size(); f++) {
            final Column field = fields.get(f);
            g.writeFieldName(field.jsonName());
            writeValue(g, field, item instanceof ComplexValue cv ? cv.value(f)
                : ((Map<?, ?>) item).get(field.jsonName()));
          }
          g.writeEndObject();
        }
        g.writeEndArray();
      }
    }
  }
}
