package org.defendersql.server.metadata;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.sql.DatabaseMetaData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.AvaticaUtils;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.MetaImpl;

/**
 * Reads and writes the rows of Avatica metadata result sets by column name. The server's metadata answers carry
 * all their rows in the first frame, so they can be rewritten before they leave; answers Avatica's server does
 * not make at all (keys, functions) get the columns of Avatica's own row classes, as its client expects.
 */
final class MetaFrames {
  private MetaFrames() {
  }

  /** The rows of an answer, each a map from column name to value; fails on an answer not wholly in one frame. */
  static List<Map<String, Object>> rows(Meta.MetaResultSet answer) {
    if (answer.firstFrame == null || !answer.firstFrame.done) {
      throw new IllegalStateException("metadata answer not in one frame");
    }
    final List<ColumnMetaData> columns = answer.signature.columns;
    final List<Map<String, Object>> rows = new ArrayList<>();
    for (Object row : answer.firstFrame.rows) {
      final Map<String, Object> map = new LinkedHashMap<>();
      for (int i = 0; i < columns.size(); i++) {
        map.put(columns.get(i).columnName, value(row, i));
      }
      rows.add(map);
    }
    return rows;
  }

  /** The answer with other rows, in the same columns, statement and signature. */
  static Meta.MetaResultSet withRows(Meta.MetaResultSet answer, List<Map<String, Object>> rows) {
    return Meta.MetaResultSet.create(answer.connectionId, answer.statementId, answer.ownStatement,
        answer.signature, frame(answer.signature, rows));
  }

  /**
   * An answer in the columns of an Avatica row class (e.g. {@link MetaImpl.MetaImportedKey}): its public fields
   * in order, named in upper snake case as JDBC names them.
   */
  static Meta.MetaResultSet create(Meta.StatementHandle statement, Class<?> rowClass,
      List<Map<String, Object>> rows) {
    final List<ColumnMetaData> columns = new ArrayList<>();
    for (Field f : rowClass.getFields()) {
      if (!Modifier.isStatic(f.getModifiers())) {
        final int nullable = f.isAnnotationPresent(MetaImpl.ColumnNoNulls.class) ? DatabaseMetaData.columnNoNulls
            : DatabaseMetaData.columnNullable;
        columns.add(MetaImpl.columnMetaData(AvaticaUtils.camelToUpper(f.getName()), columns.size(), f.getType(),
            nullable));
      }
    }
    final Meta.Signature signature = Meta.Signature.create(columns, "", List.of(), Meta.CursorFactory.LIST,
        Meta.StatementType.SELECT);
    return Meta.MetaResultSet.create(statement.connectionId, statement.id, true, signature,
        frame(signature, rows));
  }

  private static Meta.Frame frame(Meta.Signature signature, List<Map<String, Object>> rows) {
    final List<Object> out = new ArrayList<>();
    for (Map<String, Object> row : rows) {
      final Object[] values = new Object[signature.columns.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = row.get(signature.columns.get(i).columnName);
      }
      out.add(values);
    }
    return Meta.Frame.create(0, true, out);
  }

  private static Object value(Object row, int i) {
    if (row instanceof Object[] array) {
      return array[i];
    }
    if (row instanceof List<?> list) {
      return list.get(i);
    }
    throw new IllegalStateException("unexpected metadata row " + row.getClass().getName());
  }
}
