package org.defendersql.emulator.kql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.defendersql.model.hunting.HuntingColumn;
import org.defendersql.model.hunting.HuntingTable;
import org.defendersql.model.hunting.KqlType;

/**
 * The schema of {@code union} (Kusto's default {@code kind=outer}) and where each table's columns go in it: every
 * column of any table, in order of first appearance, one per name and type. A name that has one type in every table
 * that has it is one column; a name with several types is a column per type, named {@code name_type} (e.g.
 * {@code Port_long}, {@code Port_string}). Cells a table's rows do not define are null, empty for strings (KQL
 * strings are never null).
 */
final class Placement {
  private final List<KqlColumn> columns;
  /** Per table, the union column of each of its columns. */
  private final List<int[]> targets;
  private final Object[] blank;

  private Placement(List<KqlColumn> columns, List<int[]> targets) {
    this.columns = List.copyOf(columns);
    this.targets = List.copyOf(targets);
    this.blank = new Object[columns.size()];
    for (int i = 0; i < blank.length; i++) {
      blank[i] = columns.get(i).type() == KqlType.STRING ? "" : null;
    }
  }

  static Placement of(List<HuntingTable> tables) {
    final Map<String, List<KqlType>> types = new LinkedHashMap<>();
    for (HuntingTable t : tables) {
      for (HuntingColumn c : t.columns()) {
        final List<KqlType> seen = types.computeIfAbsent(c.name(), n -> new ArrayList<>());
        if (!seen.contains(c.type())) {
          seen.add(c.type());
        }
      }
    }
    final List<KqlColumn> columns = new ArrayList<>();
    for (Map.Entry<String, List<KqlType>> e : types.entrySet()) {
      for (KqlType type : e.getValue()) {
        columns.add(new KqlColumn(e.getValue().size() == 1 ? e.getKey() : e.getKey() + "_" + type.kqlName(), type));
      }
    }
    final List<int[]> targets = new ArrayList<>();
    for (HuntingTable t : tables) {
      final int[] at = new int[t.columns().size()];
      for (int i = 0; i < at.length; i++) {
        final HuntingColumn c = t.columns().get(i);
        final List<KqlType> named = types.get(c.name());
        final String name = named.size() == 1 ? c.name() : c.name() + "_" + c.type().kqlName();
        at[i] = indexOf(columns, name);
      }
      targets.add(at);
    }
    return new Placement(columns, targets);
  }

  private static int indexOf(List<KqlColumn> columns, String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalStateException("no union column " + name);
  }

  /** The union's columns. */
  List<KqlColumn> columns() {
    return columns;
  }

  /** The rows of the {@code table}-th table as rows of the union. */
  Stream<Object[]> place(int table, Stream<Object[]> rows) {
    final int[] at = targets.get(table);
    return rows.map(r -> {
      final Object[] out = blank.clone();
      for (int i = 0; i < at.length; i++) {
        out[at[i]] = r[i];
      }
      return out;
    });
  }
}
