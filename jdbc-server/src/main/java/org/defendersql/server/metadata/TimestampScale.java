package org.defendersql.server.metadata;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;

/**
 * A query's {@link ResultSetMetaData} whose TIMESTAMP and TIME columns state their fractional digits as the scale,
 * where JDBC tools read them: Calcite reports a {@code TIMESTAMP(3)} as precision 3, scale 0, so jOOQ and others
 * took it for {@code timestamp(0)}. The precision stays 3 because Avatica's client formats {@code getString} of
 * a timestamp with that many fractional digits. Avatica's server builds the columns it sends from this.
 */
public final class TimestampScale implements ResultSetMetaData {
  private final ResultSetMetaData delegate;

  private TimestampScale(ResultSetMetaData delegate) {
    this.delegate = delegate;
  }

  /** The metadata with datetime scales as JDBC places them. */
  public static ResultSetMetaData of(ResultSetMetaData metaData) {
    return metaData instanceof TimestampScale ? metaData : new TimestampScale(metaData);
  }

  @Override public int getScale(int column) throws SQLException {
    final int type = delegate.getColumnType(column);
    if (type == Types.TIMESTAMP || type == Types.TIME || type == Types.TIMESTAMP_WITH_TIMEZONE
        || type == Types.TIME_WITH_TIMEZONE) {
      return Math.max(delegate.getScale(column), delegate.getPrecision(column));
    }
    return delegate.getScale(column);
  }

  @Override public int getColumnCount() throws SQLException {
    return delegate.getColumnCount();
  }

  @Override public boolean isAutoIncrement(int column) throws SQLException {
    return delegate.isAutoIncrement(column);
  }

  @Override public boolean isCaseSensitive(int column) throws SQLException {
    return delegate.isCaseSensitive(column);
  }

  @Override public boolean isSearchable(int column) throws SQLException {
    return delegate.isSearchable(column);
  }

  @Override public boolean isCurrency(int column) throws SQLException {
    return delegate.isCurrency(column);
  }

  @Override public int isNullable(int column) throws SQLException {
    return delegate.isNullable(column);
  }

  @Override public boolean isSigned(int column) throws SQLException {
    return delegate.isSigned(column);
  }

  @Override public int getColumnDisplaySize(int column) throws SQLException {
    return delegate.getColumnDisplaySize(column);
  }

  @Override public String getColumnLabel(int column) throws SQLException {
    return delegate.getColumnLabel(column);
  }

  @Override public String getColumnName(int column) throws SQLException {
    return delegate.getColumnName(column);
  }

  @Override public String getSchemaName(int column) throws SQLException {
    return delegate.getSchemaName(column);
  }

  @Override public int getPrecision(int column) throws SQLException {
    return delegate.getPrecision(column);
  }

  @Override public String getTableName(int column) throws SQLException {
    return delegate.getTableName(column);
  }

  @Override public String getCatalogName(int column) throws SQLException {
    return delegate.getCatalogName(column);
  }

  @Override public int getColumnType(int column) throws SQLException {
    return delegate.getColumnType(column);
  }

  @Override public String getColumnTypeName(int column) throws SQLException {
    return delegate.getColumnTypeName(column);
  }

  @Override public boolean isReadOnly(int column) throws SQLException {
    return delegate.isReadOnly(column);
  }

  @Override public boolean isWritable(int column) throws SQLException {
    return delegate.isWritable(column);
  }

  @Override public boolean isDefinitelyWritable(int column) throws SQLException {
    return delegate.isDefinitelyWritable(column);
  }

  @Override public String getColumnClassName(int column) throws SQLException {
    return delegate.getColumnClassName(column);
  }

  @Override public <T> T unwrap(Class<T> iface) throws SQLException {
    return iface.isInstance(this) ? iface.cast(this) : delegate.unwrap(iface);
  }

  @Override public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || delegate.isWrapperFor(iface);
  }
}
