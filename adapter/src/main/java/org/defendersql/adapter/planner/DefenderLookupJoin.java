package org.defendersql.adapter.planner;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.defendersql.adapter.DefenderTable;
import org.defendersql.adapter.odata.DefenderRequest;
import org.defendersql.model.Lookup;

/**
 * A join whose other side supplies the keys of a Defender table's keyed endpoint: the other side's rows are read
 * first, their distinct keys looked up (one request each), and the rows joined in memory. Beyond
 * {@code maxLookups} keys the table is scanned instead when it can be, and the query refused (before any lookup)
 * when it cannot. This is how a CSV file of hashes or a JDBC inventory of
 * machines drives lookups instead of a scan.
 */
public class DefenderLookupJoin extends SingleRel implements EnumerableRel {
  private final DefenderTable table;
  private final DefenderRequest request;
  private final Lookup lookup;
  private final int leftKey;
  private final int rightKey;
  private final JoinRelType joinType;
  private final RelDataType joinRowType;

  DefenderLookupJoin(RelOptCluster cluster, RelTraitSet traits, RelNode left, DefenderTable table,
      DefenderRequest request, Lookup lookup, int leftKey, int rightKey, JoinRelType joinType,
      RelDataType joinRowType) {
    super(cluster, traits, left);
    this.table = table;
    this.request = request;
    this.lookup = lookup;
    this.leftKey = leftKey;
    this.rightKey = rightKey;
    this.joinType = joinType;
    this.joinRowType = joinRowType;
  }

  @Override protected RelDataType deriveRowType() {
    return joinRowType;
  }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new DefenderLookupJoin(getCluster(), traitSet, sole(inputs), table, request, lookup, leftKey, rightKey,
        joinType, joinRowType);
  }

  @Override public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw).item("joinType", joinType.lowerName)
        .item("lookup", "GET " + lookup.pathTemplate() + " per distinct " + lookup.keyColumn() + " from $"
            + leftKey)
        .item("request", request);
  }

  @Override public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    // One request per left row at worst (keys repeat less often than not).
    final double left = mq.getRowCount(getInput());
    return planner.getCostFactory().makeCost(left * DefenderTableScan.REQUEST_COST, left, 0);
  }

  @Override public double estimateRowCount(RelMetadataQuery mq) {
    return mq.getRowCount(getInput()) * (lookup.single() ? 1 : 10);
  }

  @Override public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    final BlockBuilder block = new BlockBuilder();
    final Result left = implementor.visitChild(this, 0, (EnumerableRel) getInput(), Prefer.ARRAY);
    final Expression leftRows = block.append("left", left.block);
    final Expression leftArrays = block.append("leftArrays", left.physType.convertTo(leftRows, JavaRowFormat.ARRAY));
    final PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY);
    block.add(Expressions.return_(null, Expressions.call(
        Types.lookupMethod(DefenderLookupJoin.class, "join", Enumerable.class, DefenderTable.class,
            DefenderRequest.class, int.class, int.class, boolean.class, DataContext.class),
        leftArrays, implementor.stash(table, DefenderTable.class),
        implementor.stash(request.withLookup(lookup, List.of()), DefenderRequest.class),
        Expressions.constant(leftKey), Expressions.constant(rightKey),
        Expressions.constant(joinType == JoinRelType.LEFT), DataContext.ROOT)));
    return implementor.result(physType, block.toBlock());
  }

  /**
   * Runs the join: reads the left rows, looks up their distinct keys, and returns left fields then right fields
   * for every match (and, for a left join, left rows without one padded with nulls).
   */
  public static Enumerable<Object[]> join(Enumerable<Object[]> left, DefenderTable table, DefenderRequest request,
      int leftKey, int rightKey, boolean leftOuter, DataContext root) {
    final List<Object[]> leftRows = new ArrayList<>();
    final Set<String> keys = new LinkedHashSet<>();
    try (Enumerator<Object[]> e = left.enumerator()) {
      while (e.moveNext()) {
        final Object[] row = e.current();
        leftRows.add(row);
        final Object k = row[leftKey];
        if (k != null && request.lookup().accepts(k.toString())) {
          keys.add(k.toString());
        }
      }
    }
    // More keys than lookups allowed: a table with a list endpoint is read whole instead (a few pages rather
    // than a request per key); one without is refused by the access policy, before any request.
    final DefenderRequest keyed = keys.size() > table.maxLookups() && table.entity().isScannable()
        ? DefenderRequest.scan(table.entity(), request.columns())
        : request.withLookup(request.lookup(), new ArrayList<>(keys));
    final Map<Object, List<Object[]>> byKey = new HashMap<>();
    final int width = request.columns().size();
    try (Enumerator<Object> e = table.query(keyed, r -> new Object[0], root).enumerator()) {
      while (e.moveNext()) {
        final Object o = e.current();
        final Object[] row = width == 1 ? new Object[] {o} : (Object[]) o;
        byKey.computeIfAbsent(row[rightKey], k -> new ArrayList<>()).add(row);
      }
    }
    final List<Object[]> out = new ArrayList<>();
    for (Object[] l : leftRows) {
      final List<Object[]> matches = l[leftKey] == null ? null : byKey.get(l[leftKey]);
      if (matches == null) {
        if (leftOuter) {
          out.add(concat(l, new Object[width]));
        }
        continue;
      }
      for (Object[] r : matches) {
        out.add(concat(l, r));
      }
    }
    return Linq4j.asEnumerable(out);
  }

  private static Object[] concat(Object[] a, Object[] b) {
    final Object[] row = new Object[a.length + b.length];
    System.arraycopy(a, 0, row, 0, a.length);
    System.arraycopy(b, 0, row, a.length, b.length);
    return row;
  }
}
