package org.defendersql.server.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.servlet.http.HttpServletResponse;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.remote.JsonService;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service.ErrorResponse;

/**
 * Avatica error responses for what the server refuses or fails at outside Avatica's own handling: the message, a
 * SQLState and the HTTP status as vendor code, no stack traces. JSON unless the request was protobuf (Avatica's
 * client parses the body of an HTTP 500 in the serialization it sent, and shows only the status of other
 * refusals).
 */
final class ErrorBodies {
  /** The server rejected the connection (a request no JDBC client sends). */
  static final String REJECTED = "08004";
  /** A limit of the server (request body size). */
  static final String LIMIT_EXCEEDED = "54000";
  /** A failure of defender-sql itself. */
  static final String INTERNAL = "XX000";

  private ErrorBodies() {
  }

  /** The error response of {@code message}. */
  static ErrorResponse error(String message, String sqlState, int httpStatus) {
    return new ErrorResponse(List.of(), message, httpStatus, sqlState, AvaticaSeverity.ERROR, null);
  }

  /** The JSON text of {@code error}. */
  static byte[] json(ErrorResponse error) {
    try {
      return JsonService.MAPPER.writeValueAsString(error).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      // An ErrorResponse of strings always serializes; keep an answer anyway.
      return ("{\"response\":\"error\",\"errorMessage\":\"" + error.errorCode + "\"}").getBytes(
          StandardCharsets.UTF_8);
    }
  }

  /** Writes {@code error} as the whole body of a response not yet committed, with {@code status}. */
  static void write(HttpServletResponse response, int status, ErrorResponse error, boolean protobuf)
      throws IOException {
    final byte[] body = protobuf ? new ProtobufTranslationImpl().serializeResponse(error) : json(error);
    response.setStatus(status);
    response.setContentType(protobuf ? "application/octet-stream" : "application/json;charset=utf-8");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
