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
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Wraps a Calcite JDBC connection so that Avatica's server can send SQL arrays ({@code machine_tags},
 * {@code mitre_techniques}). Avatica first reads an array through {@link Array#getResultSet()}, whose columns it
 * expects as (index, value) while Calcite's array result set has the value first; it falls back to
 * {@link Array#getArray()}, which works, only when {@code getResultSet} is unsupported. So here it is.
 */
final class ArraySafeJdbc implements InvocationHandler {
  private final Object target;

  private ArraySafeJdbc(Object target) {
    this.target = target;
  }

  /** The connection, with every statement, result set and array it hands out wrapped likewise. */
  static Connection wrap(Connection connection) {
    return (Connection) wrap(connection, Connection.class);
  }

  /**
   * A proxy with every JDBC interface the object implements: Calcite's prepared statement is also its own
   * {@code ParameterMetaData} and {@code ResultSetMetaData}, and hands itself out as those.
   */
  private static Object wrap(Object target, Class<?> type) {
    final Set<Class<?>> interfaces = new LinkedHashSet<>();
    interfaces.add(type);
    for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
      for (Class<?> i : c.getInterfaces()) {
        if (i.getName().startsWith("java.sql.")) {
          interfaces.add(i);
        }
      }
    }
    return Proxy.newProxyInstance(ArraySafeJdbc.class.getClassLoader(), interfaces.toArray(new Class<?>[0]),
        new ArraySafeJdbc(target));
  }

  @Override public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (target instanceof Array && method.getName().equals("getResultSet")) {
      throw new SQLFeatureNotSupportedException("read arrays with getArray()");
    }
    if (method.getName().equals("unwrap") && args != null && args[0] instanceof Class<?> c && c.isInstance(target)) {
      return target;
    }
    final Object result;
    try {
      result = method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
    if (result == null || result == target) {
      return result == target ? proxy : null;
    }
    if (result instanceof CallableStatement) {
      return wrap(result, CallableStatement.class);
    }
    if (result instanceof PreparedStatement) {
      return wrap(result, PreparedStatement.class);
    }
    if (result instanceof Statement) {
      return wrap(result, Statement.class);
    }
    if (result instanceof ResultSet) {
      return wrap(result, ResultSet.class);
    }
    if (result instanceof Array) {
      return wrap(result, Array.class);
    }
    return result;
  }
}
