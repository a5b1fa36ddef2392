package org.defendersql.emulator.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The error bodies of the two hunting endpoints. Graph: {@code {"error":{"code","message","innerError":{"date",
 * "request-id","client-request-id"}}}} (the shape Graph's docs and answers show, the date without a zone). The
 * Defender API: {@code {"error":{"code","message","target"}}} with the request id as target.
 */
final class HuntingErrors {
  private HuntingErrors() {
  }

  private static final JsonFactory JSON = JsonFactory.builder().build();

  static void send(HttpExchange ex, HuntingHandler.Dialect dialect, int status, String code, String message,
      String requestId, String clientRequestId) throws IOException {
    if (dialect == HuntingHandler.Dialect.MDE) {
      Responses.error(ex, status, code, message, requestId);
      return;
    }
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(body)) {
      g.writeStartObject();
      g.writeObjectFieldStart("error");
      g.writeStringField("code", code);
      g.writeStringField("message", message);
      g.writeObjectFieldStart("innerError");
      g.writeStringField("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString().replace("Z", ""));
      g.writeStringField("request-id", requestId);
      g.writeStringField("client-request-id", clientRequestId);
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndObject();
    }
    Responses.send(ex, status, Responses.JSON, body.toByteArray());
  }
}
