package org.defendersql.adapter.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.defendersql.model.Column;

/**
 * Reads one JSON value at the parser's current token as the Java value Calcite expects for the column: String,
 * Integer, Long, Double, Boolean, epoch milliseconds (UTC) for timestamps, a List for string collections and
 * JSON text for collections of objects.
 */
final class JsonValues {
  private JsonValues() {
  }

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final TypeReference<List<Map<String, Object>>> ITEMS = new TypeReference<>() { };

  /**
   * The column's value; with {@code collectionsParsed}, a collection of objects as a list of maps (for the rows
   * nested in it), else as its JSON text, taken from {@code body}'s bytes when they are at hand
   * ({@code body} may be null).
   */
  static Object read(JsonParser p, Column column, JsonFactory factory, boolean collectionsParsed,
      RetainedJson body) throws IOException {
    final JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    switch (column.edmType()) {
    case STRING:
    case ENUM:
    case GUID:
      if (!t.isScalarValue()) {
        throw unexpected(p, column, t);
      }
      return p.getText();
    case INT32:
      return p.getIntValue();
    case INT64:
      return p.getLongValue();
    case DOUBLE:
      return p.getDoubleValue();
    case BOOLEAN:
      return p.getBooleanValue();
    case DATE_TIME_OFFSET:
      return epochMillis(p.getText(), column);
    case STRING_COLLECTION:
      if (t != JsonToken.START_ARRAY) {
        throw unexpected(p, column, t);
      }
      final List<String> list = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        list.add(p.currentToken() == JsonToken.VALUE_NULL ? null : p.getText());
      }
      return list;
    case COMPLEX_COLLECTION:
      if (collectionsParsed) {
        if (t != JsonToken.START_ARRAY) {
          throw unexpected(p, column, t);
        }
        return MAPPER.readValue(p, ITEMS);
      }
      final String text = body == null ? null : body.textOf(p);
      if (text != null) {
        return text;
      }
      final StringWriter w = new StringWriter();
      try (JsonGenerator g = factory.createGenerator(w)) {
        g.copyCurrentStructure(p);
      }
      return w.toString();
    default:
      throw new IllegalStateException("unhandled type " + column.edmType());
    }
  }

  /**
   * Parses a DateTimeOffset of the API, with 0 to 7 fraction digits, into epoch milliseconds. Sub-millisecond
   * digits are dropped (rounding toward the past), as SQL TIMESTAMP(3) holds milliseconds.
   */
  static long epochMillis(String text, Column column) {
    try {
      return IsoTimestamps.epochMillis(text);
    } catch (DateTimeParseException e) {
      throw new DefenderException(ErrorKind.BROKEN_ANSWER,
          "The Defender API sent '" + text + "' for " + column.sqlName()
          + ", which is not an ISO-8601 date-time", e);
    }
  }

  private static DefenderException unexpected(JsonParser p, Column column, JsonToken t) {
    return new DefenderException(ErrorKind.BROKEN_ANSWER,
        "The Defender API sent a " + t + " for " + column.sqlName() + " (JSON property '"
        + column.jsonName() + "') at " + p.currentLocation().offsetDescription() + "; expected "
        + column.edmType());
  }
}
