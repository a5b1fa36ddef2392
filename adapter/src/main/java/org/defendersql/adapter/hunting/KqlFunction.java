package org.defendersql.adapter.hunting;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.TableMacro;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.NlsString;
import org.defendersql.adapter.client.DefenderClient;
import org.defendersql.adapter.client.DefenderException;
import org.defendersql.adapter.client.ErrorKind;
import org.defendersql.adapter.client.JdbcErrors;
import org.defendersql.adapter.kql.KqlColumn;

/**
 * {@code kql('<KQL>')}: an analyst's own KQL query as a table, {@code select * from table(hunting.kql('...'))},
 * composable with SQL around it (joins, filters and aggregations in Calcite).
 *
 * <p>Its row type is its answer's schema, which SQL needs before the query runs: when the statement is prepared,
 * the query is sent once with {@code | take 0} (one call of the hunting budget, no rows), and the columns are
 * remembered for ten minutes per query text, so that re-running a statement costs no second probe. Calcite asks a
 * table macro for its table while it validates, so the query must be a string literal. The query runs as written,
 * with the service's default time window (30 days); an answer that reaches the row cap fails with an explained
 * error, since its KQL cannot be read on in time slices.
 */
public final class KqlFunction implements TableMacro {
  /** The function's name in the hunting schema. */
  public static final String NAME = "kql";

  private static final long TTL_MILLIS = 10 * 60 * 1000;
  private static final int MAX_CACHED = 200;
  private static final Map<DefenderClient, Map<String, Cached>> SCHEMAS = new ConcurrentHashMap<>();

  /** A query's columns, and when they were learnt. */
  /** An answer's columns, and when they were probed. */
  private record Cached(List<KqlColumn> columns, long at) {
  }

  private final DefenderClient client;

  KqlFunction(DefenderClient client) {
    this.client = client;
  }

  @Override public List<FunctionParameter> getParameters() {
    return List.of(new FunctionParameter() {
      @Override public int getOrdinal() {
        return 0;
      }

      @Override public String getName() {
        return "query";
      }

      @Override public RelDataType getType(RelDataTypeFactory typeFactory) {
        // A Java type: Calcite converts a literal argument to its Java class, and passes null for a SQL type
        return typeFactory instanceof JavaTypeFactory j ? j.createType(String.class)
            : typeFactory.createSqlType(SqlTypeName.VARCHAR);
      }

      @Override public boolean isOptional() {
        return false;
      }
    });
  }

  @Override public TranslatableTable apply(List<? extends Object> arguments) {
    final Object arg = arguments.isEmpty() ? null : arguments.get(0);
    final String query = arg instanceof NlsString n ? n.getValue() : arg == null ? null : arg.toString();
    if (query == null || query.isBlank()) {
      throw JdbcErrors.raise(new DefenderException(ErrorKind.BAD_VALUE,
          "kql(...) needs its KQL query as a string literal, e.g. table(hunting.kql('DeviceInfo | take 10'))."));
    }
    return new KqlTable(query, columns(query), client);
  }

  /** The answer's columns for this query: remembered, or probed with {@code | take 0}. */
  private List<KqlColumn> columns(String query) {
    final Map<String, Cached> cache = SCHEMAS.computeIfAbsent(client, c -> Collections.synchronizedMap(
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            return size() > MAX_CACHED;
          }
        }));
    final Cached cached = cache.get(query);
    final long now = System.currentTimeMillis();
    if (cached != null && now - cached.at() < TTL_MILLIS) {
      return cached.columns();
    }
    final List<KqlColumn> columns;
    try {
      columns = client.huntingSchema(query);
    } catch (DefenderException e) {
      throw JdbcErrors.raise(e);
    }
    cache.put(query, new Cached(columns, now));
    return columns;
  }
}
