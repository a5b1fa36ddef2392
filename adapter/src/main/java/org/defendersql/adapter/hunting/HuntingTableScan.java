package org.defendersql.adapter.hunting;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexPermuteInputsShuttle;
import org.apache.calcite.sql.SqlExplainLevel;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.mapping.MappingType;
import org.apache.calcite.util.mapping.Mappings;
import org.defendersql.adapter.kql.KqlColumn;
import org.defendersql.adapter.kql.KqlQuery;
import org.defendersql.adapter.kql.KqlText;
import org.defendersql.adapter.kql.KqlTimeBound;

/**
 * A scan of a hunting table that carries the exact KQL it will send. It starts logical ({@link Convention#NONE}),
 * where the pushdown rules replace it with scans whose KQL does more of the query's work; {@link HuntingTableScanRule}
 * then makes it physical, in {@link HuntingRel#CONVENTION}. EXPLAIN prints the KQL.
 */
public class HuntingTableScan extends TableScan implements HuntingRel {
  /**
   * What one request costs the planner, in rows: the service allows 45 hunting calls a minute per tenant, so a
   * request is worth avoiding even at the price of reading many rows more.
   */
  static final double REQUEST_COST = 5_000;

  private final HuntingSqlTable huntingTable;
  private final KqlQuery query;
  private final List<RexNode> parameters;
  private final List<RexNode> supersets;
  private final double selectivity;

  HuntingTableScan(RelOptCluster cluster, RelTraitSet traitSet, RelOptTable table, HuntingSqlTable huntingTable,
      KqlQuery query, List<RexNode> parameters, List<RexNode> supersets, double selectivity) {
    super(cluster, traitSet, List.of(), table);
    this.huntingTable = huntingTable;
    this.query = query;
    this.parameters = List.copyOf(parameters);
    this.supersets = List.copyOf(supersets);
    this.selectivity = selectivity;
  }

  /** A logical scan of every row and column of the table. */
  static HuntingTableScan create(RelOptCluster cluster, RelOptTable table, HuntingSqlTable huntingTable) {
    return new HuntingTableScan(cluster, cluster.traitSetOf(Convention.NONE), table, huntingTable,
        huntingTable.scanQuery(), List.of(), List.of(), 1.0);
  }

  /** Whether this scan is still logical, open to pushdown. */
  public boolean isLogical() {
    return getConvention() == Convention.NONE;
  }

  public HuntingSqlTable huntingTable() {
    return huntingTable;
  }

  /** The KQL this scan sends. */
  public KqlQuery query() {
    return query;
  }

  /** The expressions whose values fill the KQL's slots when the query runs. */
  public List<RexNode> parameters() {
    return parameters;
  }

  /** The conditions the KQL holds only as supersets (checked again above), which must not be pushed again. */
  public List<RexNode> supersets() {
    return supersets;
  }

  private HuntingTableScan with(KqlQuery q, List<RexNode> newParameters, List<RexNode> newSupersets,
      double newSelectivity, RelTraitSet traits) {
    return new HuntingTableScan(getCluster(), traits, table, huntingTable, q, newParameters, newSupersets,
        newSelectivity);
  }

  /** This scan with a predicate ANDed to its {@code where} (over table rows) or to its HAVING. */
  HuntingTableScan withPredicate(KqlText predicate, List<KqlTimeBound> bounds, List<RexNode> newParameters,
      List<RexNode> newSupersets, double predicateSelectivity) {
    final KqlQuery q = query.acceptsWhere() ? query.withWhere(predicate, bounds) : query.withHaving(predicate);
    final List<RexNode> all = new ArrayList<>(supersets);
    all.addAll(newSupersets);
    return with(q, newParameters, all, selectivity * predicateSelectivity, traitSet);
  }

  /**
   * This scan of a derived table with a predicate over its rows ANDed to the {@code where} after its pipeline.
   */
  HuntingTableScan withFilter(KqlText predicate, List<KqlTimeBound> bounds, List<RexNode> newParameters,
      List<RexNode> newSupersets, double predicateSelectivity) {
    final List<RexNode> all = new ArrayList<>(supersets);
    all.addAll(newSupersets);
    return with(query.withFilter(predicate, bounds), newParameters, all, selectivity * predicateSelectivity,
        traitSet);
  }

  /** This scan aggregated by the service. */
  HuntingTableScan withSummarize(KqlQuery.Summarize summarize) {
    return with(query.withSummarize(summarize), parameters, List.of(), selectivity, traitSet);
  }

  /** This scan limited by the service ({@code top} or {@code take}), delivering rows in the given collation. */
  HuntingTableScan withLimit(List<KqlQuery.SortKey> keys, int n, RelCollation collation) {
    return with(query.withLimit(keys, n), parameters, supersets, selectivity, traitSet.replace(collation));
  }

  /**
   * This scan returning only the given columns of its own, in their order: {@code kept} holds their positions
   * among this scan's columns, ascending.
   */
  HuntingTableScan withColumns(ImmutableBitSet kept) {
    final List<KqlColumn> columns = query.columns();
    final List<KqlColumn> narrowed = new ArrayList<>();
    final Mappings.TargetMapping mapping =
        Mappings.create(MappingType.INVERSE_SURJECTION, columns.size(), kept.cardinality());
    for (int i : kept) {
      mapping.set(i, narrowed.size());
      narrowed.add(columns.get(i));
    }
    final List<RexNode> remapped = new ArrayList<>();
    for (RexNode e : supersets) {
      if (kept.contains(RelOptUtil.InputFinder.bits(e))) {
        remapped.add(e.accept(new RexPermuteInputsShuttle(mapping, this)));
      }
    }
    return with(query.withColumns(narrowed), parameters, remapped, selectivity, traitSet);
  }

  /**
   * Narrows the scan to the fields a query uses when Calcite trims unused fields, before the rules run, so that
   * every query shape asks the service for only the columns it reads.
   */
  @Override public RelNode project(ImmutableBitSet fieldsUsed, Set<RelDataTypeField> extraFields,
      RelBuilder relBuilder) {
    final int width = query.columns().size();
    if (!huntingTable.pushdown() || !extraFields.isEmpty() || fieldsUsed.cardinality() == width
        || getTraitSet().getCollation() != null && !getTraitSet().getCollation().getFieldCollations().isEmpty()) {
      return super.project(fieldsUsed, extraFields, relBuilder);
    }
    if (fieldsUsed.isEmpty()) {
      // A count(*) needs rows but no values: read one column (the time, which every event has), project it away.
      final int time = indexOf(huntingTable.table().timeColumn());
      return relBuilder.push(withColumns(ImmutableBitSet.of(Math.max(0, time)))).project(List.of()).build();
    }
    return withColumns(fieldsUsed);
  }

  private int indexOf(String name) {
    for (int i = 0; i < query.columns().size(); i++) {
      if (query.columns().get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  @Override public RelNode copy(RelTraitSet traits, List<RelNode> inputs) {
    return with(query, parameters, supersets, selectivity, traits);
  }

  @Override public RelDataType deriveRowType() {
    return HuntingTypes.rowType(getCluster().getTypeFactory(), query.columns());
  }

  /** The KQL, and in EXPLAIN (not in the planner's digests) whether the shared cache would answer it now. */
  @Override public RelWriter explainTerms(RelWriter pw) {
    final RelWriter w = super.explainTerms(pw).item("kql", query);
    return pw.getDetailLevel() == SqlExplainLevel.DIGEST_ATTRIBUTES ? w
        : w.item("cache", huntingTable.cacheState(query));
  }

  @Override public double estimateRowCount(RelMetadataQuery mq) {
    double rows = huntingTable.estimatedRows() * selectivity;
    if (query.summarize() != null) {
      rows = query.summarize().keys().isEmpty() ? 1 : Math.max(1, rows / 100);
    }
    if (query.limit() != null) {
      rows = Math.min(rows, query.limit());
    }
    return Math.max(rows, 1);
  }

  @Override public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    final double rows = estimateRowCount(mq);
    final double requests = Math.ceil(rows / huntingTable.maxRows());
    final double columnShare = (double) query.columns().size() / huntingTable.table().columns().size();
    return planner.getCostFactory().makeCost(rows * (0.5 + 0.5 * columnShare) + requests * REQUEST_COST, rows, 0);
  }

  @Override public void register(RelOptPlanner planner) {
    for (var rule : HuntingRules.RULES) {
      planner.addRule(rule);
    }
  }
}
