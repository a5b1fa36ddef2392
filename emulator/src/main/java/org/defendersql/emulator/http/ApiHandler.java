package org.defendersql.emulator.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.defendersql.emulator.auth.TokenService;
import org.defendersql.emulator.data.EntityTable;
import org.defendersql.emulator.data.FileStats;
import org.defendersql.emulator.data.FileStatsShape;
import org.defendersql.emulator.data.Keyed;
import org.defendersql.emulator.data.ServedEntities;
import org.defendersql.emulator.data.Tenant;
import org.defendersql.emulator.faults.Fault;
import org.defendersql.emulator.faults.QuotaEnforcer;
import org.defendersql.emulator.odata.ODataException;
import org.defendersql.emulator.odata.QueryExecutor;
import org.defendersql.emulator.odata.QueryOptions;
import org.defendersql.emulator.odata.QueryOptionsParser;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;
import org.defendersql.model.Lookup;
import org.defendersql.model.QueryOption;

/**
 * Serves the Defender API routes: checks the method, then the bearer token and its roles, then the query
 * options, then answers from the tenant's data, in the service's formats.
 */
final class ApiHandler {
  private final Tenant tenant;
  private final TokenService tokens;
  private final int pageSize;
  private final String defaultBase;
  private final Map<Entity, EntityJsonWriter> writers = new ConcurrentHashMap<>();
  private final QuotaEnforcer quotas;
  /** The options a related collection refuses: the API filters, sorts and expands none of them. */
  private static final Set<String> KEYED_UNSUPPORTED = Set.of("$filter", "$orderby", "$expand");

  ApiHandler(Tenant tenant, TokenService tokens, int pageSize, String defaultBase, QuotaEnforcer quotas) {
    this.tenant = tenant;
    this.quotas = quotas;
    this.tokens = tokens;
    this.pageSize = pageSize;
    this.defaultBase = defaultBase;
  }

  private EntityJsonWriter writer(Entity e) {
    return writers.computeIfAbsent(e, EntityJsonWriter::new);
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
    EmulatorServer.clientId(ex, verdict.appId());
    if (!verdict.allowed()) {
      if (verdict.status() == 401) {
        ex.getResponseHeaders().set("WWW-Authenticate", "Bearer");
      }
      Responses.error(ex, verdict.status(), verdict.status() == 401 ? "Unauthorized" : "Forbidden",
          verdict.message(), requestId);
      return verdict.appId();
    }
    // The export APIs (and the antivirus health report, documented with the same limits) have a quota of their own.
    final QuotaEnforcer.Refusal refusal = (DefenderModel.EXPORT_BUDGET.stream()
        .anyMatch(e -> e.entitySetName().equals(entity.entitySetName())) ? quotas.exports() : quotas)
        .admit(verdict.appId(), System.currentTimeMillis());
    if (refusal != null) {
      ex.getResponseHeaders().set("Retry-After", Long.toString(refusal.retryAfterSeconds()));
      Responses.error(ex, 429, "429", refusal.quota().message(), requestId);
      return verdict.appId();
    }
    try {
      // An export's next link carries a $skiptoken, which is the export's paging and no OData option.
      final String rawQuery = ExportPaging.serves(entity)
          ? ExportPaging.withoutSkipToken(ex.getRequestURI().getRawQuery()) : ex.getRequestURI().getRawQuery();
      refuseUnaccepted(entity, rawQuery);
      switch (route.kind()) {
        case COUNT -> count(ex, tenant.table(entity), QueryOptionsParser.parse(rawQuery, entity, false));
        case COLLECTION -> {
          if (entity.singleObject()) {
            singleObject(ex, tenant.table(entity), QueryOptionsParser.parse(rawQuery, entity, true));
          } else {
            collection(ex, tenant.table(entity), QueryOptionsParser.parse(rawQuery, entity, false), fault);
          }
        }
        case KEYED -> keyed(ex, route, rawQuery, requestId, fault);
        case STATS -> stats(ex, route, rawQuery, requestId);
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

  /**
   * A keyed endpoint: one entity (404 when unknown), or a collection by key (related alerts and machines, logon
   * users, a machine's alerts), which takes {@code $top}, {@code $skip} and {@code $select} only.
   */
  private void keyed(HttpExchange ex, ApiRoute route, String rawQuery, String requestId, Fault fault)
      throws IOException {
    final Entity served = ServedEntities.of(route.entity());
    if (!route.single()) {
      for (Map.Entry<String, String> p : QueryOptionsParser.decode(rawQuery)) {
        final String name = p.getKey().toLowerCase(Locale.ROOT);
        if (KEYED_UNSUPPORTED.contains(name)) {
          throw ODataException.badQuery("The query option '" + p.getKey() + "' is not supported on this "
              + "resource: a related collection can only be paged ($top, $skip) and projected ($select).");
        }
      }
    }
    final QueryOptions q = QueryOptionsParser.parse(rawQuery, served, route.single());
    // The path's other parameters and the query string's own (lookBackHours, tag, useStartsWithFilter).
    final Map<String, String> parameters = new java.util.HashMap<>();
    route.parameters().forEach((k, v) -> parameters.put(k.toLowerCase(Locale.ROOT), v));
    for (Map.Entry<String, String> p : QueryOptionsParser.decode(rawQuery)) {
      if (!p.getKey().startsWith("$")) {
        parameters.put(p.getKey().toLowerCase(Locale.ROOT), p.getValue());
      }
    }
    String key = route.key();
    final Lookup lookup = route.lookups().isEmpty() ? null : route.lookups().get(0);
    if (lookup != null && lookup.keyInQuery()) {
      final String name = lookup.pathTemplate().substring(lookup.pathTemplate().indexOf('?') + 1)
          .split("=\\{key\\}", 2)[0].replaceAll(".*&", "").toLowerCase(Locale.ROOT);
      key = parameters.get(name);
      if (key == null || key.isEmpty()) {
        Responses.error(ex, 400, "MissingRequiredParameter", "The parameter '" + name + "' is required.",
            requestId);
        return;
      }
    }
    final Keyed answer = tenant.keyed(route.entity(), route.lookups(), key, parameters);
    if (!answer.ok()) {
      Responses.error(ex, answer.status(), answer.code(), answer.message(), requestId);
      return;
    }
    if (!route.single()) {
      collection(ex, answer.rows(), q, fault);
      return;
    }
    // A single alert always carries its evidence, $expand or not.
    final Object[] row = answer.rows().row(0, true);
    final String context = base(ex) + "/api/$metadata#" + served.entitySetName() + selectSuffix(q) + "/$entity";
    try (OutputStream out = new BufferedOutputStream(Responses.startOData(ex, Responses.ODATA_JSON), 1 << 16)) {
      writer(served).writeEntity(out, context, row, q.select());
    }
  }

  /**
   * Refuses a system query option ({@code $filter}, {@code $top}, ...) that the entity's endpoints do not take, as
   * the model lists them: the scores and the statistics take none.
   */
  private static void refuseUnaccepted(Entity entity, String rawQuery) {
    for (Map.Entry<String, String> p : QueryOptionsParser.decode(rawQuery)) {
      final String name = p.getKey().toLowerCase(Locale.ROOT);
      if (name.startsWith("$") && java.util.Arrays.stream(QueryOption.values())
          .noneMatch(o -> o.odata().equals(name) && entity.accepts(o))
          && java.util.Arrays.stream(QueryOption.values()).anyMatch(o -> o.odata().equals(name))) {
        throw ODataException.badQuery("The query option '" + p.getKey() + "' is not supported on this resource.");
      }
    }
  }

  /** An endpoint that answers one object (the exposure score): the table's one row as an entity. */
  private void singleObject(HttpExchange ex, EntityTable table, QueryOptions q) throws IOException {
    final String context = base(ex) + "/api/$metadata#" + table.entity().entitySetName() + selectSuffix(q)
        + "/$entity";
    try (OutputStream out = new BufferedOutputStream(Responses.startOData(ex, Responses.ODATA_JSON), 1 << 16)) {
      writer(table.entity()).writeEntity(out, context, table.row(0, false), q.select());
    }
  }

  /** {@code GET /api/files/{sha1}/stats[?lookBackHours=n]}: SHA-1 only, 1 to 720 hours, {@code $select} only. */
  private void stats(HttpExchange ex, ApiRoute route, String rawQuery, String requestId) throws IOException {
    final QueryOptions q = QueryOptionsParser.parse(rawQuery, FileStatsShape.ENTITY, true);
    int hours = FileStats.DEFAULT_LOOK_BACK_HOURS;
    for (Map.Entry<String, String> p : QueryOptionsParser.decode(rawQuery)) {
      if (p.getKey().equalsIgnoreCase("lookBackHours")) {
        final String v = p.getValue().trim();
        if (!v.matches("\\d{1,4}") || Integer.parseInt(v) < 1
            || Integer.parseInt(v) > FileStats.DEFAULT_LOOK_BACK_HOURS) {
          Responses.error(ex, 400, "BadRequest", "lookBackHours must be a whole number of hours from 1 to "
              + FileStats.DEFAULT_LOOK_BACK_HOURS + ", not '" + p.getValue() + "'.", requestId);
          return;
        }
        hours = Integer.parseInt(v);
      }
    }
    final Tenant.StatsAnswer answer = tenant.fileStats(route.key(), hours);
    if (!answer.file().ok()) {
      Responses.error(ex, answer.file().status(), answer.file().code(), answer.file().message(), requestId);
      return;
    }
    final String context = base(ex) + "/api/$metadata#" + FileStatsShape.TYPE + selectSuffix(q);
    try (OutputStream out = new BufferedOutputStream(Responses.startOData(ex, Responses.ODATA_JSON), 1 << 16)) {
      writer(FileStatsShape.ENTITY).writeEntity(out, context, answer.row(), q.select());
    }
  }

  private void collection(HttpExchange ex, EntityTable table, QueryOptions query, Fault fault) throws IOException {
    final String rawQuery = ex.getRequestURI().getRawQuery();
    final boolean export = ExportPaging.serves(table.entity());
    // An export pages at its pageSize and resumes at its $skiptoken.
    final int size = export ? ExportPaging.pageSize(rawQuery, org.defendersql.model.DefenderModel
        .SOFTWARE_VULNERABILITY_EXPORT.maxTop(), pageSize) : pageSize;
    final QueryOptions q = export ? new QueryOptions(query.filter(), query.top(), ExportPaging.skip(rawQuery),
        query.select(), query.orderBy(), query.expand()) : query;
    final QueryExecutor.Page page = QueryExecutor.page(table, q, size);
    final String base = base(ex);
    final String context = base + "/api/$metadata#" + table.entity().entitySetName() + selectSuffix(q);
    final long nextSkip = q.skip() + size;
    final String rawPath = ex.getRequestURI().getRawPath();
    BooleanSupplier more = page::hasMore;
    Supplier<String> link = () -> export ? ExportPaging.nextLink(base, rawPath, rawQuery, nextSkip)
        : nextLink(base, rawPath, rawQuery, nextSkip);
    if (fault == Fault.LOOPING_NEXT_LINK) {
      more = () -> true;
      link = () -> base + rawPath + (rawQuery == null ? "" : "?" + rawQuery);
    }
    if (fault != null && fault.altersBody() && fault != Fault.LOOPING_NEXT_LINK) {
      final ByteArrayOutputStream whole = new ByteArrayOutputStream();
      writer(table.entity()).writeCollection(whole, context, page, q.select(), more, link);
      FaultyBodies.send(ex, fault, whole.toByteArray());
      return;
    }
    try (OutputStream out = new BufferedOutputStream(Responses.startOData(ex, Responses.ODATA_JSON), 1 << 16)) {
      writer(table.entity()).writeCollection(out, context, page, q.select(), more, link);
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
