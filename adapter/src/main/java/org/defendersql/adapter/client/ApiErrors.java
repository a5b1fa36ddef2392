package org.defendersql.adapter.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import okhttp3.Response;
import org.defendersql.adapter.odata.DefenderRequest;

/**
 * Turns an error answer of the Defender API ({@code {"error":{"code","message","target"}}}) into a message
 * that names the request, the HTTP status, the API's code and message, the request id and the likely fix.
 */
final class ApiErrors {
  private static final int MAX_BODY = 64 * 1024;

  private ApiErrors() {
  }

  static DefenderException explain(Response response, DefenderRequest request, JsonFactory factory) {
    String code = null;
    String message = null;
    String target = null;
    try {
      final String body = response.peekBody(MAX_BODY).string();
      if (!body.isBlank()) {
        try (JsonParser p = factory.createParser(body)) {
          if (p.nextToken() == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              final String name = p.currentName();
              p.nextToken();
              if ("error".equals(name) && p.currentToken() == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                  final String field = p.currentName();
                  p.nextToken();
                  switch (field) {
                  case "code" -> code = p.getValueAsString();
                  case "message" -> message = p.getValueAsString();
                  case "target" -> target = p.getValueAsString();
                  default -> p.skipChildren();
                  }
                }
              } else {
                p.skipChildren();
              }
            }
          }
        } catch (IOException e) {
          message = body.length() > 300 ? body.substring(0, 300) + "..." : body;
        }
      }
    } catch (IOException e) {
      message = "(the error body could not be read: " + e.getMessage() + ")";
    }
    if (target == null) {
      target = response.header("request-id");
    }
    final int status = response.code();
    final StringBuilder b = new StringBuilder("The Defender API answered HTTP ").append(status);
    if (code != null) {
      b.append(' ').append(code);
    }
    if (message != null && !message.isBlank()) {
      b.append(": ").append(message.trim());
    }
    b.append(" (").append(request.entity().tableName()).append(": ").append(request);
    if (target != null) {
      b.append("; request id ").append(target);
    }
    b.append("). ").append(hint(status, request));
    return new DefenderException(b.toString());
  }

  private static String hint(int status, DefenderRequest request) {
    return switch (status) {
      case 400 -> "The API could not evaluate the request; if pushdown produced it, report it and run the query"
          + " with pushdown off.";
      case 401 -> "The API did not accept the token: check that the app's token is for the Defender API (scope)"
          + " and that the Server URL belongs to the same cloud as the authority host.";
      case 403 -> "The app registration lacks the application permission " + request.entity().readRole()
          + " on WindowsDefenderATP: add it under API permissions and grant admin consent.";
      case 404 -> "The API has no such resource.";
      case 429 -> "The API's rate limit was reached (100 calls a minute, 1,500 an hour per app); wait and retry.";
      default -> status >= 500 ? "The Defender service failed; retry later." : "";
    };
  }
}
