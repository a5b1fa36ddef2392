package org.defendersql.adapter;

import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.defendersql.adapter.odata.DefenderRequest;
import org.defendersql.adapter.odata.ODataFilter;
import org.defendersql.model.Column;

/**
 * A scan of a Defender table that carries the exact request it will send. Pushdown rules replace it with a
 * scan whose request does more of the query's work; EXPLAIN prints the request.
 */
public class DefenderTableScan extends TableScan implements DefenderRel {
  /** Guess of the share of rows a pushed filter keeps, for costing alone. */
  private static final double FILTER_SELECTIVITY = 0.05;

  private final DefenderTable defenderTable;
  private final DefenderRequest request;
  private final List<RexNode> parameters;

  DefenderTableScan(RelOptCluster cluster, RelTraitSet traitSet, RelOptTable table, DefenderTable defenderTable,
      DefenderRequest request, List<RexNode> parameters) {
    super(cluster, traitSet, List.of(), table);
    this.defenderTable = defenderTable;
    this.request = request;
    this.parameters = List.copyOf(parameters);
    assert getConvention() == DefenderRel.CONVENTION;
  }

  /** A scan of every row and column of the table. */
  static DefenderTableScan create(RelOptCluster cluster, RelOptTable table, DefenderTable defenderTable) {
    return new DefenderTableScan(cluster, cluster.traitSetOf(DefenderRel.CONVENTION), table, defenderTable,
        DefenderRequest.scan(defenderTable.entity(), defenderTable.entity().columns()), List.of());
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

  /** This scan with a filter ANDed to its request. */
  DefenderTableScan withFilter(ODataFilter filter, List<RexNode> newParameters) {
    final ODataFilter combined =
        request.filter() == null ? filter : ODataFilter.join("and", List.of(request.filter(), filter));
    return new DefenderTableScan(getCluster(), traitSet, table, defenderTable, request.withFilter(combined),
        newParameters);
  }

  /** This scan returning only the given columns. */
  DefenderTableScan withColumns(List<Column> columns) {
    return new DefenderTableScan(getCluster(), traitSet, table, defenderTable, request.withColumns(columns),
        parameters);
  }

  /** This scan ordered, limited and offset by the API, delivering rows in the given collation. */
  DefenderTableScan withPage(String orderBy, Integer top, Integer skip, RelCollation collation) {
    return new DefenderTableScan(getCluster(), traitSet.replace(collation), table,
        defenderTable, request.withPage(orderBy, top, skip), parameters);
  }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new DefenderTableScan(getCluster(), traitSet, table, defenderTable, request, parameters);
  }

  @Override public RelDataType deriveRowType() {
    return DefenderTypes.rowType(getCluster().getTypeFactory(), request.columns());
  }

  @Override public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw).item("request", request);
  }

  @Override public double estimateRowCount(RelMetadataQuery mq) {
    double rows = defenderTable.entity().estimatedRows();
    if (request.filter() != null) {
      rows *= FILTER_SELECTIVITY;
    }
    if (request.skip() != null) {
      rows = Math.max(0, rows - request.skip());
    }
    if (request.top() != null) {
      rows = Math.min(rows, request.top());
    }
    return Math.max(rows, 1);
  }

  @Override public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    // Rows cross the network with all their columns: fewer columns make a cheaper scan.
    final double columnShare = (double) request.columns().size() / defenderTable.entity().columns().size();
    return super.computeSelfCost(planner, mq).multiplyBy(0.5 + 0.5 * columnShare);
  }

  @Override public void register(RelOptPlanner planner) {
    for (var rule : DefenderRules.RULES) {
      planner.addRule(rule);
    }
  }
}
