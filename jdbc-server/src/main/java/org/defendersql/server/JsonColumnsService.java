package org.defendersql.server;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.remote.Service;

/**
 * The Avatica {@link Service} of the server, answering {@code DatabaseMetaData.getColumns} of a connection with
 * {@code complexTypes=json} with its array columns as VARCHAR, as its queries serve them ({@link JsonColumns}):
 * Spark and other tools that infer a schema from either see the same strings. Done on the answer, after the
 * server's catalogue has described the columns from the model.
 */
final class JsonColumnsService {
  private JsonColumnsService() {
  }

  /**
   * @param service        the service answering requests
   * @param jsonConnection whether a connection (by id) has {@code complexTypes=json}
   */
  static Service of(Service service, Predicate<String> jsonConnection) {
    return (Service) Proxy.newProxyInstance(Service.class.getClassLoader(), new Class<?>[] {Service.class},
        (proxy, method, args) -> {
          final Object result;
          try {
            result = method.invoke(service, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          if (args != null && args.length == 1 && args[0] instanceof Service.ColumnsRequest request
              && result instanceof Service.ResultSetResponse response && jsonConnection.test(request.connectionId)) {
            return arraysAsVarchar(response);
          }
          return result;
        });
  }

  private static Service.ResultSetResponse arraysAsVarchar(Service.ResultSetResponse r) {
    if (r.signature == null || r.firstFrame == null) {
      return r;
    }
    final int dataType = index(r.signature, "DATA_TYPE");
    final int typeName = index(r.signature, "TYPE_NAME");
    final int size = index(r.signature, "COLUMN_SIZE");
    final int octets = index(r.signature, "CHAR_OCTET_LENGTH");
    if (dataType < 0 || typeName < 0) {
      return r;
    }
    final List<Object> rows = new ArrayList<>();
    for (Object row : r.firstFrame.rows) {
      final List<Object> values = row instanceof Object[] a ? new ArrayList<>(Arrays.asList(a))
          : new ArrayList<>((List<?>) row);
      if (values.get(dataType) instanceof Number n && n.intValue() == Types.ARRAY) {
        values.set(dataType, Types.VARCHAR);
        values.set(typeName, "VARCHAR");
        if (size >= 0) {
          values.set(size, Integer.MAX_VALUE);
        }
        if (octets >= 0) {
          values.set(octets, Integer.MAX_VALUE);
        }
      }
      rows.add(row instanceof Object[] ? values.toArray() : values);
    }
    return new Service.ResultSetResponse(r.connectionId, r.statementId, r.ownStatement, r.signature,
        new Meta.Frame(r.firstFrame.offset, r.firstFrame.done, rows), r.updateCount, r.rpcMetadata);
  }

  private static int index(Meta.Signature signature, String column) {
    final List<ColumnMetaData> columns = signature.columns;
    for (int i = 0; i < columns.size(); i++) {
      if (column.equalsIgnoreCase(columns.get(i).columnName) || column.equalsIgnoreCase(columns.get(i).label)) {
        return i;
      }
    }
    return -1;
  }
}
