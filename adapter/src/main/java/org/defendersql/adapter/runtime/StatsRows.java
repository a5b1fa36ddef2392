package org.defendersql.adapter.runtime;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.linq4j.Enumerator;
import org.defendersql.adapter.odata.DefenderRequest;
import org.defendersql.model.Column;
import org.defendersql.model.Lookup;
import org.defendersql.model.Origin;

/**
 * Adds an entity's statistics ({@code GET /api/files/{sha1}/stats}) to its rows, one request per row, and only
 * when the query reads a statistics column: the rows are read with the key column too, then each row's
 * statistics fill its statistics columns.
 */
public final class StatsRows implements Enumerator<Object[]> {
  private final Enumerator<Object[]> rows;
  private final LookupRows.Reader reader;
  private final DefenderRequest statsRequest;
  private final List<Column> columns;
  private final int keyIndex;
  private final int[] statsIndexes;
  private Object[] current;

  private StatsRows(Enumerator<Object[]> rows, LookupRows.Reader reader, DefenderRequest statsRequest,
      List<Column> columns, int keyIndex, int[] statsIndexes) {
    this.rows = rows;
    this.reader = reader;
    this.statsRequest = statsRequest;
    this.columns = columns;
    this.keyIndex = keyIndex;
    this.statsIndexes = statsIndexes;
  }

  /** The request's rows, with statistics when it reads any; else the rows as they are. */
  public static Enumerator<Object[]> of(DefenderRequest request, LookupRows.Reader reader,
      java.util.function.Function<DefenderRequest, Enumerator<Object[]>> rowsOf) {
    final String statsPath = request.entity().statsPath();
    final List<Column> stats = request.columns().stream().filter(c -> c.origin() == Origin.STATS).toList();
    if (statsPath == null || stats.isEmpty()) {
      return rowsOf.apply(request);
    }
    final Column key = request.entity().key();
    final List<Column> columns = new ArrayList<>(request.columns());
    if (!columns.contains(key)) {
      columns.add(key);
    }
    final List<Column> statsColumns = stats.stream().map(c -> c.from(Origin.PROPERTY)).toList();
    final DefenderRequest statsRequest = DefenderRequest.scan(request.entity(), statsColumns)
        .withLookup(new Lookup(statsPath, key.sqlName(), true, ".*"), List.of());
    final int[] indexes = new int[stats.size()];
    for (int i = 0; i < stats.size(); i++) {
      indexes[i] = request.columns().indexOf(stats.get(i));
    }
    return new StatsRows(rowsOf.apply(request.withColumns(columns)), reader, statsRequest,
        request.columns(), columns.indexOf(key), indexes);
  }

  @Override public Object[] current() {
    return current;
  }

  @Override public boolean moveNext() {
    if (!rows.moveNext()) {
      return false;
    }
    final Object[] wide = rows.current();
    final Object[] row = new Object[columns.size()];
    System.arraycopy(wide, 0, row, 0, row.length);
    final Object key = wide[keyIndex];
    if (key != null) {
      try (Enumerator<Object[]> stats = reader.read(statsRequest.forKey(key.toString()))) {
        if (stats.moveNext()) {
          final Object[] s = stats.current();
          for (int i = 0; i < statsIndexes.length; i++) {
            row[statsIndexes[i]] = s[i];
          }
        }
      }
    }
    current = row;
    return true;
  }

  @Override public void reset() {
    throw new UnsupportedOperationException("reset");
  }

  @Override public void close() {
    rows.close();
  }
}
