package org.defendersql.adapter;

import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.defendersql.adapter.odata.DefenderRequest;

/**
 * A scan of a Defender table that carries the exact request it will send. Pushdown rules replace it with a
 * scan whose request does more of the query's work; EXPLAIN prints the request.
 */
public class DefenderTableScan extends TableScan implements DefenderRel {
  private final DefenderTable defenderTable;
  private final DefenderRequest request;

  DefenderTableScan(RelOptCluster cluster, RelTraitSet traitSet, RelOptTable table, DefenderTable defenderTable,
      DefenderRequest request) {
    super(cluster, traitSet, List.of(), table);
    this.defenderTable = defenderTable;
    this.request = request;
    assert getConvention() == DefenderRel.CONVENTION;
  }

  /** A scan of every row and column of the table. */
  static DefenderTableScan create(RelOptCluster cluster, RelOptTable table, DefenderTable defenderTable) {
    return new DefenderTableScan(cluster, cluster.traitSetOf(DefenderRel.CONVENTION), table, defenderTable,
        DefenderRequest.scan(defenderTable.entity(), defenderTable.entity().columns()));
  }

  /** The table read. */
  public DefenderTable defenderTable() {
    return defenderTable;
  }

  /** The request this scan sends. */
  public DefenderRequest request() {
    return request;
  }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new DefenderTableScan(getCluster(), traitSet, table, defenderTable, request);
  }

  @Override public RelDataType deriveRowType() {
    return DefenderTypes.rowType(getCluster().getTypeFactory(), request.columns());
  }

  @Override public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw).item("request", request);
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
