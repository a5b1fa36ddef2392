package org.defendersql.adapter;

import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.function.Function1;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.defendersql.adapter.client.DefenderClient;
import org.defendersql.adapter.client.DefenderException;
import org.defendersql.adapter.client.ErrorKind;
import org.defendersql.adapter.client.JdbcErrors;
import org.defendersql.adapter.odata.DefenderRequest;
import org.defendersql.adapter.planner.DefenderTableScan;
import org.defendersql.adapter.runtime.DefenderAccessPolicy;
import org.defendersql.adapter.runtime.LookupRows;
import org.defendersql.adapter.runtime.NestedRows;
import org.defendersql.adapter.runtime.StatementBudget;
import org.defendersql.adapter.runtime.StatsRows;
import org.defendersql.adapter.runtime.UserLookupQuota;
import org.defendersql.model.Entity;

/**
 * A Defender entity set as a table. Planning turns it into a {@link DefenderTableScan}; at run time the
 * generated code calls {@link #query(DefenderRequest)} with the request the planner chose.
 */
public class DefenderTable extends AbstractTable implements TranslatableTable {
  private final Entity entity;
  private final DefenderClient client;
  private final boolean pushdown;
  private final int maxLookups;
  private final String refusal;

  /**
   * Creates the table.
   *
   * @param refusal why the table may not be read (its web API is excluded by the {@code api} setting), or null
   */
  DefenderTable(Entity entity, DefenderClient client, boolean pushdown, int maxLookups, String refusal) {
    this.entity = entity;
    this.client = client;
    this.pushdown = pushdown;
    this.maxLookups = maxLookups;
    this.refusal = refusal;
  }

  /** The most keyed requests one scan may send before the query is refused. */
  public int maxLookups() {
    return maxLookups;
  }

  /** Whether the planner may push filters, projections and limits into this table's requests. */
  public boolean pushdown() {
    return pushdown;
  }

  /** Whether the shared cache would answer a request now, for EXPLAIN: {@code hit}, {@code miss} or {@code off}. */
  public String cacheState(DefenderRequest request) {
    return client.cacheState(request);
  }

  /** The entity this table reads. */
  public Entity entity() {
    return entity;
  }

  @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return DefenderTypes.rowType(typeFactory, entity.columns());
  }

  /**
   * A row estimate, but no unique key: scans narrowed by pushdown have other columns than the table, and Calcite
   * reads a table's keys by the scan's column positions, so a declared key would mark the wrong column unique.
   */
  @Override public Statistic getStatistic() {
    return Statistics.of(entity.estimatedRows(), List.of());
  }

  @Override public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    return DefenderTableScan.create(context.getCluster(), relOptTable, this);
  }

  /**
   * Runs a request: fills its filter with this execution's values, then returns its rows as {@code Object[]},
   * or as bare values when it returns one column (the shape Calcite's generated code expects for a one-column
   * row). Beyond the API's largest {@code $top} the scan pages and stops after {@code top} rows.
   * {@code Statement.cancel()} and the query timeout, which Calcite puts in the context, stop the HTTP calls.
   */
  public Enumerable<Object> query(DefenderRequest request, Function1<DataContext, Object[]> parameters,
      DataContext root) {
    final DefenderRequest bound = request.bind(parameters.apply(root));
    final boolean scalar = bound.columns().size() == 1;
    final long cap = bound.top() == null ? Long.MAX_VALUE : bound.top();
    final boolean topSent = bound.top() != null && bound.top() <= entity.maxTop() && bound.lookup() == null
        && entity.accepts(org.defendersql.model.QueryOption.TOP);
    final Long timeout = DataContext.Variable.TIMEOUT.get(root);
    final java.util.concurrent.atomic.AtomicBoolean cancel = DataContext.Variable.CANCEL_FLAG.get(root);
    final long timeoutMillis = timeout == null ? 0 : timeout;
    final LookupRows.Reader reader = r -> client.rows(r, cancel, timeoutMillis);
    final LookupRows.Reader withCollections = r -> client.rowsWithCollections(r, cancel, timeoutMillis);
    return new AbstractEnumerable<>() {
      @Override public Enumerator<Object> enumerator() {
        // Refused before any request is sent, when the rows are first asked for: Calcite keeps an SQLException
        // raised here as the cause of its own, while one raised earlier, in query(), would lose its SQLState.
        try {
          if (refusal != null) {
            throw new DefenderException(ErrorKind.REFUSED, refusal);
          }
          DefenderAccessPolicy.check(bound, maxLookups);
          if (bound.lookup() != null) {
            // maxLookups bounds the statement, not only this scan: a UNION ALL of keyed branches shares it.
            StatementBudget.of(root).spendLookups(bound.keys().size(), maxLookups, bound.lookup().pathTemplate());
            UserLookupQuota.spendInstalled(bound.keys().size(), bound.lookup().pathTemplate());
          }
        } catch (DefenderException e) {
          throw JdbcErrors.raise(e);
        }
        final Enumerator<Object[]> rows = entity.parent() != null ? NestedRows.of(bound, withCollections)
            : StatsRows.of(bound, reader, r -> r.lookup() == null ? reader.read(r) : new LookupRows(r, reader));
        return new Enumerator<>() {
          private long read;
          private boolean drained;

          @Override public Object current() {
            final Object[] row = rows.current();
            return scalar ? row[0] : row;
          }

          @Override public boolean moveNext() {
            if (read >= cap) {
              completeForTheCache();
              return false;
            }
            read++;
            try {
              return rows.moveNext();
            } catch (DefenderException e) {
              // Whatever reader raised it (nested, lookup, statistics rows), the client sees its SQLException.
              throw JdbcErrors.raise(e);
            }
          }

          /**
           * The API answered a {@code $top} with at most that many rows: one more read finds the answer's end, so
           * that the shared cache stores it (it keeps only answers read to the end). Without the cache, nothing.
           */
          private void completeForTheCache() {
            if (!drained && topSent && client.config().cache().on()) {
              drained = true;
              try {
                rows.moveNext();
              } catch (Exception e) {
                // The rows asked for are all returned; an answer that cannot be completed is simply not stored.
              }
            }
          }

          @Override public void reset() {
            throw new UnsupportedOperationException("reset");
          }

          @Override public void close() {
            rows.close();
          }
        };
      }
    };
  }
}
