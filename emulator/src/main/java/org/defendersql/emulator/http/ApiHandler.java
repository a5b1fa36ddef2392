package org.defendersql.emulator.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.defendersql.emulator.auth.TokenService;
import org.defendersql.emulator.data.EntityTable;
import org.defendersql.emulator.data.Tenant;
import org.defendersql.emulator.faults.Fault;
import org.defendersql.emulator.faults.QuotaEnforcer;
import org.defendersql.emulator.odata.ODataException;
import org.defendersql.emulator.odata.QueryExecutor;
import org.defendersql.emulator.odata.QueryOptions;
import org.defendersql.emulator.odata.QueryOptionsParser;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;

/**
 * Serves the Defender API routes: checks the method, then the bearer token and its roles, then the query
 * options, then answers from the tenant's data, in the service's formats.
 */
final class ApiHandler {
  private final Tenant tenant;
  private final TokenService tokens;
  private final int pageSize;
  private final String defaultBase;
  private final Map<Entity, EntityJsonWriter> writers = new HashMap<>();
  private final QuotaEnforcer quotas;

  ApiHandler(Tenant tenant, TokenService tokens, int pageSize, String defaultBase, QuotaEnforcer quotas) {
    this.tenant = tenant;
    this.quotas = quotas;
    this.tokens = tokens;
    this.pageSize = pageSize;
    this.defaultBase = defaultBase;
    for (Entity e : DefenderModel.entities()) {
      writers.put(e, new EntityJsonWriter(e));
    }
  }

  /**
   * Handles an API request; returns the client id of its token (null if none was valid), for the log.
   *
   * @param fault a fault that alters the answer's body or authorization, or null
   */
  String handle(HttpExchange ex, ApiRoute route, String requestId, Fault fault) throws IOException {
    if (!ex.getRequestMethod().equals("GET")) {
      ex.getResponseHeaders().set("Allow", "GET");
      Responses.empty(ex, 405);
      return null;
    }
    final Entity entity = route.entity();
    final String authorization = ex.getRequestHeaders().getFirst("Authorization");
    if (fault == Fault.EXPIRED_TOKEN) {
      tokens.expire(authorization);
    }
    final TokenService.Verdict verdict = tokens.check(authorization, entity.readRoles(),
        fault == Fault.PERMISSION_REMOVED ? Set.copyOf(entity.readRoles()) : Set.of());
    if (!verdict.allowed()) {
      if (verdict.status() == 401) {
        ex.getResponseHeaders().set("WWW-Authenticate", "Bearer");
      }
      Responses.error(ex, verdict.status(), verdict.status() == 401 ? "Unauthorized" : "Forbidden",
          verdict.message(), requestId);
      return verdict.appId();
    }
    final QuotaEnforcer.Refusal refusal = quotas.admit(verdict.appId(), System.currentTimeMillis());
    if (refusal != null) {
      ex.getResponseHeaders().set("Retry-After", Long.toString(refusal.retryAfterSeconds()));
      Responses.error(ex, 429, "429", refusal.quota().message(), requestId);
      return verdict.appId();
    }
    try {
      final String rawQuery = ex.getRequestURI().getRawQuery();
      final QueryOptions q = QueryOptionsParser.parse(rawQuery, entity, route.kind() == ApiRoute.Kind.SINGLE);
      final EntityTable table = tenant.table(entity);
      switch (route.kind()) {
        case COUNT -> count(ex, table, q);
        case SINGLE -> single(ex, route, table, q, requestId);
        default -> collection(ex, table, q, fault);
      }
    } catch (ODataException e) {
      Responses.error(ex, e.status(), e.code(), e.getMessage(), requestId);
    }
    return verdict.appId();
  }

  private void count(HttpExchange ex, EntityTable table, QueryOptions q) throws IOException {
    final byte[] body = Long.toString(QueryExecutor.count(table, q.filter())).getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("OData-Version", "4.0");
    Responses.send(ex, 200, Responses.TEXT, body);
  }

  private void single(HttpExchange ex, ApiRoute route, EntityTable table, QueryOptions q, String requestId)
      throws IOException {
    final long index = table.find(route.key());
    if (index < 0) {
      Responses.error(ex, 404, "ResourceNotFound", route.entityName() + " " + route.key() + " was not found",
          requestId);
      return;
    }
    // A single alert always carries its evidence, $expand or not.
    final Object[] row = table.row(index, true);
    final String context = base(ex) + "/api/$metadata#" + table.entity().entitySetName() + selectSuffix(q)
        + "/$entity";
    try (OutputStream out = new BufferedOutputStream(Responses.startOData(ex, Responses.ODATA_JSON), 1 << 16)) {
      writers.get(table.entity()).writeEntity(out, context, row, q.select());
    }
  }

  private void collection(HttpExchange ex, EntityTable table, QueryOptions q, Fault fault) throws IOException {
    final QueryExecutor.Page page = QueryExecutor.page(table, q, pageSize);
    final String base = base(ex);
    final String context = base + "/api/$metadata#" + table.entity().entitySetName() + selectSuffix(q);
    final long nextSkip = q.skip() + pageSize;
    final String rawPath = ex.getRequestURI().getRawPath();
    final String rawQuery = ex.getRequestURI().getRawQuery();
    BooleanSupplier more = page::hasMore;
    Supplier<String> link = () -> nextLink(base, rawPath, rawQuery, nextSkip);
    if (fault == Fault.LOOPING_NEXT_LINK) {
      more = () -> true;
      link = () -> base + rawPath + (rawQuery == null ? "" : "?" + rawQuery);
    }
    if (fault != null && fault.altersBody() && fault != Fault.LOOPING_NEXT_LINK) {
      final ByteArrayOutputStream whole = new ByteArrayOutputStream();
      writers.get(table.entity()).writeCollection(whole, context, page, q.select(), more, link);
      FaultyBodies.send(ex, fault, whole.toByteArray());
      return;
    }
    try (OutputStream out = new BufferedOutputStream(Responses.startOData(ex, Responses.ODATA_JSON), 1 << 16)) {
      writers.get(table.entity()).writeCollection(out, context, page, q.select(), more, link);
    }
  }

  /** The same URL with {@code $skip} set to the next page's start, every other parameter kept as sent. */
  static String nextLink(String base, String rawPath, String rawQuery, long skip) {
    final List<String> kept = new ArrayList<>();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String part : rawQuery.split("&", -1)) {
        final String name = part.contains("=") ? part.substring(0, part.indexOf('=')) : part;
        final String decoded = name.replace("%24", "$").toLowerCase(Locale.ROOT);
        if (!part.isEmpty() && !decoded.equals("$skip")) {
          kept.add(part);
        }
      }
    }
    kept.add("$skip=" + skip);
    return base + rawPath + "?" + String.join("&", kept);
  }

  /** {@code (id,title)} after the entity set in the context URL when {@code $select} was given. */
  private static String selectSuffix(QueryOptions q) {
    final Set<String> select = q.select();
    return select == null ? "" : "(" + String.join(",", select) + ")";
  }

  /** The scheme and host the client called, echoed in context and next links as the service does. */
  private String base(HttpExchange ex) {
    final String host = ex.getRequestHeaders().getFirst("Host");
    return host == null || host.isBlank() ? defaultBase : "https://" + host;
  }
}
