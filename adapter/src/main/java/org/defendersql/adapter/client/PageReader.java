package org.defendersql.adapter.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Reads one page of an OData collection ({@code {"value":[...], "@odata.nextLink": ...}}) row by row as it
 * arrives, so that a page of 10,000 alerts is never held whole. The next-page link is known once the rows
 * are read, since the service writes it after them.
 */
final class PageReader implements Closeable {
  private final JsonParser parser;
  private final RowShape shape;
  private final JsonFactory factory;
  private final Closeable source;
  private final RetainedJson body;
  /** The API as messages name it: {@code The Defender API} or {@code Microsoft Graph}. */
  private final String service;
  private String nextLink;
  private boolean inValue;
  private boolean done;
  private boolean singlePending;

  /** Starts reading a page of the Defender API; {@code source} (the HTTP response) is closed with the reader. */
  PageReader(InputStream body, Closeable source, RowShape shape, JsonFactory factory) throws IOException {
    this(body, source, shape, factory, "The Defender API");
  }

  /** Starts reading a page of the API messages call {@code service}, e.g. {@code Microsoft Graph}. */
  PageReader(InputStream body, Closeable source, RowShape shape, JsonFactory factory, String service)
      throws IOException {
    this.source = source;
    this.service = service;
    this.body = new RetainedJson(body);
    this.parser = factory.createParser(this.body);
    this.shape = shape;
    this.factory = factory;
    try {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new PageBrokenException(service + " answered with something other than a JSON object", null);
      }
      if (shape.single()) {
        singlePending = true;
      } else {
        advanceToValue();
      }
    } catch (JsonProcessingException e) {
      throw broken(e);
    }
  }

  private PageBrokenException broken(JsonProcessingException e) {
    return new PageBrokenException(service + "'s answer is not valid JSON (truncated or malformed): "
        + e.getOriginalMessage(), e);
  }

  /** A page with no rows: the answer to a lookup of a key the API does not know (404). */
  static PageReader empty(RowShape shape, JsonFactory factory) throws IOException {
    return new PageReader(new java.io.ByteArrayInputStream("{\"value\":[]}".getBytes(
        java.nio.charset.StandardCharsets.US_ASCII)), () -> { }, new RowShape(java.util.List.of(), false), factory);
  }

  /** The next row, or null after the last one of this page. */
  Object[] next() throws IOException {
    try {
      return read();
    } catch (JsonProcessingException e) {
      // Rows already returned stay valid, but the page cannot be completed: the caller re-reads it or fails.
      throw broken(e);
    }
  }

  private Object[] read() throws IOException {
    if (singlePending) {
      // The answer is the entity itself: its fields are the row's.
      singlePending = false;
      done = true;
      final Object[] row = readRow();
      if (parser.nextToken() != null) {
        throw new PageBrokenException(service + " sent more than one entity", null);
      }
      return row;
    }
    if (done) {
      return null;
    }
    if (inValue) {
      final JsonToken t = parser.nextToken();
      if (t == JsonToken.START_OBJECT) {
        return readRow();
      }
      if (t != JsonToken.END_ARRAY) {
        throw new PageBrokenException("Malformed page from " + service + ": expected an entity, found " + t,
            null);
      }
      inValue = false;
      advanceToValue();
    }
    done = true;
    return null;
  }

  /** The link to the next page; meaningful once {@link #next()} has returned null. */
  String nextLink() {
    return nextLink;
  }

  /** Reads fields up to the start of the {@code value} array, or to the end of the object. */
  private void advanceToValue() throws IOException {
    JsonToken t;
    while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
      final String name = parser.currentName();
      parser.nextToken();
      if ("value".equals(name)) {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
          throw new PageBrokenException("Malformed page from " + service + ": 'value' is not an array", null);
        }
        inValue = true;
        return;
      } else if ("@odata.nextLink".equals(name)) {
        nextLink = parser.getValueAsString();
      } else {
        parser.skipChildren();
      }
    }
    if (t != JsonToken.END_OBJECT) {
      throw new PageBrokenException(service + "'s answer ended early (truncated JSON)", null);
    }
  }

  private Object[] readRow() throws IOException {
    final Object[] row = new Object[shape.width()];
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      final String name = parser.currentName();
      parser.nextToken();
      final RowShape.Slot slot = shape.slot(name);
      if (slot != null) {
        row[slot.index()] = JsonValues.read(parser, slot.column(), factory, shape.collectionsParsed(), body);
        continue;
      }
      final Map<String, RowShape.Slot> nested = shape.nestedSlots(name);
      if (nested != null && parser.currentToken() == JsonToken.START_OBJECT) {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          final RowShape.Slot s = nested.get(parser.currentName());
          parser.nextToken();
          if (s != null) {
            row[s.index()] = JsonValues.read(parser, s.column(), factory, shape.collectionsParsed(), body);
          } else {
            parser.skipChildren();
          }
        }
        requireEnd();
      } else {
        parser.skipChildren();
      }
    }
    requireEnd();
    return row;
  }

  /** A row must end with its closing brace: anything else means the answer was cut off. */
  private void requireEnd() {
    if (parser.currentToken() != JsonToken.END_OBJECT) {
      throw new PageBrokenException(service + "'s answer ended early (truncated JSON)", null);
    }
  }

  @Override public void close() throws IOException {
    try {
      parser.close();
    } finally {
      source.close();
    }
  }
}
