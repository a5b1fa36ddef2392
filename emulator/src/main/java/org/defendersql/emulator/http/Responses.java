package org.defendersql.emulator.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** The service's response framing: content types, the OData version header and the error body. */
final class Responses {
  private Responses() {
  }

  static final String ODATA_JSON = "application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8";
  static final String JSON = "application/json; charset=utf-8";
  static final String TEXT = "text/plain; charset=utf-8";
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  /** Starts a streamed (chunked) OData success response. */
  static OutputStream startOData(HttpExchange ex, String contentType) throws IOException {
    ex.getResponseHeaders().set("Content-Type", contentType);
    ex.getResponseHeaders().set("OData-Version", "4.0");
    ex.sendResponseHeaders(200, 0);
    return ex.getResponseBody();
  }

  /** Sends {@code {"error":{"code","message","target"}}} with the request id as target. */
  static void error(HttpExchange ex, int status, String code, String message, String requestId) throws IOException {
    final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (JsonGenerator g = FACTORY.createGenerator(buffer)) {
      g.writeStartObject();
      g.writeObjectFieldStart("error");
      g.writeStringField("code", code);
      g.writeStringField("message", message);
      g.writeStringField("target", requestId);
      g.writeEndObject();
      g.writeEndObject();
    }
    send(ex, status, JSON, buffer.toByteArray());
  }

  /** Sends a complete body. */
  static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", contentType);
    // With a Content-Length the client has the answer once the last byte is written, before any close.
    EmulatorServer.logBeforeAnswering(ex, status);
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  /** Sends a status with an empty body ({@code Content-Length: 0}), as for unknown routes. */
  static void empty(HttpExchange ex, int status) throws IOException {
    EmulatorServer.logBeforeAnswering(ex, status);
    ex.sendResponseHeaders(status, -1);
    ex.close();
  }
}
