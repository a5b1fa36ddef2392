package org.defendersql.adapter.planner;

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
import org.defendersql.adapter.DefenderTable;
import org.defendersql.adapter.DefenderTypes;
import org.defendersql.adapter.odata.DefenderRequest;
import org.defendersql.adapter.odata.ODataFilter;
import org.defendersql.model.Column;
import org.defendersql.model.Lookup;

/**
 * A scan of a Defender table that carries the exact request it will send. It starts logical
 * ({@link Convention#NONE}), where the pushdown rules replace it with scans whose requests do more of the
 * query's work; {@link DefenderTableScanRule} then makes it physical, in {@link DefenderRel#CONVENTION}. EXPLAIN
 * prints the request.
 */
public class DefenderTableScan extends TableScan implements DefenderRel {
  /**
   * What one request costs the planner, in rows: the APIs allow 100 (Defender) or 150 (Graph) calls a minute, so
   * a request is worth avoiding even at the price of reading many rows more. A scan costs a request per page of
   * the entity's largest {@code $top} (10,000 on the Defender API, 1,000 Graph alerts, 50 Graph incidents).
   */
  static final double REQUEST_COST = 1_000;

  private final DefenderTable defenderTable;
  private final DefenderRequest request;
  private final List<RexNode> parameters;
  private final List<RexNode> supersets;
  private final double selectivity;

  DefenderTableScan(RelOptCluster cluster, RelTraitSet traitSet, RelOptTable table, DefenderTable defenderTable,
      DefenderRequest request, List<RexNode> parameters, List<RexNode> supersets, double selectivity) {
    super(cluster, traitSet, List.of(), table);
    this.defenderTable = defenderTable;
    this.request = request;
    this.parameters = List.copyOf(parameters);
    this.supersets = List.copyOf(supersets);
    this.selectivity = selectivity;
    assert getConvention() == Convention.NONE || getConvention() == DefenderRel.CONVENTION;
  }

  /** A logical scan of every row and column of the table. */
  public static DefenderTableScan create(RelOptCluster cluster, RelOptTable table, DefenderTable defenderTable) {
    return new DefenderTableScan(cluster, cluster.traitSetOf(Convention.NONE), table, defenderTable,
        DefenderRequest.scan(defenderTable.entity(), defenderTable.entity().columns()), List.of(), List.of(), 1.0);
  }

  /** Whether this scan is still logical, open to pushdown. */
  public boolean isLogical() {
    return getConvention() == Convention.NONE;
  }

  /** The table read. */
  public DefenderTable defenderTable() {
    return defenderTable;
  }

  /** The request this scan sends. */
  public DefenderRequest request() {
    return request;
  }

  /** The expressions whose values fill the filter's slots when the query runs. */
  public List<RexNode> parameters() {
    return parameters;
  }

  /**
   * The conditions this scan's filter holds only as supersets (checked again above the scan), which must not be
   * pushed a second time.
   */
  public List<RexNode> supersets() {
    return supersets;
  }

  /** This scan with a filter ANDed to its request. */
  DefenderTableScan withFilter(ODataFilter filter, List<RexNode> newParameters, List<RexNode> newSupersets,
      double filterSelectivity) {
    final ODataFilter combined =
        request.filter() == null ? filter : ODataFilter.join("and", List.of(request.filter(), filter));
    final List<RexNode> allSupersets = new java.util.ArrayList<>(supersets);
    allSupersets.addAll(newSupersets);
    return new DefenderTableScan(getCluster(), traitSet, table, defenderTable, request.withFilter(combined),
        newParameters, allSupersets, selectivity * filterSelectivity);
  }

  /**
   * This scan returning only the given columns of its own, in their order: {@code kept} holds their positions
   * among this scan's columns, ascending.
   */
  DefenderTableScan withColumns(ImmutableBitSet kept) {
    final List<Column> columns = request.columns();
    final List<Column> narrowed = new ArrayList<>();
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
    return new DefenderTableScan(getCluster(), traitSet, table, defenderTable, request.withColumns(narrowed),
        parameters, remapped, selectivity);
  }

  /**
   * Narrows the scan to the fields a query uses when Calcite trims unused fields, before the rules run, so that
   * every query shape (aggregates, sorts, joins) requests only the properties it reads.
   */
  @Override public RelNode project(ImmutableBitSet fieldsUsed, Set<RelDataTypeField> extraFields,
      RelBuilder relBuilder) {
    if (!defenderTable.pushdown() || !extraFields.isEmpty() || fieldsUsed.cardinality() == request.columns().size()) {
      return super.project(fieldsUsed, extraFields, relBuilder);
    }
    if (fieldsUsed.isEmpty()) {
      // A count(*) needs rows but no values: read the key alone, and project it away.
      final int key = Math.max(0, request.columns().indexOf(defenderTable.entity().key()));
      return relBuilder.push(withColumns(ImmutableBitSet.of(key))).project(List.of()).build();
    }
    return withColumns(fieldsUsed);
  }

  /** This scan through a keyed endpoint, one request per key, the literal ones and those of parameters. */
  DefenderTableScan withLookup(Lookup lookup, List<String> keys, List<RexNode> keyParameters) {
    return withLookup(lookup, keys, keyParameters, java.util.Map.of());
  }

  /**
   * The same, with the path's other parameters known only at execution ({@code seen_at = ?}): their expressions
   * join the scan's execution values, and the lookup names their slots.
   */
  DefenderTableScan withLookup(Lookup lookup, List<String> keys, List<RexNode> keyParameters,
      java.util.Map<String, RexNode> pathParameters) {
    final List<RexNode> all = new ArrayList<>(parameters);
    final List<Integer> slots = new ArrayList<>();
    for (RexNode p : keyParameters) {
      slots.add(all.size());
      all.add(p);
    }
    Lookup withSlots = lookup;
    for (java.util.Map.Entry<String, RexNode> p : pathParameters.entrySet()) {
      withSlots = withSlots.withSlot(p.getKey(), all.size());
      all.add(p.getValue());
    }
    return new DefenderTableScan(getCluster(), traitSet, table, defenderTable,
        request.withLookup(withSlots, keys, slots), all, supersets, selectivity);
  }

  /** This scan ordered, limited and offset by the API, delivering rows in the given collation. */
  DefenderTableScan withPage(String orderBy, Integer top, Integer skip, RelCollation collation) {
    return withPage(orderBy, top, skip, null, null, collation);
  }

  /** The same, with the limit and the offset (where not given) the values of parameters ({@code LIMIT ?}). */
  DefenderTableScan withPage(String orderBy, Integer top, Integer skip, RexNode topValue, RexNode skipValue,
      RelCollation collation) {
    final List<RexNode> all = new ArrayList<>(parameters);
    final Integer topSlot = topValue == null ? null : all.size();
    if (topValue != null) {
      all.add(topValue);
    }
    final Integer skipSlot = skipValue == null ? null : all.size();
    if (skipValue != null) {
      all.add(skipValue);
    }
    final DefenderRequest paged = topValue == null && skipValue == null ? request.withPage(orderBy, top, skip)
        : request.withPage(orderBy, top, skip, new DefenderRequest.PageSlots(topSlot, skipSlot));
    return new DefenderTableScan(getCluster(), traitSet.replace(collation), table, defenderTable, paged, all,
        supersets, selectivity);
  }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new DefenderTableScan(getCluster(), traitSet, table, defenderTable, request, parameters, supersets,
        selectivity);
  }

  @Override public RelDataType deriveRowType() {
    return DefenderTypes.rowType(getCluster().getTypeFactory(), request.columns());
  }

  /**
   * The request, and in EXPLAIN (not in the planner's digests, which must not change with the cache) whether the
   * shared cache would answer it now.
   */
  @Override public RelWriter explainTerms(RelWriter pw) {
    final RelWriter w = super.explainTerms(pw).item("request", request);
    return pw.getDetailLevel() == SqlExplainLevel.DIGEST_ATTRIBUTES ? w
        : w.item("cache", defenderTable.cacheState(request));
  }

  @Override public double estimateRowCount(RelMetadataQuery mq) {
    if (request.lookup() != null) {
      final int keys = request.keys().size() + request.keySlots().size();
      return Math.max(1, keys * (request.lookup().single() ? 1 : 10));
    }
    double rows = defenderTable.entity().estimatedRows();
    rows *= selectivity;
    if (request.skip() != null) {
      rows = Math.max(0, rows - request.skip());
    }
    if (request.top() != null) {
      rows = Math.min(rows, request.top());
    }
    return Math.max(rows, 1);
  }

  @Override public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    if (!request.isReadable()) {
      // No list endpoint and no key: any plan with a key is better; failing that, the execution explains.
      return planner.getCostFactory().makeHugeCost();
    }
    final double requests = request.lookup() != null ? request.keys().size() + request.keySlots().size()
        : Math.ceil(estimateRowCount(mq) / defenderTable.entity().maxTop());
    final double columnShare = (double) request.columns().size() / defenderTable.entity().columns().size();
    final double rows = estimateRowCount(mq);
    return planner.getCostFactory().makeCost(rows * (0.5 + 0.5 * columnShare) + requests * REQUEST_COST, rows, 0);
  }

  @Override public void register(RelOptPlanner planner) {
    for (var rule : DefenderRules.RULES) {
      planner.addRule(rule);
    }
  }
}
