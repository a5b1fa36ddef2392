package org.defendersql.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The columns of the {@code DatabaseMetaData} result sets defender-sql answers from its catalogue, written out here
 * from the JDBC 4.3 javadoc of each method (names in order; String as VARCHAR, short as SMALLINT, boolean as
 * BOOLEAN, long as BIGINT) rather than taken from the server's code, and the order JDBC sorts their rows in. For
 * this module's tests and client-tests.
 */
public final class JdbcResultShapes {
  /** {@code getPrimaryKeys}, ordered by COLUMN_NAME. */
  public static final Map<String, Integer> PRIMARY_KEYS = shape("TABLE_CAT", Types.VARCHAR, "TABLE_SCHEM",
      Types.VARCHAR, "TABLE_NAME", Types.VARCHAR, "COLUMN_NAME", Types.VARCHAR, "KEY_SEQ", Types.SMALLINT,
      "PK_NAME", Types.VARCHAR);

  /** {@code getImportedKeys}, {@code getExportedKeys} and {@code getCrossReference}. */
  public static final Map<String, Integer> KEYS = shape("PKTABLE_CAT", Types.VARCHAR, "PKTABLE_SCHEM",
      Types.VARCHAR, "PKTABLE_NAME", Types.VARCHAR, "PKCOLUMN_NAME", Types.VARCHAR, "FKTABLE_CAT", Types.VARCHAR,
      "FKTABLE_SCHEM", Types.VARCHAR, "FKTABLE_NAME", Types.VARCHAR, "FKCOLUMN_NAME", Types.VARCHAR, "KEY_SEQ",
      Types.SMALLINT, "UPDATE_RULE", Types.SMALLINT, "DELETE_RULE", Types.SMALLINT, "FK_NAME", Types.VARCHAR,
      "PK_NAME", Types.VARCHAR, "DEFERRABILITY", Types.SMALLINT);

  /** {@code getIndexInfo}, ordered by NON_UNIQUE, TYPE, INDEX_NAME, ORDINAL_POSITION. */
  public static final Map<String, Integer> INDEX_INFO = shape("TABLE_CAT", Types.VARCHAR, "TABLE_SCHEM",
      Types.VARCHAR, "TABLE_NAME", Types.VARCHAR, "NON_UNIQUE", Types.BOOLEAN, "INDEX_QUALIFIER", Types.VARCHAR,
      "INDEX_NAME", Types.VARCHAR, "TYPE", Types.SMALLINT, "ORDINAL_POSITION", Types.SMALLINT, "COLUMN_NAME",
      Types.VARCHAR, "ASC_OR_DESC", Types.VARCHAR, "CARDINALITY", Types.BIGINT, "PAGES", Types.BIGINT,
      "FILTER_CONDITION", Types.VARCHAR);

  /** {@code getFunctions}, ordered by FUNCTION_CAT, FUNCTION_SCHEM, FUNCTION_NAME, SPECIFIC_NAME. */
  public static final Map<String, Integer> FUNCTIONS = shape("FUNCTION_CAT", Types.VARCHAR, "FUNCTION_SCHEM",
      Types.VARCHAR, "FUNCTION_NAME", Types.VARCHAR, "REMARKS", Types.VARCHAR, "FUNCTION_TYPE", Types.SMALLINT,
      "SPECIFIC_NAME", Types.VARCHAR);

  /** JDBC's row orders. */
  public static final List<String> PRIMARY_KEYS_ORDER = List.of("COLUMN_NAME");
  public static final List<String> IMPORTED_KEYS_ORDER = List.of("PKTABLE_CAT", "PKTABLE_SCHEM", "PKTABLE_NAME",
      "KEY_SEQ");
  public static final List<String> EXPORTED_KEYS_ORDER = List.of("FKTABLE_CAT", "FKTABLE_SCHEM", "FKTABLE_NAME",
      "KEY_SEQ");
  public static final List<String> INDEX_INFO_ORDER = List.of("NON_UNIQUE", "TYPE", "INDEX_NAME",
      "ORDINAL_POSITION");
  public static final List<String> FUNCTIONS_ORDER = List.of("FUNCTION_CAT", "FUNCTION_SCHEM", "FUNCTION_NAME",
      "SPECIFIC_NAME");

  private JdbcResultShapes() {
  }

  private static Map<String, Integer> shape(Object... nameThenType) {
    final Map<String, Integer> m = new LinkedHashMap<>();
    for (int i = 0; i < nameThenType.length; i += 2) {
      m.put((String) nameThenType[i], (Integer) nameThenType[i + 1]);
    }
    return m;
  }

  /**
   * Reads a result set whole, checking that its columns are exactly the shape's (names, order, types) and its
   * rows sorted as {@code order} says; returns the rows by column name.
   */
  public static List<Map<String, Object>> read(ResultSet rs, Map<String, Integer> shape, List<String> order)
      throws SQLException {
    try (ResultSet r = rs) {
      final ResultSetMetaData md = r.getMetaData();
      final Map<String, Integer> got = new LinkedHashMap<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        got.put(md.getColumnLabel(i), md.getColumnType(i));
      }
      assertEquals(shape, got, "columns of the result set (name=java.sql.Types code)");
      final List<Map<String, Object>> rows = new ArrayList<>();
      while (r.next()) {
        final Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          row.put(md.getColumnLabel(i), r.getObject(i));
        }
        rows.add(row);
      }
      assertSorted(rows, order);
      return rows;
    }
  }

  /** Fails unless the rows are in the order of these columns (nulls first, as no catalog sorts anywhere). */
  public static void assertSorted(List<Map<String, Object>> rows, List<String> order) {
    Comparator<Map<String, Object>> c = (a, b) -> 0;
    for (String column : order) {
      c = c.thenComparing(r -> comparable(r.get(column)), Comparator.nullsFirst(Comparator.naturalOrder()));
    }
    final List<Map<String, Object>> sorted = new ArrayList<>(rows);
    sorted.sort(c);
    assertEquals(sorted, rows, "rows sorted by " + order);
  }

  @SuppressWarnings("unchecked")
  private static Comparable<Object> comparable(Object value) {
    return (Comparable<Object>) value;
  }
}
