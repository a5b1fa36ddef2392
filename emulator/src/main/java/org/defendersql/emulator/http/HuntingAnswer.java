package org.defendersql.emulator.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import org.defendersql.emulator.kql.DateTimes;
import org.defendersql.emulator.kql.KqlColumn;
import org.defendersql.emulator.kql.Timespans;

/**
 * Writes a hunting answer: Graph's {@code {"@odata.context", "schema":[{"name","type"}], "results":[...]}} or the
 * Defender API's {@code {"Schema":[{"Name","Type"}], "Results":[...]}}; each result an object keyed by column
 * name; datetimes in UTC with seven fraction digits, timespans as {@code [d.]hh:mm:ss[.fffffff]}, dynamic values
 * as JSON, nulls explicit.
 */
final class HuntingAnswer {
  private HuntingAnswer() {
  }

  private static final JsonFactory JSON = JsonFactory.builder().build();

  /** Writes the answer of at most {@code maxRows} rows; returns how many it wrote. */
  static long write(OutputStream out, HuntingHandler.Dialect dialect, String context, List<KqlColumn> columns,
      Iterator<Object[]> rows, long maxRows) throws IOException {
    final boolean graph = dialect == HuntingHandler.Dialect.GRAPH;
    long n = 0;
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      if (graph) {
        g.writeStringField("@odata.context", context);
      }
      g.writeArrayFieldStart(graph ? "schema" : "Schema");
      for (KqlColumn c : columns) {
        g.writeStartObject();
        g.writeStringField(graph ? "name" : "Name", c.name());
        g.writeStringField(graph ? "type" : "Type", c.type().schemaName());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart(graph ? "results" : "Results");
      while (n < maxRows && rows.hasNext()) {
        final Object[] row = rows.next();
        g.writeStartObject();
        for (int i = 0; i < columns.size(); i++) {
          g.writeFieldName(columns.get(i).name());
          value(g, columns.get(i), row[i]);
        }
        g.writeEndObject();
        n++;
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    return n;
  }

  private static void value(JsonGenerator g, KqlColumn c, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
      return;
    }
    switch (c.type()) {
      case LONG -> g.writeNumber(((Number) v).longValue());
      case INT -> g.writeNumber(((Number) v).intValue());
      case DOUBLE -> {
        final double d = ((Number) v).doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
          g.writeString(Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
        } else {
          g.writeNumber(d);
        }
      }
      case BOOL -> g.writeBoolean((Boolean) v);
      case DATETIME -> g.writeString(DateTimes.format((Instant) v));
      case TIMESPAN -> g.writeString(Timespans.format((Duration) v));
      case DYNAMIC -> g.writeRawValue((String) v);
      default -> g.writeString(v.toString());
    }
  }
}
