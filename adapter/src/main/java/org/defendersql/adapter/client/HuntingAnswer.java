package org.defendersql.adapter.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.defendersql.adapter.kql.KqlColumn;
import org.defendersql.model.hunting.KqlType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a hunting answer as it arrives: its {@code schema} first, checked against the columns the query expects,
 * then its {@code results} row by row. Graph writes {@code schema}/{@code results} with {@code name}/{@code type},
 * the Defender API {@code Schema}/{@code Results} with {@code Name}/{@code Type}: keys are read without regard to
 * case. A column the service adds is ignored; a column missing, or of another type than the model says, is an
 * error naming the table, the column and both types. Results that come before the schema are held until it comes.
 */
final class HuntingAnswer implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(HuntingAnswer.class);
  /** Type names already reported as unknown, so that the log says it once. */
  private static final Set<String> UNKNOWN_TYPES = ConcurrentHashMap.newKeySet();

  private static final Map<KqlType, Object> ZEROS = Map.of(KqlType.LONG, 0L, KqlType.INT, 0, KqlType.DOUBLE, 0.0);

  private final JsonParser parser;
  private final Closeable source;
  private final JsonFactory factory;
  private final Target target;
  private List<KqlColumn> columns;
  private final Map<String, Integer> slots = new HashMap<>();
  private JsonParser rows;
  private boolean done;

  /**
   * Starts reading an answer; {@code source} (the HTTP response) is closed with the reader.
   *
   * @param expected the columns the rows are to hold, in order; null to take the answer's own
   */
  HuntingAnswer(InputStream body, Closeable source, List<KqlColumn> expected, JsonFactory factory, Target target)
      throws IOException {
    this.source = source;
    this.factory = factory;
    this.target = target;
    this.parser = factory.createParser(body);
    this.columns = expected;
    try {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new PageBrokenException("The hunting service answered with something other than a JSON object", null);
      }
      start();
    } catch (JsonProcessingException e) {
      throw broken(e);
    }
  }

  /** The body of a hunting request: {@code {"Query": ..., "Timespan": ...}}. */
  static byte[] requestBody(JsonFactory factory, String kql, String timespan) {
    final ByteArrayOutputStream out = new ByteArrayOutputStream(kql.length() + 64);
    try (JsonGenerator g = factory.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("Query", kql);
      if (timespan != null) {
        g.writeStringField("Timespan", timespan);
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static PageBrokenException broken(JsonProcessingException e) {
    return new PageBrokenException("The hunting service's answer is not valid JSON (truncated or malformed): "
        + e.getOriginalMessage(), e);
  }

  /** The columns of the rows, in order: the expected ones, or the answer's own. */
  List<KqlColumn> columns() {
    return columns;
  }

  /** Reads up to the first row: the schema, and the results when they come first. */
  private void start() throws IOException {
    TokenBuffer early = null;
    boolean schemaRead = false;
    JsonToken t;
    while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
      final String name = parser.currentName().toLowerCase(Locale.ROOT);
      parser.nextToken();
      if (name.equals("schema")) {
        readSchema();
        schemaRead = true;
        if (early != null) {
          rows = early.asParser();
          rows.nextToken();
          return;
        }
      } else if (name.equals("results")) {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
          throw new PageBrokenException("Malformed hunting answer: 'results' is not an array", null);
        }
        if (schemaRead) {
          rows = parser;
          return;
        }
        early = new TokenBuffer(parser, null);
        early.copyCurrentStructure(parser);
      } else {
        parser.skipChildren();
      }
    }
    if (t != JsonToken.END_OBJECT) {
      throw new PageBrokenException("The hunting service's answer ended early (truncated JSON)", null);
    }
    if (!schemaRead) {
      throw new DefenderException(ErrorKind.BROKEN_ANSWER, "The hunting service's answer has no schema ("
          + target.table() + ": " + target.requestLine() + ").");
    }
    done = true; // a schema and no results: no rows
  }

  /** Reads the {@code schema} array and maps the expected columns onto it. */
  private void readSchema() throws IOException {
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      throw new PageBrokenException("Malformed hunting answer: 'schema' is not an array", null);
    }
    final List<String[]> schema = new ArrayList<>();
    while (parser.nextToken() == JsonToken.START_OBJECT) {
      String name = null;
      String type = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        final String key = parser.currentName().toLowerCase(Locale.ROOT);
        parser.nextToken();
        if (key.equals("name") || key.equals("columnname")) {
          name = parser.getValueAsString();
        } else if (key.equals("type") || key.equals("datatype") || key.equals("columntype")) {
          type = parser.getValueAsString();
        } else {
          parser.skipChildren();
        }
      }
      if (name == null) {
        throw new PageBrokenException("Malformed hunting answer: a schema column has no name", null);
      }
      schema.add(new String[] {name, type == null ? "" : type});
    }
    if (parser.currentToken() != JsonToken.END_ARRAY) {
      throw new PageBrokenException("The hunting service's answer ended early (truncated JSON)", null);
    }
    if (columns == null) {
      columns = discovered(schema);
    }
    for (int i = 0; i < columns.size(); i++) {
      final KqlColumn c = columns.get(i);
      final String[] actual = find(schema, c.name());
      if (actual == null) {
        throw new DefenderException(ErrorKind.BROKEN_ANSWER, "The hunting service's answer lacks the column "
            + c.name() + " of " + target.table() + " that the query asked for (" + target.requestLine()
            + "); its columns are " + schema.stream().map(s -> s[0]).toList() + ". Microsoft may have renamed or"
            + " removed it: update defender-sql, or read the table through kql(...) meanwhile.");
      }
      final Optional<KqlType> type = KqlType.ofSchemaName(actual[1]);
      if (type.isEmpty()) {
        if (UNKNOWN_TYPES.add(actual[1])) {
          LOG.warn("The hunting service gave column {} of {} the type '{}', which defender-sql does not know;"
              + " its values are read as {}", actual[0], target.table(), actual[1], c.type().kqlName());
        }
      } else if (c.checked() && type.get() != c.type()) {
        throw new DefenderException(ErrorKind.BROKEN_ANSWER, "The hunting table " + target.table()
            + " has changed: its column " + c.name() + " is " + type.get().kqlName() + " (" + actual[1]
            + ") in the service's answer, but defender-sql's model says " + c.type().kqlName() + " ("
            + c.type().schemaName() + "). Update defender-sql, or read the column through kql(...) meanwhile.");
      }
      slots.put(actual[0], i);
    }
  }

  /** The columns of an answer as it gives them; types this model does not know are read as text. */
  private List<KqlColumn> discovered(List<String[]> schema) {
    final List<KqlColumn> out = new ArrayList<>();
    for (String[] s : schema) {
      final Optional<KqlType> type = KqlType.ofSchemaName(s[1]);
      if (type.isEmpty() && UNKNOWN_TYPES.add(s[1])) {
        LOG.warn("The hunting service gave column {} the type '{}', which defender-sql does not know; its values"
            + " are read as text", s[0], s[1]);
      }
      out.add(new KqlColumn(s[0], type.orElse(KqlType.STRING), true, false));
    }
    return List.copyOf(out);
  }

  /** The schema entry of a column: its exact name, else its name ignoring case. */
  private static String[] find(List<String[]> schema, String name) {
    for (String[] s : schema) {
      if (s[0].equals(name)) {
        return s;
      }
    }
    for (String[] s : schema) {
      if (s[0].equalsIgnoreCase(name)) {
        return s;
      }
    }
    return null;
  }

  /** The next row, its values in the columns' order, or null after the last one. */
  Object[] next() throws IOException {
    if (done) {
      return null;
    }
    try {
      final JsonToken t = rows.nextToken();
      if (t == JsonToken.START_OBJECT) {
        return readRow();
      }
      if (t != JsonToken.END_ARRAY) {
        throw new PageBrokenException("Malformed hunting answer: expected a row, found " + t, null);
      }
      finish();
      return null;
    } catch (JsonProcessingException e) {
      throw broken(e);
    }
  }

  /** Reads what follows the results, to the end of the answer, so that a cut-off answer is noticed. */
  private void finish() throws IOException {
    done = true;
    if (rows != parser) {
      rows.close();
    }
    JsonToken t;
    while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
      parser.nextToken();
      parser.skipChildren();
    }
    if (t != JsonToken.END_OBJECT) {
      throw new PageBrokenException("The hunting service's answer ended early (truncated JSON)", null);
    }
  }

  private Object[] readRow() throws IOException {
    final Object[] row = new Object[columns.size()];
    while (rows.nextToken() == JsonToken.FIELD_NAME) {
      final Integer slot = slots.get(rows.currentName());
      rows.nextToken();
      if (slot == null) {
        rows.skipChildren();
      } else {
        row[slot] = HuntingValues.read(rows, columns.get(slot), factory, target);
      }
    }
    if (rows.currentToken() != JsonToken.END_OBJECT) {
      throw new PageBrokenException("The hunting service's answer ended early (truncated JSON)", null);
    }
    for (int i = 0; i < row.length; i++) {
      final KqlColumn c = columns.get(i);
      if (row[i] == null && !c.nullable() && !c.checked() && ZEROS.containsKey(c.type())) {
        // a computed total that SQL never leaves null (Calcite's $SUM0): the service's null sum of no values is 0
        row[i] = ZEROS.get(c.type());
        continue;
      }
      if (row[i] == null && !c.nullable()) {
        throw new DefenderException(ErrorKind.BROKEN_ANSWER, "The hunting service sent a row without "
            + columns.get(i).name() + " (" + target.table() + ": " + target.requestLine() + ").");
      }
    }
    return row;
  }

  @Override public void close() throws IOException {
    try {
      parser.close();
    } finally {
      source.close();
    }
  }
}
