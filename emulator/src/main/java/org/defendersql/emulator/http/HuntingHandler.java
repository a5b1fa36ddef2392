package org.defendersql.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.defendersql.emulator.auth.DefenderAudience;
import org.defendersql.emulator.auth.GraphAudience;
import org.defendersql.emulator.auth.TokenService;
import org.defendersql.emulator.faults.Fault;
import org.defendersql.emulator.faults.FaultPlan;
import org.defendersql.emulator.kql.KqlEngine;
import org.defendersql.emulator.kql.KqlException;
import org.defendersql.model.hunting.HuntingModel;

/**
 * Serves advanced hunting: Graph's {@code POST /v1.0/security/runHuntingQuery} ({@code ThreatHunting.Read.All},
 * a Graph token; body {@code {"Query", "Timespan"}}, keys in any case) and the Defender API's
 * {@code POST /api/advancedqueries/run} ({@code AdvancedQuery.Read.All}, a Defender token; body {@code {"Query"}},
 * case-sensitive as that API documents, the last 30 days). In order: method, token and role, quotas (CPU, then
 * calls: 429), body, Timespan and query (400), then the answer: at most the row cap (the first rows, the rest left
 * out, as the service's "results include a maximum of 100,000 rows"), and 400 when its JSON passes the size cap
 * ("Query execution has exceeded the allowed result size...", the Defender API's documented answer).
 */
final class HuntingHandler {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY = 1 << 20;
  /** The Defender API's documented answer to an answer over its size cap. */
  static final String TOO_LARGE = "Query execution has exceeded the allowed result size. Optimize your query by "
      + "limiting the number of results and try again";

  /** The two endpoints and what differs between them. */
  enum Dialect {
    GRAPH(HuntingModel.GRAPH_ROLE, GraphAudience.AUDIENCE),
    MDE(HuntingModel.MDE_ROLE, DefenderAudience.AUDIENCE);

    final String role;
    final String audience;

    Dialect(String role, String audience) {
      this.role = role;
      this.audience = audience;
    }

    /** The endpoint of a decoded path (path segments ignore case, a trailing slash is allowed), or null. */
    static Dialect of(String path) {
      String p = path.toLowerCase(Locale.ROOT);
      if (p.endsWith("/")) {
        p = p.substring(0, p.length() - 1);
      }
      if (p.equals(HuntingModel.GRAPH_PATH.toLowerCase(Locale.ROOT))) {
        return GRAPH;
      }
      if (p.equals(HuntingModel.MDE_PATH) || p.equals("/api/v1.0/advancedqueries/run")) {
        return MDE;
      }
      return null;
    }
  }

  private final HuntingService service;
  private final TokenService tokens;
  private final FaultPlan faults;
  private final HuntingQuotas quotas;

  HuntingHandler(HuntingService service, TokenService tokens, FaultPlan faults) {
    this.service = service;
    this.tokens = tokens;
    this.faults = faults;
    this.quotas = new HuntingQuotas(service.limits());
  }

  void handle(HttpExchange ex, Dialect dialect, String mdeRequestId, Fault fault) throws IOException {
    final String requestId;
    final String clientRequestId;
    if (dialect == Dialect.GRAPH) {
      // Graph's request ids are GUIDs; it echoes the client's client-request-id.
      requestId = UUID.randomUUID().toString();
      final String sent = ex.getRequestHeaders().getFirst("client-request-id");
      clientRequestId = sent == null ? requestId : sent;
      ex.getResponseHeaders().set("request-id", requestId);
      ex.getResponseHeaders().set("client-request-id", clientRequestId);
    } else {
      requestId = mdeRequestId;
      clientRequestId = null;
    }
    if (!ex.getRequestMethod().equals("POST")) {
      ex.getResponseHeaders().set("Allow", "POST");
      Responses.empty(ex, 405);
      return;
    }
    if (fault != null && !answersFault(ex, dialect, fault, requestId, clientRequestId, mdeRequestId)) {
      return;
    }
    final String authorization = ex.getRequestHeaders().getFirst("Authorization");
    if (fault == Fault.EXPIRED_TOKEN) {
      tokens.expire(authorization);
    }
    final TokenService.Verdict verdict = tokens.check(authorization, List.of(dialect.role),
        fault == Fault.PERMISSION_REMOVED ? Set.of(dialect.role) : Set.of(), dialect.audience);
    EmulatorServer.clientId(ex, verdict.appId());
    if (!verdict.allowed()) {
      if (verdict.status() == 401) {
        ex.getResponseHeaders().set("WWW-Authenticate", "Bearer");
      }
      final String code = verdict.status() == 401
          ? (dialect == Dialect.GRAPH ? "InvalidAuthenticationToken" : "Unauthorized") : "Forbidden";
      HuntingErrors.send(ex, dialect, verdict.status(), code, verdict.message(), requestId, clientRequestId);
      return;
    }
    final HuntingQuotas.Refusal refusal = quotas.admit(System.currentTimeMillis());
    if (refusal != null) {
      ex.getResponseHeaders().set("Retry-After", Long.toString(refusal.retryAfterSeconds()));
      HuntingErrors.send(ex, dialect, 429, dialect == Dialect.GRAPH ? "TooManyRequests" : "429", refusal.message(),
          requestId, clientRequestId);
      return;
    }
    final Body body = body(ex, dialect);
    EmulatorServer.hunting(ex, body.query(), body.timespan());
    if (body.error() != null) {
      HuntingErrors.send(ex, dialect, 400, dialect == Dialect.GRAPH ? "BadRequest" : "InvalidRequestBody",
          body.error(), requestId, clientRequestId);
      return;
    }
    final Instant now = service.clock().instant();
    final HuntingTimespan.Window window;
    try {
      window = HuntingTimespan.parse(dialect == Dialect.GRAPH ? body.timespan() : null, now);
    } catch (HuntingTimespan.Invalid e) {
      HuntingErrors.send(ex, dialect, 400, "BadRequest", e.getMessage(), requestId, clientRequestId);
      return;
    }
    final KqlEngine.Prepared prepared;
    try {
      prepared = KqlEngine.prepare(body.query(), now, service.limits().maxRows());
    } catch (KqlException e) {
      HuntingErrors.send(ex, dialect, 400, "BadRequest", e.getMessage(), requestId, clientRequestId);
      return;
    }
    answer(ex, dialect, prepared, window, fault, requestId, clientRequestId);
  }

  private void answer(HttpExchange ex, Dialect dialect, KqlEngine.Prepared prepared, HuntingTimespan.Window window,
      Fault fault, String requestId, String clientRequestId) throws IOException {
    final AtomicLong read = new AtomicLong();
    final KqlEngine.Source counted =
        (t, from, to) -> service.data().rows(t, from, to).peek(r -> read.incrementAndGet());
    try (SpillingBuffer buffer = new SpillingBuffer(service.limits().maxResultBytes());
        Stream<Object[]> rows = prepared.run(counted, window.from(), window.to())) {
      final Iterator<Object[]> it = rows.iterator();
      try {
        HuntingAnswer.write(buffer.out(), dialect, context(ex), prepared.columns(), it, service.limits().maxRows());
      } catch (SpillingBuffer.TooLarge e) {
        quotas.charge(System.currentTimeMillis(), read.get());
        HuntingErrors.send(ex, dialect, 400, "BadRequest", TOO_LARGE, requestId, clientRequestId);
        return;
      }
      quotas.charge(System.currentTimeMillis(), read.get());
      final String type = dialect == Dialect.GRAPH
          ? "application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8"
          : Responses.JSON;
      if (fault != null && fault.altersBody() && fault != Fault.LOOPING_NEXT_LINK) {
        ex.getResponseHeaders().set("Content-Type", type);
        FaultyBodies.send(ex, fault, buffer.bytes());
        return;
      }
      ex.getResponseHeaders().set("Content-Type", type);
      if (dialect == Dialect.GRAPH) {
        ex.getResponseHeaders().set("OData-Version", "4.0");
      }
      EmulatorServer.logBeforeAnswering(ex, 200);
      ex.sendResponseHeaders(200, buffer.size());
      try (OutputStream out = ex.getResponseBody()) {
        buffer.writeTo(out);
      }
    }
  }

  /** Graph's context URL, on the host the client called. */
  private static String context(HttpExchange ex) {
    final String host = ex.getRequestHeaders().getFirst("Host");
    return "https://" + (host == null ? "localhost" : host)
        + "/v1.0/$metadata#microsoft.graph.security.huntingQueryResults";
  }

  /**
   * Applies a fault that replaces or delays the answer, in this endpoint's error shape; returns whether the
   * request should still be answered.
   */
  private boolean answersFault(HttpExchange ex, Dialect dialect, Fault fault, String requestId,
      String clientRequestId, String mdeRequestId) throws IOException {
    switch (fault) {
      case THROTTLE -> {
        ex.getResponseHeaders().set("Retry-After", Integer.toString(faults.retryAfterSeconds()));
        HuntingErrors.send(ex, dialect, 429, "TooManyRequests", "Rate limit is exceeded. Try again in "
            + faults.retryAfterSeconds() + " seconds.", requestId, clientRequestId);
        return false;
      }
      case QUOTA_EXCEEDED -> {
        ex.getResponseHeaders().set("Retry-After", Integer.toString(faults.retryAfterSeconds()));
        HuntingErrors.send(ex, dialect, 429, dialect == Dialect.GRAPH ? "TooManyRequests" : "429",
            HuntingLimits.realCallQuotas().get(0).message(), requestId, clientRequestId);
        return false;
      }
      case INTERNAL_ERROR -> {
        HuntingErrors.send(ex, dialect, 500, dialect == Dialect.GRAPH ? "UnknownError" : "InternalServerError",
            "An unexpected error occurred during query execution. Please try again in a few minutes.", requestId,
            clientRequestId);
        return false;
      }
      case UNAVAILABLE -> {
        HuntingErrors.send(ex, dialect, 503, "ServiceUnavailable", "The service is temporarily unavailable.",
            requestId, clientRequestId);
        return false;
      }
      case CONNECTION_RESET, SLOW -> {
        return FaultyAnswers.answer(ex, fault, faults, mdeRequestId);
      }
      default -> {
        return true;
      }
    }
  }

  /** The query and Timespan of a request body, or why the body is refused. */
  private record Body(String query, String timespan, String error) {
  }

  private static Body body(HttpExchange ex, Dialect dialect) throws IOException {
    final byte[] raw;
    try (InputStream in = ex.getRequestBody()) {
      raw = in.readNBytes(MAX_BODY + 1);
    }
    final String missing = dialect == Dialect.GRAPH
        ? "The request body must be a JSON object with a 'Query' string (and an optional 'Timespan')."
        : "Missing query.";
    if (raw.length > MAX_BODY) {
      return new Body(null, null, "The request body is larger than " + MAX_BODY + " bytes.");
    }
    final JsonNode node;
    try {
      node = JSON.readTree(raw);
    } catch (IOException e) {
      return new Body(null, null, missing);
    }
    if (node == null || !node.isObject()) {
      return new Body(null, null, missing);
    }
    JsonNode query = null;
    JsonNode timespan = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      final Map.Entry<String, JsonNode> f = it.next();
      // The Defender API's body parameters are case-sensitive (its documentation says so); Graph's are not.
      final boolean isQuery = dialect == Dialect.GRAPH ? f.getKey().equalsIgnoreCase("query")
          : f.getKey().equals("Query");
      if (isQuery) {
        query = f.getValue();
      } else if (dialect == Dialect.GRAPH && f.getKey().equalsIgnoreCase("timespan")) {
        timespan = f.getValue();
      }
    }
    final String ts = timespan == null || timespan.isNull() ? null : timespan.isTextual() ? timespan.asText() : null;
    if (timespan != null && !timespan.isNull() && !timespan.isTextual()) {
      return new Body(query != null && query.isTextual() ? query.asText() : null, timespan.toString(),
          "The Timespan must be a string in ISO 8601 interval form, such as P30D.");
    }
    if (query == null || !query.isTextual() || query.asText().isBlank()) {
      return new Body(null, ts, missing);
    }
    return new Body(query.asText(), ts, null);
  }
}
