package org.defendersql.adapter.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import okhttp3.Response;
import org.defendersql.model.Api;
import org.defendersql.model.settings.Setting;

/**
 * Turns an error answer of the Defender API ({@code {"error":{"code","message","target"}}}) or of Microsoft Graph
 * ({@code {"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}}) into a message
 * that names the request, the HTTP status, the API's code and message, the request id and the likely fix.
 */
final class ApiErrors {
  private static final int MAX_BODY = 64 * 1024;

  private ApiErrors() {
  }

  static DefenderException explain(Response response, Target request, JsonFactory factory) {
    String code = null;
    String message = null;
    String target = null;
    String requestId = null;
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
                  case "innerError", "innererror" -> requestId = innerRequestId(p);
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
    if (requestId != null) {
      // Graph's request id, which its support asks for; the Defender API puts it in "target".
      target = requestId;
    }
    if (target == null) {
      target = response.header("request-id");
    }
    final int status = response.code();
    final String who = !request.hunting() ? (request.graph() ? "Microsoft Graph" : "The Defender API")
        : request.graph() ? "Microsoft Graph's runHuntingQuery"
        : "The Defender API's advanced hunting";
    final StringBuilder b = new StringBuilder(who).append(" answered HTTP ").append(status);
    if (code != null) {
      b.append(' ').append(code);
    }
    if (message != null && !message.isBlank()) {
      b.append(": ").append(message.trim());
    }
    b.append(" (").append(request.table()).append(": ").append(request.requestLine());
    if (target != null) {
      b.append("; request id ").append(target);
    }
    final String hint = request.hunting() ? huntingHint(status, request, code, message)
        : request.graph() ? graphHint(status, request, code) : hint(status, request, code);
    b.append("). ").append(hint);
    return new DefenderException(ErrorKind.ofStatus(status),
        b.toString().trim(), status, hint.isEmpty() ? null : hint, null);
  }

  /**
   * The advice for a hunting answer. A 429 names the quota it hit, read from its body: the call quota (45 a
   * minute, 1,500 an hour per tenant) or the tenant's CPU quota (renewed in 15-minute cycles), which retrying
   * sooner cannot get around.
   */
  private static String huntingHint(int status, Target request, String code, String message) {
    return switch (status) {
      case 400 -> "The hunting service could not run the KQL: for kql(...) check the query against the message;"
          + " if pushdown wrote it, report it and run the query with pushdown off.";
      case 403 -> "The app registration lacks the application permission " + request.readRole() + " on "
          + request.permissionApi() + ": add it under API permissions and grant admin consent (or choose the"
          + " other backend with " + Setting.HUNTING_API.names() + ").";
      case 429 -> cpuQuota(code, message)
          ? "The tenant's advanced-hunting CPU quota is used up; it renews in 15-minute cycles: wait, and narrow"
          + " the query (a shorter time window, fewer columns) so that it costs less."
          : "The advanced-hunting call quota (45 calls a minute, 1,500 an hour per tenant, shared by every"
          + " application) was exhausted and retrying within the limits did not get through: wait and retry, or"
          + " lower " + Setting.HUNTING_RATE_LIMITS.names() + " if other tools share the tenant's quota.";
      default -> hint(status, request, code);
    };
  }

  /** The {@code request-id} of Graph's {@code innerError} object at the parser, which is consumed; null if none. */
  private static String innerRequestId(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      p.skipChildren();
      return null;
    }
    String id = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      final String field = p.currentName();
      p.nextToken();
      if ("request-id".equalsIgnoreCase(field) && p.currentToken().isScalarValue()) {
        id = p.getValueAsString();
      } else {
        p.skipChildren();
      }
    }
    return id;
  }

  /**
   * The advice for an answer of Graph's security lists ({@code alerts_v2}, {@code incidents}): its permissions,
   * its token audience and root, and its own call budget of 150 requests a minute per app and tenant.
   */
  private static String graphHint(int status, Target request, String code) {
    return switch (status) {
      case 400 -> "Microsoft Graph could not evaluate the request; if pushdown produced it, report it and run the"
          + " query with pushdown off.";
      case 401 -> "Microsoft Graph did not accept a freshly issued token either: check that the token is for Graph"
          + " (" + Setting.GRAPH_SCOPE.names() + ") and that the Graph root (" + Setting.GRAPH_URL.names()
          + ") belongs to the same cloud as the authority host.";
      case 403 -> "The app registration lacks the application permission " + request.readRole()
          + " on Microsoft Graph: add it under API permissions and grant admin consent.";
      case 404 -> "Microsoft Graph has no such resource: check the Graph root (" + Setting.GRAPH_URL.names() + ").";
      case 429 -> "Microsoft Graph's call quota for security alerts and incidents (150 requests a minute per app"
          + " and tenant" + (code == null || code.isBlank() ? "" : ", " + code) + ") was exhausted and retrying"
          + " within the limits did not get through: another application may be using the same app"
          + " registration, or the client-side budget (" + Setting.GRAPH_RATE_LIMITS.names() + ") is set above"
          + " Graph's; wait and retry.";
      default -> status >= 500 ? "Microsoft Graph failed repeatedly; retry later." : "";
    };
  }

  /** Whether a 429 answer's code or message says it is the CPU quota rather than the call quota. */
  static boolean cpuQuota(String code, String message) {
    final String text = ((code == null ? "" : code) + " " + (message == null ? "" : message))
        .toLowerCase(java.util.Locale.ROOT);
    return text.contains("cpu") || text.contains("resource");
  }

  private static String hint(int status, Target request, String code) {
    return switch (status) {
      case 400 -> "The API could not evaluate the request; if pushdown produced it, report it and run the query"
          + " with pushdown off.";
      case 401 -> "The API did not accept a freshly issued token either: check that the token is for the"
          + " Defender API (" + Setting.SCOPE.names() + ") and that the Server URL belongs to the same cloud as the"
          + " authority host.";
      case 403 -> "The app registration lacks the application permission " + request.readRole()
          + " on WindowsDefenderATP: add it under API permissions and grant admin consent.";
      case 404 -> "The API has no such resource: check the Server URL (" + Setting.SERVER_URL.names() + ").";
      case 410 -> "Microsoft has retired the Defender for Endpoint API (notice MC1220762; it stops working after "
          + Api.MDE_RETIREMENT + "): " + (request.successor() != null
          && request.successor().startsWith(org.defendersql.model.Entity.NO_SUCCESSOR)
          ? "this table has no Graph successor, " + request.successor() + "; set " + Setting.API.names()
          + " to graph"
          : request.successor() != null ? "read " + request.successor()
          + " on Microsoft Graph instead, and set " + Setting.API.names() + " to graph"
          : "set " + Setting.HUNTING_API.names() + " to graph") + " so that no request goes to it.";
      case 429 -> "The API's call quota was exhausted (" + ("429".equals(code) ? "quota" : "throttling")
          + ") and retrying within the limits did not get through: another application may be using the same"
          + " app registration, or the client-side budget (" + Setting.RATE_LIMITS.names() + ") is set above the"
          + " API's; wait and retry.";
      default -> status >= 500 ? "The Defender service failed repeatedly; retry later." : "";
    };
  }
}
