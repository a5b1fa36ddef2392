package org.defendersql.adapter.planner;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.NlsString;
import org.defendersql.adapter.odata.DefenderRequest;
import org.defendersql.adapter.odata.ODataLiterals;
import org.defendersql.model.Column;
import org.defendersql.model.Entity;
import org.defendersql.model.Lookup;

/**
 * Chooses a keyed endpoint for a scan when the condition gives its key: {@code key = 'v'} or
 * {@code key IN ('v', 'w')} — one request per distinct key instead of a scan, or instead of nothing where the
 * table has no list endpoint. The cheapest access path wins: one key is read from its own endpoint
 * ({@code GET /api/alerts/{id}}) even when the key is filterable, while several keys that {@code $filter} can
 * take go in one filtered request rather than one request each. Values that cannot be keys (a malformed hash, or
 * anything that would not be one harmless path segment, see {@link Lookup#accepts}) are not sent, as they cannot
 * match.
 */
final class DefenderLookups {
  /**
   * The endpoint chosen, its literal key values, the execution-time values ({@code ?}) that are keys too, and the
   * execution-time values of the path's other parameters by column ({@code seen_at = ?}), written in when it runs.
   */
  record Choice(Lookup lookup, List<String> keys, List<RexNode> keyParameters,
      java.util.Map<String, RexNode> pathParameters) {
  }

  private DefenderLookups() {
  }

  /** The lookup to use for a scan under this condition (over the request's columns), or null. */
  static Choice choose(RexNode condition, DefenderRequest request, RexBuilder rexBuilder) {
    return choose(condition, request.entity(), request.columns(), request.expand() != null, rexBuilder);
  }

  /**
   * The lookup to use for a scan of the entity under this condition, or null.
   *
   * @param columns  the columns the condition's input references index
   * @param expands  whether the scan expands a property (evidence), which keyed collections do not
   */
  static Choice choose(RexNode condition, Entity entity, List<Column> columns, boolean expands,
      RexBuilder rexBuilder) {
    for (Lookup template : entity.lookups()) {
      final int index = indexOf(columns, template.keyColumn());
      if (index < 0) {
        continue;
      }
      final java.util.Map<String, RexNode> later = new java.util.LinkedHashMap<>();
      final Lookup lookup = withParameters(template, condition, columns, later);
      if (lookup == null) {
        continue; // a parameter of the path (findbyip's time) is not given by an equality
      }
      if (expands && !lookup.single()) {
        continue; // keyed collections do not expand evidence
      }
      final boolean filterable = entity.isScannable() && !columns.get(index).filterOps().isEmpty();
      for (RexNode conjunct : RelOptUtil.conjunctions(condition)) {
        final List<RexNode> values = keyValues(conjunct, index, rexBuilder);
        if (values == null) {
          continue;
        }
        final Set<String> keys = new LinkedHashSet<>();
        final List<RexNode> parameters = new ArrayList<>();
        for (RexNode v : values) {
          if (v instanceof RexLiteral lit) {
            final String s = ((NlsString) lit.getValue()).getValue();
            if (lookup.accepts(s)) {
              keys.add(s);
            }
          } else {
            parameters.add(v);
          }
        }
        if (filterable && keys.size() + parameters.size() > 1) {
          break; // $filter takes every key in one request
        }
        return new Choice(lookup, new ArrayList<>(keys), parameters, later);
      }
    }
    return null;
  }

  /**
   * The lookup with its other parameters (findbyip's {@code seen_at}) written into its path from the condition's
   * equalities with timestamp literals; an equality with a value known only at execution ({@code ?},
   * {@code CURRENT_TIMESTAMP - INTERVAL '1' DAY}) goes into {@code later}, to be written in when the scan runs. Null
   * when a parameter is not given by an equality. A lookup without any is returned as it is.
   */
  private static Lookup withParameters(Lookup lookup, RexNode condition, List<Column> columns,
      java.util.Map<String, RexNode> later) {
    Lookup bound = lookup;
    for (String parameter : lookup.parameters()) {
      final int index = indexOf(columns, parameter);
      RexNode value = null;
      for (RexNode conjunct : RelOptUtil.conjunctions(condition)) {
        if (index >= 0 && conjunct.getKind() == SqlKind.EQUALS) {
          final List<RexNode> operands = ((RexCall) conjunct).getOperands();
          final RexNode v = timestamp(operands.get(0), operands.get(1), index);
          value = v != null ? v : timestamp(operands.get(1), operands.get(0), index);
          if (value != null) {
            break;
          }
        }
      }
      if (value == null) {
        return null;
      }
      if (value instanceof RexLiteral lit) {
        final long millis = lit.getValueAs(Long.class);
        bound = bound.withParameter(parameter, ODataLiterals.dateTime(millis), millis);
      } else {
        later.put(parameter, value);
      }
    }
    return bound;
  }

  /**
   * The timestamp (milliseconds at most) compared with the column at {@code index}: a literal, or an expression of
   * no column whose value comes at execution; else null.
   */
  private static RexNode timestamp(RexNode ref, RexNode other, int index) {
    if (!(ref instanceof RexInputRef r) || r.getIndex() != index
        || other.getType().getSqlTypeName() != SqlTypeName.TIMESTAMP || other.getType().getPrecision() > 3) {
      return null;
    }
    if (other instanceof RexLiteral lit) {
      return lit.getValue() != null ? lit : null;
    }
    return RelOptUtil.InputFinder.bits(other).isEmpty() && !RexUtil.containsFieldAccess(other) ? other : null;
  }

  /**
   * The values {@code conjunct} allows the column at {@code index} (string literals, or {@code ?} parameters), or
   * null if it does not pin them down.
   */
  private static List<RexNode> keyValues(RexNode conjunct, int index, RexBuilder rexBuilder) {
    final RexNode e = conjunct.getKind() == SqlKind.SEARCH ? RexUtil.expandSearch(rexBuilder, null, conjunct)
        : conjunct;
    final List<RexNode> values = new ArrayList<>();
    for (RexNode disjunct : RelOptUtil.disjunctions(e)) {
      if (disjunct.getKind() != SqlKind.EQUALS) {
        return null;
      }
      final List<RexNode> operands = ((RexCall) disjunct).getOperands();
      final RexNode v = value(operands.get(0), operands.get(1), index);
      final RexNode w = v != null ? v : value(operands.get(1), operands.get(0), index);
      if (w == null) {
        return null;
      }
      values.add(w);
    }
    return values;
  }

  private static RexNode value(RexNode ref, RexNode other, int index) {
    if (!(ref instanceof RexInputRef r) || r.getIndex() != index) {
      return null;
    }
    if (other instanceof RexLiteral lit && lit.getValue() instanceof NlsString) {
      return lit;
    }
    if (other instanceof RexDynamicParam p && SqlTypeName.CHAR_TYPES.contains(p.getType().getSqlTypeName())) {
      return p;
    }
    return null;
  }

  private static int indexOf(List<Column> columns, String sqlName) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).sqlName().equals(sqlName)) {
        return i;
      }
    }
    return -1;
  }
}
