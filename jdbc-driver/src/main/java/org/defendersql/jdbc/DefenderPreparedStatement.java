package org.defendersql.jdbc;

import java.io.InputStream;
import java.io.Reader;
import java.sql.JDBCType;
import java.sql.NClob;
import java.sql.ResultSet;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalTime;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.remote.Service;

/**
 * Avatica's prepared statement with {@code cancel()} and {@code setQueryTimeout} that reach the server
 * ({@link StatementGuard}), {@code setMaxRows} enforced by {@link DefenderResultSet} (Avatica never sends it for
 * a prepared statement), and java.time values accepted by {@code setObject} ({@link JavaTimeParameters}). The
 * JDBC 4.1 setters below are the ones Avatica's own (package-private) prepared statement adds.
 */
final class DefenderPreparedStatement extends AvaticaPreparedStatement implements Guarded {
  private final StatementGuard guard = new StatementGuard(this);

  DefenderPreparedStatement(AvaticaConnection connection, Meta.StatementHandle h, Meta.Signature signature,
      int resultSetType, int resultSetConcurrency, int resultSetHoldability) throws SQLException {
    super(connection, h, signature, resultSetType, resultSetConcurrency, resultSetHoldability);
  }

  @Override public StatementGuard guard() {
    return guard;
  }

  private void begin() throws SQLException {
    checkOpen();
    if (guard.beginExecute(getQueryTimeout())) {
      prepareAgain();
    }
  }

  /** A cancel closed the server statement; the same SQL is prepared again under a new id. */
  private void prepareAgain() throws SQLException {
    final Service.PrepareResponse response;
    try {
      response = connection.getService().apply(
          new Service.PrepareRequest(connection.id, getSignature().sql, -1));
    } catch (RuntimeException e) {
      throw new SQLException("The canceled statement could not be prepared again: " + e.getMessage(), "08006", e);
    }
    connection.statementMap.remove(handle.id);
    handle = response.statement;
    connection.statementMap.put(handle.id, this);
  }

  @Override public ResultSet executeQuery() throws SQLException {
    begin();
    return guard.call(super::executeQuery);
  }

  @Override public boolean execute() throws SQLException {
    begin();
    return guard.call(super::execute);
  }

  @Override public long executeLargeUpdate() throws SQLException {
    begin();
    return guard.call(super::executeLargeUpdate);
  }

  /**
   * Avatica's fetch that finds its server statement missing makes a new one and runs the query again from the
   * row it had reached; after a cancel (which closed that statement) it must not.
   */
  @Override protected void resetStatement() {
    if (guard.isStopped()) {
      throw new IllegalStateException("the statement was canceled");
    }
    super.resetStatement();
  }

  /** Not synchronized: Avatica holds the statement's lock while the query runs. */
  @Override public void cancel() throws SQLException {
    checkOpen();
    guard.stop(StatementGuard.Stop.CANCEL);
  }

  @Override public synchronized void close() throws SQLException {
    guard.closed();
    super.close();
  }

  // java.time parameters

  @Override public void setObject(int parameterIndex, Object x) throws SQLException {
    if (JavaTimeParameters.isJavaTime(x)) {
      setJavaTime(parameterIndex, x, x instanceof LocalDate ? Types.DATE
          : x instanceof LocalTime ? Types.TIME : Types.TIMESTAMP);
    } else {
      super.setObject(parameterIndex, x);
    }
  }

  @Override public void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException {
    if (JavaTimeParameters.isJavaTime(x)) {
      setJavaTime(parameterIndex, x, targetSqlType);
    } else {
      super.setObject(parameterIndex, x, targetSqlType);
    }
  }

  @Override public void setObject(int parameterIndex, Object x, int targetSqlType, int scaleOrLength)
      throws SQLException {
    if (JavaTimeParameters.isJavaTime(x)) {
      setJavaTime(parameterIndex, x, targetSqlType);
    } else {
      super.setObject(parameterIndex, x, targetSqlType, scaleOrLength);
    }
  }

  /** JDBC 4.2's form, which Avatica does not implement: the {@link JDBCType}'s number. */
  @Override public void setObject(int parameterIndex, Object x, SQLType targetSqlType) throws SQLException {
    setObject(parameterIndex, x, typeNumber(targetSqlType));
  }

  @Override public void setObject(int parameterIndex, Object x, SQLType targetSqlType, int scaleOrLength)
      throws SQLException {
    setObject(parameterIndex, x, typeNumber(targetSqlType), scaleOrLength);
  }

  private static int typeNumber(SQLType type) throws SQLException {
    if (type instanceof JDBCType || (type != null && type.getVendorTypeNumber() != null)) {
      return type.getVendorTypeNumber();
    }
    throw new SQLException("Unknown SQL type " + type + "; use a java.sql.JDBCType.", "HY004");
  }

  private void setJavaTime(int index, Object x, int sqlType) throws SQLException {
    final boolean time = x instanceof LocalTime;
    switch (sqlType) {
    case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE, Types.OTHER, Types.JAVA_OBJECT:
      if (time) {
        throw JavaTimeParameters.unsupported(index, x, sqlType);
      }
      setTimestamp(index, JavaTimeParameters.timestamp(JavaTimeParameters.instant(x)),
          JavaTimeParameters.utcCalendar());
      return;
    case Types.DATE:
      if (time) {
        throw JavaTimeParameters.unsupported(index, x, sqlType);
      }
      setDate(index, JavaTimeParameters.date(JavaTimeParameters.utcDay(x)), JavaTimeParameters.utcCalendar());
      return;
    case Types.TIME, Types.TIME_WITH_TIMEZONE:
      if (!time) {
        throw JavaTimeParameters.unsupported(index, x, sqlType);
      }
      setTime(index, JavaTimeParameters.time((LocalTime) x), JavaTimeParameters.utcCalendar());
      return;
    default:
      if (JavaTimeParameters.isText(sqlType)) {
        setString(index, JavaTimeParameters.isoText(x));
        return;
      }
      throw JavaTimeParameters.unsupported(index, x, sqlType);
    }
  }

  // The JDBC 4.1 setters of Avatica's own prepared statement.

  @Override public void setRowId(int parameterIndex, RowId x) throws SQLException {
    getSite(parameterIndex).setRowId(x);
  }

  @Override public void setNString(int parameterIndex, String value) throws SQLException {
    getSite(parameterIndex).setNString(value);
  }

  @Override public void setNCharacterStream(int parameterIndex, Reader value, long length) throws SQLException {
    getSite(parameterIndex).setNCharacterStream(value, length);
  }

  @Override public void setNClob(int parameterIndex, NClob value) throws SQLException {
    getSite(parameterIndex).setNClob(value);
  }

  @Override public void setClob(int parameterIndex, Reader reader, long length) throws SQLException {
    getSite(parameterIndex).setClob(reader, length);
  }

  @Override public void setBlob(int parameterIndex, InputStream inputStream, long length) throws SQLException {
    getSite(parameterIndex).setBlob(inputStream, length);
  }

  @Override public void setNClob(int parameterIndex, Reader reader, long length) throws SQLException {
    getSite(parameterIndex).setNClob(reader, length);
  }

  @Override public void setSQLXML(int parameterIndex, SQLXML xmlObject) throws SQLException {
    getSite(parameterIndex).setSQLXML(xmlObject);
  }

  @Override public void setAsciiStream(int parameterIndex, InputStream x, long length) throws SQLException {
    getSite(parameterIndex).setAsciiStream(x, length);
  }

  @Override public void setBinaryStream(int parameterIndex, InputStream x, long length) throws SQLException {
    getSite(parameterIndex).setBinaryStream(x, length);
  }

  @Override public void setCharacterStream(int parameterIndex, Reader reader, long length) throws SQLException {
    getSite(parameterIndex).setCharacterStream(reader, length);
  }

  @Override public void setAsciiStream(int parameterIndex, InputStream x) throws SQLException {
    getSite(parameterIndex).setAsciiStream(x);
  }

  @Override public void setBinaryStream(int parameterIndex, InputStream x) throws SQLException {
    getSite(parameterIndex).setBinaryStream(x);
  }

  @Override public void setCharacterStream(int parameterIndex, Reader reader) throws SQLException {
    getSite(parameterIndex).setCharacterStream(reader);
  }

  @Override public void setNCharacterStream(int parameterIndex, Reader value) throws SQLException {
    getSite(parameterIndex).setNCharacterStream(value);
  }

  @Override public void setClob(int parameterIndex, Reader reader) throws SQLException {
    getSite(parameterIndex).setClob(reader);
  }

  @Override public void setBlob(int parameterIndex, InputStream inputStream) throws SQLException {
    getSite(parameterIndex).setBlob(inputStream);
  }

  @Override public void setNClob(int parameterIndex, Reader reader) throws SQLException {
    getSite(parameterIndex).setNClob(reader);
  }
}
