package org.defendersql.adapter.cache;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.TableFunction;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.schema.impl.TableFunctionImpl;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The cache as SQL sees it: {@code cache_entries} (one row per stored answer), {@code cache_stats} (hit and miss
 * totals) and the table function {@code clear_cache()}, which empties the cache and returns how many answers it
 * removed. They are queries, so a read-only server runs them.
 */
public final class CacheTables {
  /** The entries table's name. */
  public static final String ENTRIES = "cache_entries";
  /** The totals table's name. */
  public static final String STATS = "cache_stats";
  /** The clearing function's name. */
  public static final String CLEAR = "clear_cache";

  /** The schemas that expose a cache: the clearing function finds them from the connection's root schema. */
  public interface HasCache {
    AnswerCache cache();
  }

  private CacheTables() {
  }

  /** The tables, by name, of a schema's cache. */
  public static Map<String, Table> tables(AnswerCache cache) {
    return Map.of(ENTRIES, new Rows("one row per answer in the shared cache of API answers", t -> entriesType(t),
        cache::entryRows), STATS, new Rows("the shared cache's hit and miss totals since the process started",
        t -> statsType(t), () -> List.<Object[]>of(cache.statsRow())));
  }

  /** The clearing function. */
  public static TableFunction clearFunction() {
    return TableFunctionImpl.create(CacheTables.class, "clearCache");
  }

  /**
   * Called by Calcite for {@code clear_cache()}: a one-row table that, when read, clears every cache of the
   * connection's Defender schemas and returns how many answers it removed.
   */
  public static ScannableTable clearCache() {
    return new Rows("the answers removed from the cache", t -> t.builder().add("cleared", SqlTypeName.BIGINT)
        .build(), null) {
      @Override public Enumerable<Object[]> scan(DataContext root) {
        long cleared = 0;
        for (AnswerCache c : caches(root.getRootSchema())) {
          cleared += c.clear();
        }
        return Linq4j.asEnumerable(List.<Object[]>of(new Object[] {cleared}));
      }
    };
  }

  /** The distinct caches of the Defender schemas under a root schema. */
  private static List<AnswerCache> caches(SchemaPlus root) {
    final Set<AnswerCache> found = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    if (root != null) {
      for (String name : root.subSchemas().getNames(LikePattern.any())) {
        final SchemaPlus sub = root.subSchemas().get(name);
        if (sub == null) {
          continue;
        }
        try {
          // The schema behind Calcite's wrapper: a Defender schema answers its cache, others refuse.
          found.add(sub.unwrap(HasCache.class).cache());
        } catch (ClassCastException notDefender) {
          // the hunting schema, the catalogue, a user's other schemas
        }
      }
    }
    return new ArrayList<>(found);
  }

  private static RelDataType entriesType(RelDataTypeFactory t) {
    return t.builder()
        .add("entry", SqlTypeName.BIGINT)
        .add("table_name", SqlTypeName.VARCHAR)
        .add("request", SqlTypeName.VARCHAR)
        .add("row_count", SqlTypeName.BIGINT)
        .add("bytes", SqlTypeName.BIGINT)
        .add("age_seconds", SqlTypeName.DOUBLE)
        .add("ttl_seconds", SqlTypeName.DOUBLE)
        .add("hits", SqlTypeName.BIGINT)
        .add("expired", SqlTypeName.BOOLEAN)
        .build();
  }

  private static RelDataType statsType(RelDataTypeFactory t) {
    return t.builder()
        .add("hits", SqlTypeName.BIGINT)
        .add("shared_in_flight", SqlTypeName.BIGINT)
        .add("misses", SqlTypeName.BIGINT)
        .add("hit_rate", SqlTypeName.DOUBLE).nullable(true)
        .add("entries", SqlTypeName.BIGINT)
        .add("bytes", SqlTypeName.BIGINT)
        .add("max_bytes", SqlTypeName.BIGINT)
        .add("stored", SqlTypeName.BIGINT)
        .add("evicted", SqlTypeName.BIGINT)
        .add("expired", SqlTypeName.BIGINT)
        .add("too_large", SqlTypeName.BIGINT)
        .add("in_flight", SqlTypeName.BIGINT)
        .build();
  }

  /** A table of rows computed when read. */
  private static class Rows extends AbstractTable implements ScannableTable {
    private final String comment;
    private final Function<RelDataTypeFactory, RelDataType> type;
    private final java.util.function.Supplier<List<Object[]>> rows;

    Rows(String comment, Function<RelDataTypeFactory, RelDataType> type,
        java.util.function.Supplier<List<Object[]>> rows) {
      this.comment = comment;
      this.type = type;
      this.rows = rows;
    }

    @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
      return type.apply(typeFactory);
    }

    @Override public Enumerable<Object[]> scan(DataContext root) {
      return Linq4j.asEnumerable(rows.get());
    }

    @Override public String toString() {
      return comment;
    }
  }
}
