package org.defendersql.emulator.graph;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.defendersql.emulator.auth.GraphAudience;
import org.defendersql.emulator.auth.TokenService;
import org.defendersql.emulator.data.EntityTable;
import org.defendersql.emulator.faults.Fault;
import org.defendersql.emulator.faults.FaultPlan;
import org.defendersql.emulator.faults.Quota;
import org.defendersql.emulator.faults.QuotaEnforcer;
import org.defendersql.emulator.http.EmulatorServer;
import org.defendersql.emulator.odata.FilterEvaluator;
import org.defendersql.emulator.odata.QueryExecutor;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;

/**
 * Serves Microsoft Graph's security collections from the model's Graph tables: {@code GET
 * /v1.0/security/alerts_v2[/{id}]} and {@code /v1.0/security/incidents[/{id}]} ({@code $expand=alerts}). In
 * order, as Graph: the planned fault, the method, a Graph token ({@code aud} Graph; else 401
 * {@code InvalidAuthenticationToken}) holding one of the table's read roles (else 403), the {@code /security} call
 * budget of the app (429 with {@code Retry-After}), the query options ({@link GraphQuery}, 400), then the answer:
 * pages of at most {@code $top} rows (else the table's {@link Entity#maxTop()}, or the emulator's page size when
 * smaller) with an absolute {@code @odata.nextLink} on the host called carrying a {@code $skiptoken},
 * {@code @odata.count} on {@code $count=true}. Every answer has a GUID {@code request-id} and Graph's error body.
 */
public final class GraphHandler implements EmulatorServer.Extension {
  /** The budget Graph documents for {@code /security}: 150 requests a minute per app and tenant. */
  public static final Quota REAL_QUOTA = new Quota(150, Duration.ofMinutes(1));

  private final GraphData data;
  private final TokenService tokens;
  private final FaultPlan faults;
  private final QuotaEnforcer quotas;
  private final int pageSize;
  private final String defaultBase;

  /**
   * A handler over the tenant's Graph data.
   *
   * @param quotas      the {@code /security} budgets per app (empty: none), counted apart from the MDE API's
   * @param pageSize    the emulator's page size: pages without {@code $top} hold at most this many rows
   * @param defaultBase the server's URL, for links when a request names no host
   */
  public GraphHandler(GraphData data, TokenService tokens, FaultPlan faults, List<Quota> quotas, int pageSize,
      String defaultBase) {
    this.data = data;
    this.tokens = tokens;
    this.faults = faults;
    this.quotas = new QuotaEnforcer(quotas);
    this.pageSize = pageSize;
    this.defaultBase = defaultBase;
  }

  @Override
  public boolean serves(String path) {
    return GraphRoute.resolve(path) != null;
  }

  @Override
  public void handle(HttpExchange ex, Fault fault) throws IOException {
    final GraphResponses.Ids ids = GraphResponses.stamp(ex);
    final GraphRoute route = GraphRoute.resolve(ex.getRequestURI().getPath());
    if (fault != null && !GraphFaults.answer(ex, fault, faults, ids)) {
      return;
    }
    if (!ex.getRequestMethod().equals("GET")) {
      ex.getResponseHeaders().set("Allow", "GET");
      GraphResponses.error(ex, ids, 405, "BadRequest", "The HTTP method '" + ex.getRequestMethod() + "' is not "
          + "allowed on this resource: it answers GET only.", false);
      return;
    }
    final Entity entity = route.entity();
    final String authorization = ex.getRequestHeaders().getFirst("Authorization");
    if (fault == Fault.EXPIRED_TOKEN) {
      tokens.expire(authorization);
    }
    final TokenService.Verdict verdict = tokens.check(authorization, entity.readRoles(),
        fault == Fault.PERMISSION_REMOVED ? Set.copyOf(entity.readRoles()) : Set.of(), GraphAudience.AUDIENCE);
    EmulatorServer.clientId(ex, verdict.appId());
    if (!verdict.allowed()) {
      if (verdict.status() == 401) {
        ex.getResponseHeaders().set("WWW-Authenticate", "Bearer");
      }
      GraphResponses.error(ex, ids, verdict.status(), verdict.status() == 401 ? "InvalidAuthenticationToken"
          : "Forbidden", verdict.message(), false);
      return;
    }
    final QuotaEnforcer.Refusal refusal = quotas.admit(verdict.appId(), System.currentTimeMillis());
    if (refusal != null) {
      ex.getResponseHeaders().set("Retry-After", Long.toString(refusal.retryAfterSeconds()));
      GraphResponses.error(ex, ids, 429, "TooManyRequests", GraphFaults.throttled(refusal.quota(),
          refusal.retryAfterSeconds()), false);
      return;
    }
    try {
      final GraphQuery q = GraphQuery.parse(ex.getRequestURI().getRawQuery(), entity, route.single());
      final byte[] body = route.single() ? single(ex, route, q) : collection(ex, entity, q, fault);
      if (body == null) {
        GraphResponses.error(ex, ids, 404, "NotFound", "The " + singular(entity) + " '" + route.key()
            + "' was not found.", false);
      } else if (fault != null && fault.altersBody() && fault != Fault.LOOPING_NEXT_LINK) {
        GraphFaults.damaged(ex, fault, body);
      } else {
        GraphResponses.ok(ex, body);
      }
    } catch (GraphException e) {
      GraphResponses.error(ex, ids, e);
    }
  }

  /** One entity by key, or null when there is none. */
  private byte[] single(HttpExchange ex, GraphRoute route, GraphQuery q) throws IOException {
    final Entity entity = route.entity();
    final String pattern = entity.lookups().get(0).keyPattern();
    if (!Pattern.matches(pattern, route.key())) {
      throw GraphException.badRequest("'" + route.key() + "' is not a valid " + singular(entity) + " id.");
    }
    final EntityTable table = data.table(entity);
    final long i = table.find(route.key());
    if (i < 0) {
      return null;
    }
    final boolean expanded = expanded(entity, q);
    return GraphJson.entity(entity, context(ex, entity, expanded) + "/$entity", table.row(i, expanded), expanded);
  }

  /** A page of the collection from the query's position. */
  private byte[] collection(HttpExchange ex, Entity entity, GraphQuery q, Fault fault) throws IOException {
    final EntityTable table = data.table(entity);
    final int size = q.top() != null ? q.top() : Math.min(entity.maxTop(), pageSize);
    final boolean expanded = expanded(entity, q);
    final List<Object[]> rows = new ArrayList<>();
    long position = q.position();
    long skipped = 0;
    while (position < table.size() && rows.size() < size) {
      final long i = position++;
      if (q.filter() != null && !FilterEvaluator.test(q.filter(), table.row(i, false))) {
        continue;
      }
      if (skipped < q.skip()) {
        skipped++;
        continue;
      }
      rows.add(table.row(i, expanded));
    }
    String nextLink = null;
    if (size > 0 && rows.size() == size) {
      final long next = nextMatch(table, q, position);
      if (next >= 0) {
        nextLink = nextLink(base(ex), ex.getRequestURI().getRawPath(), ex.getRequestURI().getRawQuery(), next);
      }
    }
    if (fault == Fault.LOOPING_NEXT_LINK) {
      final String raw = ex.getRequestURI().getRawQuery();
      nextLink = base(ex) + ex.getRequestURI().getRawPath() + (raw == null ? "" : "?" + raw);
    }
    final Long count = q.count() ? QueryExecutor.count(table, q.filter()) : null;
    return GraphJson.collection(entity, context(ex, entity, expanded), count, nextLink, rows, expanded);
  }

  /** The first position from {@code from} whose row matches the filter, or -1. */
  private static long nextMatch(EntityTable table, GraphQuery q, long from) {
    for (long i = from; i < table.size(); i++) {
      if (q.filter() == null || FilterEvaluator.test(q.filter(), table.row(i, false))) {
        return i;
      }
    }
    return -1;
  }

  /** Whether rows carry the expandable property: an alert's evidence always, an incident's alerts on request. */
  private static boolean expanded(Entity entity, GraphQuery q) {
    return entity.equals(DefenderModel.GRAPH_ALERTS) || q.expand();
  }

  /**
   * The same URL with {@code $skiptoken} for the next page: every other parameter kept as sent, {@code $skip}
   * (already applied) and the old token left out.
   */
  static String nextLink(String base, String rawPath, String rawQuery, long position) {
    final List<String> kept = new ArrayList<>();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String part : rawQuery.split("&", -1)) {
        final String name = part.contains("=") ? part.substring(0, part.indexOf('=')) : part;
        final String decoded = name.replace("%24", "$").toLowerCase(Locale.ROOT);
        if (!part.isEmpty() && !decoded.equals("$skip") && !decoded.equals("$skiptoken")) {
          kept.add(part);
        }
      }
    }
    kept.add("$skiptoken=" + SkipTokens.encode(position));
    return base + rawPath + "?" + String.join("&", kept);
  }

  /** Graph's context URL: {@code https://host/v1.0/$metadata#security/incidents(alerts())}. */
  private String context(HttpExchange ex, Entity entity, boolean expanded) {
    final String path = entity.path();
    final String set = path.substring(path.indexOf('/', 1) + 1);
    final boolean named = expanded && entity.expand() != null && !entity.equals(DefenderModel.GRAPH_ALERTS);
    return base(ex) + "/v1.0/$metadata#" + set + (named ? "(" + entity.expand() + "())" : "");
  }

  /** The scheme and host the client called, echoed in links as Graph does. */
  private String base(HttpExchange ex) {
    final String host = ex.getRequestHeaders().getFirst("Host");
    return host == null || host.isBlank() ? defaultBase : "https://" + host;
  }

  /** {@code alert}, {@code incident}: the entity's name in messages. */
  private static String singular(Entity entity) {
    final String[] parts = org.defendersql.emulator.odata.EdmNames.entityType(entity).split("\\.");
    return Arrays.asList(parts).get(parts.length - 1);
  }
}
