package org.defendersql.server;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Array;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wraps a Calcite JDBC connection so that Avatica's server can send SQL arrays ({@code machine_tags},
 * {@code mitre_techniques}). Avatica first reads an array through {@link Array#getResultSet()}, whose columns it
 * expects as (index, value) while Calcite's array result set has the value first; it falls back to
 * {@link Array#getArray()}, which works, only when {@code getResultSet} is unsupported. So here it is.
 *
 * <p>The same wrapping answers the connection's transaction methods ({@link Transactionless}) and, for a
 * connection with {@code complexTypes=json}, serves array columns as JSON text ({@link JsonColumns}).
 */
final class ArraySafeJdbc implements InvocationHandler {
  /** The interfaces of a proxy, by the class it wraps and the type asked for: found once, as a proxy per row set. */
  private static final ClassValue<Map<Class<?>, Class<?>[]>> INTERFACES = new ClassValue<>() {
    @Override protected Map<Class<?>, Class<?>[]> computeValue(Class<?> type) {
      return new ConcurrentHashMap<>();
    }
  };
  private final Object target;
  private final Transactionless transactions;
  private final boolean jsonColumns;

  private ArraySafeJdbc(Object target, Transactionless transactions, boolean jsonColumns) {
    this.target = target;
    this.transactions = transactions;
    this.jsonColumns = jsonColumns;
  }

  /**
   * The connection, with every statement, result set and array it hands out wrapped likewise, and its
   * transaction methods answered by a {@link Transactionless}.
   *
   * @param jsonColumns whether array columns are served as JSON text ({@link JsonColumns})
   */
  static Connection wrap(Connection connection, boolean jsonColumns) {
    return (Connection) new ArraySafeJdbc(null, null, jsonColumns).wrap(connection, Connection.class,
        new Transactionless());
  }

  /**
   * A proxy with every JDBC interface the object implements: Calcite's prepared statement is also its own
   * {@code ParameterMetaData} and {@code ResultSetMetaData}, and hands itself out as those.
   */
  private Object wrap(Object target, Class<?> type, Transactionless transactions) {
    return Proxy.newProxyInstance(ArraySafeJdbc.class.getClassLoader(),
        INTERFACES.get(target.getClass()).computeIfAbsent(type, t -> interfaces(target.getClass(), t)),
        new ArraySafeJdbc(target, transactions, jsonColumns));
  }

  private static Class<?>[] interfaces(Class<?> targetClass, Class<?> type) {
    final Set<Class<?>> interfaces = new LinkedHashSet<>();
    interfaces.add(type);
    for (Class<?> c = targetClass; c != null; c = c.getSuperclass()) {
      for (Class<?> i : c.getInterfaces()) {
        if (i.getName().startsWith("java.sql.")) {
          interfaces.add(i);
        }
      }
    }
    return interfaces.toArray(new Class<?>[0]);
  }

  @Override public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (target instanceof Connection && Transactionless.answers(method)) {
      return transactions.invoke(method, args);
    }
    if (target instanceof Array && method.getName().equals("getResultSet")) {
      throw new SQLFeatureNotSupportedException("read arrays with getArray()");
    }
    if (method.getName().equals("unwrap") && args != null && args[0] instanceof Class<?> c && c.isInstance(target)) {
      return target;
    }
    final Object result;
    if (jsonColumns && target instanceof ResultSetMetaData md
        && method.getDeclaringClass() == ResultSetMetaData.class) {
      // Calcite's prepared statement is its own metadata: its columns are answered here too.
      return JsonColumns.metaData(md, method, args);
    } else if (jsonColumns && target instanceof ResultSet rs && method.getDeclaringClass() == ResultSet.class) {
      result = JsonColumns.resultSet(rs, method, args);
    } else {
      try {
        result = method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
    if (result == null || result == target) {
      return result == target ? proxy : null;
    }
    if (result instanceof CallableStatement) {
      return wrap(result, CallableStatement.class, null);
    }
    if (result instanceof PreparedStatement) {
      return wrap(result, PreparedStatement.class, null);
    }
    if (result instanceof Statement) {
      return wrap(result, Statement.class, null);
    }
    if (result instanceof ResultSet) {
      return wrap(result, ResultSet.class, null);
    }
    if (result instanceof Array) {
      return wrap(result, Array.class, null);
    }
    if (result instanceof java.sql.ResultSetMetaData md) {
      // What Avatica's server sends as the query's columns: TIMESTAMP(3) with scale 3 (metadata.TimestampScale).
      final ResultSetMetaData scaled = org.defendersql.server.metadata.TimestampScale.of(md);
      return jsonColumns ? wrap(scaled, ResultSetMetaData.class, null) : scaled;
    }
    return result;
  }
}
