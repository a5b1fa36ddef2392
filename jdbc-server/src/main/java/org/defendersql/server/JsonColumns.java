package org.defendersql.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;

/**
 * Array columns served as VARCHAR holding JSON text, for a connection with {@code complexTypes=json}: for
 * clients that cannot read SQL arrays (Spark's JDBC source fails on {@code ARRAY}). The result set's metadata
 * declares such a column VARCHAR ({@code java.lang.String}) and its values read as JSON arrays, e.g.
 * {@code ["T1059","T1105"]}; a NULL array stays NULL. Defender's collections of objects already are JSON text.
 */
final class JsonColumns {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonColumns() {
  }

  /** Answers a {@link ResultSetMetaData} method, with array columns as VARCHAR. */
  static Object metaData(ResultSetMetaData md, Method method, Object[] args) throws Throwable {
    if (args != null && args.length == 1 && args[0] instanceof Integer column && isArray(md, column)) {
      switch (method.getName()) {
      case "getColumnType":
        return Types.VARCHAR;
      case "getColumnTypeName":
        return "VARCHAR";
      case "getColumnClassName":
        return String.class.getName();
      default:
        break;
      }
    }
    return call(md, method, args);
  }

  /** Answers a {@link ResultSet} method, reading array columns as JSON text. */
  static Object resultSet(ResultSet rs, Method method, Object[] args) throws Throwable {
    final String name = method.getName();
    if ((name.equals("getObject") || name.equals("getString")) && args != null && args.length == 1) {
      final int column = args[0] instanceof Integer i ? i
          : args[0] instanceof String label ? rs.findColumn(label) : -1;
      if (column > 0 && isArray(rs.getMetaData(), column)) {
        return json(rs.getArray(column));
      }
    }
    return call(rs, method, args);
  }

  private static boolean isArray(ResultSetMetaData md, int column) throws SQLException {
    return column >= 1 && column <= md.getColumnCount() && md.getColumnType(column) == Types.ARRAY;
  }

  /** An array as JSON text; null for NULL. */
  static String json(Array array) throws SQLException {
    if (array == null) {
      return null;
    }
    final Object elements = array.getArray();
    try {
      return JSON.writeValueAsString(elements instanceof Object[] a ? Arrays.asList(a) : elements);
    } catch (JsonProcessingException e) {
      throw new SQLException("Cannot write an array as JSON: " + e.getOriginalMessage(), SqlStates.INTERNAL, e);
    }
  }

  private static Object call(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
