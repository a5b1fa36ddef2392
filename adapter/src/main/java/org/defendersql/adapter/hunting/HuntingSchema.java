package org.defendersql.adapter.hunting;

import com.google.common.collect.ImmutableMultimap;
import com.google.common.collect.Multimap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.defendersql.adapter.client.DefenderClient;
import org.defendersql.model.hunting.DerivedHuntingTable;
import org.defendersql.model.hunting.HuntingModel;
import org.defendersql.model.hunting.HuntingTable;

/**
 * The advanced-hunting tables of one tenant under Microsoft's names, the derived tables the service computes from
 * them (device, user and file context: {@code device_context}, {@code device_users}, {@code file_prevalence}), each
 * read through the shared client, and the {@code kql} table function.
 */
public class HuntingSchema extends AbstractSchema {
  /** The name models give this schema. */
  public static final String NAME = "hunting";

  private final Map<String, Table> tables;
  private final Multimap<String, Function> functions;

  /**
   * Creates the schema.
   *
   * @param pushdown whether filters, projections, aggregations and limits may become KQL
   */
  public HuntingSchema(DefenderClient client, boolean pushdown) {
    final Map<String, Table> map = new LinkedHashMap<>();
    for (HuntingTable t : HuntingModel.tables()) {
      map.put(t.name(), new HuntingSqlTable(t, client, pushdown));
    }
    for (DerivedHuntingTable t : HuntingModel.derivedTables()) {
      map.put(t.name(), new HuntingSqlTable(t, client, pushdown));
    }
    this.tables = Map.copyOf(map);
    this.functions = ImmutableMultimap.of(KqlFunction.NAME, new KqlFunction(client));
  }

  @Override protected Map<String, Table> getTableMap() {
    return tables;
  }

  @Override protected Multimap<String, Function> getFunctionMultimap() {
    return functions;
  }
}
