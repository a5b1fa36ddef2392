package org.defendersql.emulator.graph;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.defendersql.emulator.http.EmulatorServer;

/**
 * Graph's response framing: a GUID {@code request-id} header on every answer and the client's
 * {@code client-request-id} echoed (else the request id), success content type and OData version, and the error
 * body {@code {"error":{"code","message"[,"details":[]],"innerError":{"date","request-id","client-request-id"}}}}.
 */
final class GraphResponses {
  private GraphResponses() {
  }

  /** Graph's content type of OData answers. */
  static final String ODATA_JSON =
      "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";
  private static final String JSON_TYPE = "application/json; charset=utf-8";
  private static final JsonFactory JSON = JsonFactory.builder().build();

  /** A request's ids as Graph reports them. */
  record Ids(String requestId, String clientRequestId) {
  }

  /** Stamps the answer with Graph's request ids (replacing the server's own request id). */
  static Ids stamp(HttpExchange ex) {
    final String requestId = UUID.randomUUID().toString();
    final String sent = ex.getRequestHeaders().getFirst("client-request-id");
    final String clientRequestId = sent == null || sent.isBlank() ? requestId : sent;
    ex.getResponseHeaders().set("request-id", requestId);
    ex.getResponseHeaders().set("client-request-id", clientRequestId);
    return new Ids(requestId, clientRequestId);
  }

  static void error(HttpExchange ex, Ids ids, GraphException e) throws IOException {
    error(ex, ids, e.status(), e.code(), e.getMessage(), e.details());
  }

  static void error(HttpExchange ex, Ids ids, int status, String code, String message, boolean details)
      throws IOException {
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(body)) {
      g.writeStartObject();
      g.writeObjectFieldStart("error");
      g.writeStringField("code", code);
      g.writeStringField("message", message);
      if (details) {
        g.writeArrayFieldStart("details");
        g.writeEndArray();
      }
      g.writeObjectFieldStart("innerError");
      // Graph writes the date without a zone.
      g.writeStringField("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString().replace("Z", ""));
      g.writeStringField("request-id", ids.requestId());
      g.writeStringField("client-request-id", ids.clientRequestId());
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndObject();
    }
    send(ex, status, JSON_TYPE, body.toByteArray());
  }

  /** A successful OData answer. */
  static void ok(HttpExchange ex, byte[] body) throws IOException {
    ex.getResponseHeaders().set("OData-Version", "4.0");
    send(ex, 200, ODATA_JSON, body);
  }

  /** Sends a whole body with its length, logged first: the client may have it all before the stream closes. */
  static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", contentType);
    EmulatorServer.logBeforeAnswering(ex, status);
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }
}
