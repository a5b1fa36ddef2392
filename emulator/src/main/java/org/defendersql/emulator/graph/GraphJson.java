package org.defendersql.emulator.graph;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.defendersql.model.Column;
import org.defendersql.model.EdmType;
import org.defendersql.model.Entity;

/**
 * Writes Graph's JSON from rows of the model's Graph tables: the table's columns in the model's order, every
 * property written (nulls explicit), the expandable property ({@code alerts} of an incident) only when expanded,
 * date-times with seven fraction digits as Graph writes them ({@code 2026-11-30T10:00:00.1234567Z}), collections of
 * maps (evidence, comments, expanded alerts) as objects in the maps' order.
 */
final class GraphJson {
  private GraphJson() {
  }

  private static final JsonFactory JSON = JsonFactory.builder().build();
  private static final DateTimeFormatter SEVEN_DIGITS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSS'Z'").withZone(ZoneOffset.UTC);

  /** A page: {@code @odata.context}, {@code @odata.count} and {@code @odata.nextLink} when given, then the rows. */
  static byte[] collection(Entity entity, String context, Long count, String nextLink, List<Object[]> rows,
      boolean expanded) throws IOException {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("@odata.context", context);
      if (count != null) {
        g.writeNumberField("@odata.count", count);
      }
      if (nextLink != null) {
        g.writeStringField("@odata.nextLink", nextLink);
      }
      g.writeArrayFieldStart("value");
      for (Object[] row : rows) {
        g.writeStartObject();
        properties(g, entity, row, expanded);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  /** One entity: {@code @odata.context} then its properties. */
  static byte[] entity(Entity entity, String context, Object[] row, boolean expanded) throws IOException {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("@odata.context", context);
      properties(g, entity, row, expanded);
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  private static void properties(JsonGenerator g, Entity entity, Object[] row, boolean expanded)
      throws IOException {
    final List<Column> columns = entity.columns();
    for (int i = 0; i < columns.size(); i++) {
      final Column c = columns.get(i);
      if (c.isNested()) {
        throw new IllegalStateException(entity.tableName() + "." + c.sqlName() + ": Graph's tables nest no object");
      }
      if (!expanded && c.jsonName().equals(entity.expand()) && c.edmType() == EdmType.COMPLEX_COLLECTION) {
        continue;
      }
      g.writeFieldName(c.jsonName());
      value(g, row[i]);
    }
  }

  /** A value by its Java type, as the emulator's rows hold them. */
  private static void value(JsonGenerator g, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof String s) {
      g.writeString(s);
    } else if (v instanceof Instant t) {
      g.writeString(dateTime(t));
    } else if (v instanceof Integer n) {
      g.writeNumber(n);
    } else if (v instanceof Long n) {
      g.writeNumber(n);
    } else if (v instanceof Double d) {
      g.writeNumber(d);
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof List<?> list) {
      g.writeStartArray();
      for (Object item : list) {
        value(g, item);
      }
      g.writeEndArray();
    } else if (v instanceof Map<?, ?> map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        g.writeFieldName((String) e.getKey());
        value(g, e.getValue());
      }
      g.writeEndObject();
    } else {
      throw new IllegalStateException("no JSON form for " + v.getClass().getName());
    }
  }

  /** Graph's date-time: UTC, always seven fraction digits. */
  static String dateTime(Instant t) {
    return SEVEN_DIGITS.format(t);
  }
}
