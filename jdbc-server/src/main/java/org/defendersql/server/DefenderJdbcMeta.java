package org.defendersql.server;

import java.lang.reflect.Field;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.calcite.avatica.ConnectionPropertiesImpl;
import org.apache.calcite.avatica.MissingResultsException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.apache.calcite.avatica.jdbc.StatementInfo;
import org.apache.calcite.avatica.remote.TypedValue;
import org.apache.calcite.runtime.Hook;
import org.apache.calcite.tools.Program;
import org.apache.calcite.util.Holder;
import org.defendersql.adapter.DefenderModels;
import org.defendersql.adapter.planner.GuardProgram;
import org.defendersql.adapter.runtime.UserLookupQuota;
import org.defendersql.model.settings.Setting;
import org.defendersql.server.limits.Admission;
import org.defendersql.server.limits.HeapWatch;
import org.defendersql.server.limits.UserQuotas;
import org.defendersql.server.security.RequestUser;
import org.defendersql.server.security.SchemaGrants;

/**
 * The Avatica {@link JdbcMeta} of the server: each remote connection opens its own Calcite connection with the
 * server's properties, after its own properties pass the {@link ClientPropertyPolicy}.
 */
final class DefenderJdbcMeta extends JdbcMeta {
  /** The share of the heap still in use after a collection at which the largest statement is stopped. */
  private static final double HEAP_FULL = 0.85;

  private final ServerLimits limits;
  private final QueryGuard guard;
  /** Connections and statements per user, refused beyond the quotas. */
  private final UserQuotas quotas;
  /** Statements executing or fetching at once. */
  private final Admission admission;
  /** Calcite's optimisation with the guards that bound what one statement holds and how long it loops. */
  private final GuardProgram program;
  /** The plans of the queries each connection sends again as plain statements. */
  private final ReusedPlans plans = new ReusedPlans();
  /** Each open statement's next frame, read while its client reads the current one. */
  private final FrameReadAhead readAhead = new FrameReadAhead();
  /** Stops the statement holding the most rows when the heap stays nearly full. */
  private final HeapWatch heapWatch = new HeapWatch(HEAP_FULL);
  /** Keyed API requests per user per hour, counted by the adapter for the user of the request being served. */
  private final UserLookupQuota lookupQuota;
  /** The {@code queryTimeout} (seconds) each connection asked for, by connection id. */
  private final Map<String, Long> connectionTimeouts = new ConcurrentHashMap<>();
  /** The connections with {@code complexTypes=json}, by id. */
  private final Set<String> jsonConnections = ConcurrentHashMap.newKeySet();
  private static final int MAX_MEASURED = 10_000;

  /** The average size of each open statement's rows in its last frame, in bytes, to size its next frame. */
  private final Map<Integer, Long> rowBytes = new ConcurrentHashMap<>();

  DefenderJdbcMeta(String url, Properties serverProperties, ServerLimits limits) throws SQLException {
    super(url, serverProperties);
    this.limits = limits;
    this.quotas = new UserQuotas(limits.quotas());
    this.admission = new Admission(limits.quotas());
    this.program = new GuardProgram(limits.quotas().maxStatementRows());
    this.lookupQuota = new UserLookupQuota(() -> RequestUser.current().orElse(null),
        limits.quotas().maxUserLookupsPerHour(), System::nanoTime);
    UserLookupQuota.install(lookupQuota);
    readEveryFrameInUtc();
    this.guard = new QueryGuard(limits, this::sweep);
  }

  /**
   * Expires idle statements and connections and forgets what the server kept for the ones gone; the
   * {@link QueryGuard} runs it every few seconds, also while a connection is being opened.
   */
  void sweep() {
    getStatementCache().cleanUp();
    getConnectionCache().cleanUp();
    connectionTimeouts.keySet().retainAll(getConnectionCache().asMap().keySet());
    jsonConnections.retainAll(getConnectionCache().asMap().keySet());
    quotas.retain(getConnectionCache().asMap().keySet());
    quotas.retainStatements(getStatementCache().asMap().keySet());
    readAhead.retain(getStatementCache().asMap().keySet());
    plans.retain(getStatementCache().asMap().keySet(), getConnectionCache().asMap().keySet());
  }

  /** Stops what the server runs beside its requests, and closes the clients' statements and connections. */
  void close() {
    guard.close();
    readAhead.close();
    heapWatch.close();
    UserLookupQuota.uninstall(lookupQuota);
    getStatementCache().invalidateAll();
    getConnectionCache().invalidateAll();
  }

  /** The requests of statements being served, which the graceful shutdown waits for and then cancels. */
  QueryGuard guard() {
    return guard;
  }

  /** Whether a client's result set is open here, which the graceful shutdown lets it read. */
  boolean readingResults() {
    return GracefulShutdown.readingResults(getStatementCache().asMap().values());
  }

  /** Whether the connection serves array columns as JSON text ({@code complexTypes=json}). */
  boolean servesArraysAsJson(String connectionId) {
    return jsonConnections.contains(connectionId);
  }

  /**
   * The statements the server holds for its clients, as its cache counts them: expired ones too until a sweep
   * (for tests of their expiry).
   */
  long openStatements() {
    return getStatementCache().size();
  }

  /** The prepared statements kept for query texts sent again, leased or free. */
  int reusedPlans() {
    return plans.size();
  }

  /** The client connections the server holds, as its cache counts them. */
  long openConnections() {
    return getConnectionCache().size();
  }

  // Statements: each gets the query timeout of the server or its connection; each request on one can be
  // cancelled by closing it or its connection, or by the QueryGuard when its client is gone.

  @Override public StatementHandle createStatement(ConnectionHandle ch) {
    admitStatement(ch.id);
    return opened(withTimeout(super.createStatement(ch)));
  }

  @Override public StatementHandle prepare(ConnectionHandle ch, String sql, long maxRowCount) {
    ReadOnlyPolicy.check(sql);
    admitStatement(ch.id);
    try (Hook.Closeable ignored = guarded()) {
      return opened(withTimeout(super.prepare(ch, sql, maxRowCount)));
    }
  }

  /** Plans this thread's statements with the guards, until closed. */
  private Hook.Closeable guarded() {
    return Hook.PROGRAM.addThread((Consumer<Holder<Program>>) h -> h.set(program));
  }

  /** Refuses a new statement beyond the quotas of the connection's user and of the server. */
  private void admitStatement(String connectionId) {
    quotas.admitStatement(connectionId, getStatementCache().size());
  }

  /** Records the statement for its user's quota. */
  private StatementHandle opened(StatementHandle h) {
    quotas.opened(h.id, h.connectionId);
    return h;
  }

  /** Waits for a turn of the connection's user to execute or fetch. */
  private Admission.Turn turn(String connectionId) {
    return admission.enter(quotas.userOf(connectionId));
  }

  private StatementHandle withTimeout(StatementHandle h) {
    final Statement s = statement(h);
    try {
      QueryGuard.applyTimeout(s, (limits.queryTimeout().toMillis() + 999) / 1000,
          connectionTimeouts.getOrDefault(h.connectionId, 0L));
    } catch (SQLException e) {
      throw new RuntimeException(e);
    }
    return h;
  }

  /**
   * The server-side statement of a handle, or null when it is closed or expired: the prepared statement running
   * its text when its plan is reused ({@link ReusedPlans}), which is what a cancel must reach.
   */
  Statement statement(StatementHandle h) {
    final StatementInfo info = getStatementCache().getIfPresent(h.id);
    if (info == null) {
      return null;
    }
    final Statement reused = plans.running(h.id);
    return reused != null ? reused : ServerStatements.of(info);
  }

  @Override public void closeStatement(StatementHandle h) {
    guard.cancelStatement(h.id, "the client closed it");
    readAhead.discard(h.id);
    plans.release(h.id);
    quotas.closed(h.id);
    rowBytes.remove(h.id);
    super.closeStatement(h);
  }

  @Override public void closeConnection(ConnectionHandle ch) {
    guard.cancelConnection(ch.id, "the client closed its connection");
    quotas.forget(ch.id);
    connectionTimeouts.remove(ch.id);
    jsonConnections.remove(ch.id);
    plans.forget(ch.id);
    super.closeConnection(ch);
  }

  // Frames. JDBC's fetch size 0 means "the driver's choice" (Spark sends it unless told otherwise); Avatica
  // takes it literally, answering a frame of 0 rows marked as the last, and the client stops there.

  @Override public Frame fetch(StatementHandle h, long offset, int fetchMaxRowCount)
      throws NoSuchStatementException, MissingResultsException {
    try (Admission.Turn ignored = turn(h.connectionId)) {
      // A frame read ahead was sized under the bound when its read began; only the client's own limit splits it.
      // Cut to a size estimated since (each frame is measured again), its rest would come as a small frame of its
      // own, fetched with no read ahead: a larger fetch size was slower than 100 rows.
      Frame frame = readAhead.take(h.id, offset, fetchMaxRowCount);
      if (frame == null) {
        final int rows = FrameSizes.ofFetch(fetchMaxRowCount, rowBytes.getOrDefault(h.id, 0L));
        frame = guard.serve(h.connectionId, h.id, statement(h), () -> readFrame(h, offset, rows));
      }
      measure(h, frame);
      startReadAhead(h, frame, fetchMaxRowCount);
      return LeanFrame.of(frame);
    } catch (NoSuchStatementException | MissingResultsException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues,
      int maxRowsInFirstFrame) throws NoSuchStatementException {
    final List<TypedValue> values = coerced(h, parameterValues);
    final int firstFrame = FrameSizes.ofFirstFrame(maxRowsInFirstFrame, rowBytes.getOrDefault(h.id, 0L));
    // The rows of the statement's last run are not wanted any more.
    readAhead.discard(h.id);
    try (Admission.Turn ignored = turn(h.connectionId)) {
      return readAheadAfter(h, measured(h, guard.serve(h.connectionId, h.id, statement(h),
          () -> super.execute(h, values, firstFrame))), maxRowsInFirstFrame);
    }
  }

  /**
   * Starts reading the statement's frame after {@code served} for the client (the same user, its API calls in the
   * statement's record), with the guards of a fetch. The read does not take a turn of the {@link Admission}: the
   * statement's fetch that will take the frame holds one, and waits for it.
   */
  private void startReadAhead(StatementHandle h, Frame served, int fetchMaxRowCount) {
    final Statement statement = statement(h);
    if (statement == null) {
      return;
    }
    readAhead.start(h.id, served, next -> {
      final Frame read = guard.serve(h.connectionId, h.id, statement, () -> readFrame(h, next,
          FrameSizes.ofFetch(fetchMaxRowCount, rowBytes.getOrDefault(h.id, 0L))));
      measure(h, read);
      return read;
    });
  }

  /** The result, after starting to read the frame after its first one. */
  private ExecuteResult readAheadAfter(StatementHandle h, ExecuteResult result, int fetchMaxRowCount) {
    if (result != null && result.resultSets != null && result.resultSets.size() == 1
        && result.resultSets.get(0).firstFrame != null) {
      startReadAhead(h, result.resultSets.get(0).firstFrame, fetchMaxRowCount);
    }
    return result;
  }

  /** A later frame of the statement: read straight from Calcite ({@link DirectFrames}), or as Avatica does. */
  private Frame readFrame(StatementHandle h, long offset, int rows)
      throws NoSuchStatementException, MissingResultsException {
    if (!servesArraysAsJson(h.connectionId)) {
      final StatementInfo info = getStatementCache().getIfPresent(h.id);
      if (info == null) {
        throw new NoSuchStatementException(h);
      }
      if (!info.isResultSetInitialized()) {
        throw new MissingResultsException(h);
      }
      try {
        final Frame direct = DirectFrames.read(info, offset, rows);
        if (direct != null) {
          return direct;
        }
      } catch (SQLException e) {
        // As JdbcMeta.fetch reports it.
        throw new RuntimeException(e);
      }
    }
    return super.fetch(h, offset, rows);
  }

  /** Remembers the size of a frame's rows, so that the statement's next frame stays under the bound. */
  private void measure(StatementHandle h, Frame frame) {
    final long bytes = FrameSizes.rowBytes(frame);
    if (rowBytes.size() > MAX_MEASURED) {
      // Only hints: statements a client never closed would otherwise keep theirs; a cleared one is measured again.
      rowBytes.clear();
    }
    if (bytes > 0) {
      rowBytes.put(h.id, bytes);
    }
  }

  /**
   * The result, its frames measured ({@link #measure}) and written lean ({@link LeanFrame}, {@link LeanSignature}).
   */
  private ExecuteResult measured(StatementHandle h, ExecuteResult result) {
    if (result == null || result.resultSets == null) {
      return result;
    }
    final List<MetaResultSet> lean = new java.util.ArrayList<>(result.resultSets.size());
    for (MetaResultSet rs : result.resultSets) {
      measure(h, rs.firstFrame);
      lean.add(LeanFrame.of(rs));
    }
    return new ExecuteResult(lean);
  }

  /** The parameter values converted to the statement's parameter types (see {@link ParameterCoercion}). */
  private List<TypedValue> coerced(StatementHandle h, List<TypedValue> values) throws NoSuchStatementException {
    if (values == null || values.isEmpty()) {
      return values;
    }
    final StatementInfo info = getStatementCache().getIfPresent(h.id);
    if (info == null) {
      throw new NoSuchStatementException(h);
    }
    if (!(ServerStatements.of(info) instanceof java.sql.PreparedStatement ps)) {
      return values;
    }
    try {
      return ParameterCoercion.coerce(values, ps.getParameterMetaData());
    } catch (SQLException e) {
      throw new RuntimeException(e);
    }
  }

  @Override public void openConnection(ConnectionHandle ch, Map<String, String> info) {
    ClientPropertyPolicy.check(info == null ? Map.of() : info);
    final long timeout = ClientPropertyPolicy.queryTimeoutSeconds(info == null ? Map.of() : info);
    final boolean json = ClientPropertyPolicy.complexTypesAsJson(info == null ? Map.of() : info);
    quotas.admitConnection(ch.id, RequestUser.current().orElse(null));
    try {
      super.openConnection(ch, info);
    } catch (RuntimeException e) {
      quotas.forget(ch.id);
      throw e;
    } finally {
      quotas.opened(ch.id);
    }
    // Only once the connection is in the server's cache: a sweep while it opened (seconds on a busy server)
    // would have forgotten them, and the connection's statements would have run without its queryTimeout.
    if (timeout > 0) {
      connectionTimeouts.put(ch.id, timeout);
    }
    if (json) {
      jsonConnections.add(ch.id);
    }
  }

  @Override public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount,
      int maxRowsInFirstFrame, PrepareCallback callback) throws NoSuchStatementException {
    ReadOnlyPolicy.check(sql);
    // A statement's new SQL has rows of a size not measured yet, and its last run's rows are not wanted.
    readAhead.discard(h.id);
    plans.release(h.id);
    rowBytes.remove(h.id);
    final int firstFrame = FrameSizes.ofFirstFrame(maxRowsInFirstFrame, 0);
    try (Admission.Turn ignored = turn(h.connectionId); Hook.Closeable guarded = guarded()) {
      // Calcite applies a statement's maximum rows when it plans the text: with one, the text is planned anew.
      final ExecuteResult reused = maxRowCount <= 0 && ReusedPlans.reusable(sql)
          ? executeReused(h, sql, firstFrame) : null;
      return readAheadAfter(h, measured(h, reused != null ? reused : guard.serve(h.connectionId, h.id, statement(h),
          () -> super.prepareAndExecute(h, sql, maxRowCount, firstFrame, callback))), maxRowsInFirstFrame);
    }
  }

  /**
   * Runs a statement's query text with the connection's prepared statement of it, as Avatica runs a text (with
   * the client statement's timeout); null when the text cannot be prepared alone.
   */
  private ExecuteResult executeReused(StatementHandle h, String sql, int firstFrame)
      throws NoSuchStatementException {
    final StatementInfo info = getStatementCache().getIfPresent(h.id);
    if (info == null) {
      throw new NoSuchStatementException(h);
    }
    final java.sql.PreparedStatement ps = plans.lease(h.connectionId, h.id, sql,
        text -> getConnection(h.connectionId).prepareStatement(text));
    if (ps == null) {
      return null;
    }
    try {
      ps.setQueryTimeout(ServerStatements.of(info).getQueryTimeout());
      return guard.serve(h.connectionId, h.id, ps, () -> {
        final java.sql.ResultSet rs = ps.executeQuery();
        plans.opened(h.id, rs);
        info.setResultSet(rs);
        return new ExecuteResult(List.of(ServerStatements.firstResult(h.connectionId, h.id, rs, firstFrame)));
      });
    } catch (SQLException e) {
      plans.release(h.id);
      throw new RuntimeException(e);
    } catch (RuntimeException e) {
      plans.release(h.id);
      throw e;
    }
  }


  @Override public ExecuteBatchResult prepareAndExecuteBatch(StatementHandle h, java.util.List<String> sqlCommands)
      throws NoSuchStatementException {
    sqlCommands.forEach(ReadOnlyPolicy::check);
    try (Admission.Turn ignored = turn(h.connectionId); Hook.Closeable guarded = guarded()) {
      return super.prepareAndExecuteBatch(h, sqlCommands);
    }
  }

  /**
   * Answers what the connection is after the client's change (read-only, isolation none: see
   * {@link Transactionless}) rather than Avatica's echo of what the client asked, which its driver would cache.
   */
  @Override public ConnectionProperties connectionSync(ConnectionHandle ch, ConnectionProperties connProps) {
    super.connectionSync(ch, connProps);
    try {
      return new ConnectionPropertiesImpl(getConnection(ch.id));
    } catch (SQLException e) {
      throw new RuntimeException(e);
    }
  }

  @Override protected java.sql.Connection createConnection(String url, Properties info) throws SQLException {
    final Properties p = new Properties();
    p.putAll(info);
    // The server's properties, not Calcite's.
    p.remove(ClientPropertyPolicy.QUERY_TIMEOUT);
    final boolean json = p.remove(ClientPropertyPolicy.COMPLEX_TYPES) instanceof String v
        && v.equalsIgnoreCase("json");
    if ("false".equals(info.getProperty(ClientPropertyPolicy.PUSHDOWN))) {
      try {
        p.setProperty("model", DefenderModels.withoutPushdown(info.getProperty("model")));
      } catch (IllegalArgumentException e) {
        throw new SQLException("pushdown=false is not available on this server: " + e.getMessage(),
            SqlStates.CONNECTION_REJECTED, e);
      }
    }
    // A connection's cache=off goes into its schemas' operand, like pushdown=false.
    final Object cache = p.remove(ClientPropertyPolicy.CACHE);
    if (cache != null && p.getProperty("model") != null) {
      try {
        p.setProperty("model", DefenderModels.withOperand(p.getProperty("model"), Setting.CACHE.operand, cache));
      } catch (IllegalArgumentException e) {
        throw new SQLException("cache=" + cache + " is not available on this server: " + e.getMessage(),
            SqlStates.CONNECTION_REJECTED, e);
      }
    }
    final java.sql.Connection calcite = super.createConnection(url, p);
    // Before the catalogue is built from it: schemas the user may not read are gone from queries and metadata.
    SchemaGrants.restrict(calcite, RequestUser.roles());
    org.defendersql.server.metadata.CatalogSchema.addTo(calcite);
    ServerViews.replace(calcite);
    return ArraySafeJdbc.wrap(calcite, json);
  }

  /**
   * JdbcMeta reads TIMESTAMP values of the first frame with a UTC calendar but those of later frames with the
   * JVM's default zone, so on a server not running in UTC every row after the first frame would shift by the
   * zone's offset. Timestamps here are UTC: read every frame in UTC.
   */
  private void readEveryFrameInUtc() throws SQLException {
    try {
      final Field f = JdbcMeta.class.getDeclaredField("calendar");
      f.setAccessible(true);
      f.set(this, Calendar.getInstance(TimeZone.getTimeZone("UTC"), Locale.ROOT));
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new SQLException("Cannot make Avatica read timestamps in UTC: " + e, e);
    }
  }

  // ---- Catalogue metadata for JDBC tools, built from the model (org.defendersql.server.metadata). ----
  // Avatica's remote protocol carries only tables, columns, schemas, catalogs, table types, type info and the
  // database properties to its client; the keys and functions below answer in-process callers and any client
  // whose protocol asks the server (Avatica's driver answers those locally, with no rows; the defender-sql
  // driver reads them from the defender_catalog schema each connection gets in createConnection).

  @Override public MetaResultSet getTables(ConnectionHandle ch, String catalog, Pat schemaPattern,
      Pat tableNamePattern, List<String> typeList) {
    return catalogue(ch).tables(super.getTables(ch, catalog, schemaPattern, tableNamePattern, typeList));
  }

  @Override public MetaResultSet getColumns(ConnectionHandle ch, String catalog, Pat schemaPattern,
      Pat tableNamePattern, Pat columnNamePattern) {
    return catalogue(ch).columns(super.getColumns(ch, catalog, schemaPattern, tableNamePattern, columnNamePattern));
  }

  @Override public MetaResultSet getPrimaryKeys(ConnectionHandle ch, String catalog, String schema, String table) {
    return catalogue(ch).primaryKeys(super.getPrimaryKeys(ch, catalog, schema, table), schema, table);
  }

  @Override public MetaResultSet getImportedKeys(ConnectionHandle ch, String catalog, String schema, String table) {
    return catalogue(ch).importedKeys(createStatement(ch), schema, table);
  }

  @Override public MetaResultSet getExportedKeys(ConnectionHandle ch, String catalog, String schema, String table) {
    return catalogue(ch).exportedKeys(createStatement(ch), schema, table);
  }

  @Override public MetaResultSet getFunctions(ConnectionHandle ch, String catalog, Pat schemaPattern,
      Pat functionNamePattern) {
    return catalogue(ch).functions(createStatement(ch), catalog, schemaPattern.s, functionNamePattern.s);
  }

  @Override public MetaResultSet getTypeInfo(ConnectionHandle ch) {
    return catalogue(ch).typeInfo(super.getTypeInfo(ch));
  }

  @Override public Map<DatabaseProperty, Object> getDatabaseProperties(ConnectionHandle ch) {
    return org.defendersql.server.metadata.CatalogMetadata.databaseProperties(super.getDatabaseProperties(ch));
  }

  /** The catalogue of the connection; metadata result sets are statements too, and count in the server's. */
  private org.defendersql.server.metadata.CatalogMetadata catalogue(ConnectionHandle ch) {
    admitStatement(ch.id);
    try {
      return org.defendersql.server.metadata.CatalogMetadata.of(getConnection(ch.id));
    } catch (SQLException e) {
      throw new RuntimeException(e);
    }
  }
}
