package org.defendersql.adapter;

import com.google.common.collect.ImmutableMultimap;
import com.google.common.collect.Multimap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.defendersql.adapter.cache.AnswerCache;
import org.defendersql.adapter.cache.CacheTables;
import org.defendersql.adapter.client.DefenderClient;
import org.defendersql.adapter.config.ApiChoice;
import org.defendersql.adapter.status.ConnectionStatusTable;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;

/**
 * The schema of one Defender tenant: a table per entity of the model (the Defender API's and Microsoft Graph's
 * {@code graph_*} tables), all read through one shared client, and
 * {@code connection_status}, which tests the connection and each permission; and the shared cache of API answers
 * ({@code cache_entries}, {@code cache_stats}, {@code clear_cache()}).
 */
public class DefenderSchema extends AbstractSchema implements CacheTables.HasCache {
  private final Map<String, Table> tables;
  private final AnswerCache cache;
  private final DefenderClient client;

  /**
   * Creates the schema.
   *
   * @param pushdown   whether filters, projections and limits may become parts of the API requests
   * @param maxLookups the most keyed requests one scan may send
   */
  public DefenderSchema(DefenderClient client, boolean pushdown, int maxLookups) {
    this.client = client;
    final Map<String, Table> map = new LinkedHashMap<>();
    final ApiChoice apis = client.config().apis();
    for (Entity entity : DefenderModel.entities()) {
      // A table of an API not read stays in the catalogue, so that a query of it is told what to read instead.
      final String refusal = apis.reads(entity.api()) ? null : apis.refusal(entity);
      map.put(entity.tableName(), new DefenderTable(entity, client, pushdown, maxLookups, refusal));
    }
    map.put(ConnectionStatusTable.NAME, new ConnectionStatusTable(client));
    this.cache = client.cache();
    map.putAll(CacheTables.tables(cache));
    this.tables = Map.copyOf(map);
  }

  @Override protected Map<String, Table> getTableMap() {
    return tables;
  }

  @Override protected Multimap<String, Function> getFunctionMultimap() {
    return ImmutableMultimap.of(CacheTables.CLEAR, CacheTables.clearFunction());
  }

  /** The shared cache of API answers this schema's tables read through. */
  @Override public AnswerCache cache() {
    return cache;
  }

  /** The client of the tenant this schema reads (for the server's health check). */
  public DefenderClient client() {
    return client;
  }
}
