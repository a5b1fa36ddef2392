package org.defendersql.jdbc;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Properties;
import java.util.TimeZone;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaSpecificDatabaseMetaData;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.UnregisteredDriver;

/**
 * Avatica's JDBC 4.1 factory with defender-sql's {@link DefenderDatabaseMetaData}, and statements and result sets
 * that keep JDBC's promises Avatica's client does not: {@code cancel()}, {@code setQueryTimeout},
 * {@code setMaxRows} and java.time parameters ({@link DefenderStatement}, {@link DefenderPreparedStatement},
 * {@link DefenderResultSet}). Avatica's factory class is package-private, so this one wraps the instance
 * Avatica's driver makes rather than extending it; connections and result set metadata are Avatica's.
 */
final class DefenderFactory implements AvaticaFactory {
  private final AvaticaFactory avatica;

  DefenderFactory(AvaticaFactory avatica) {
    this.avatica = avatica;
  }

  @Override public int getJdbcMajorVersion() {
    return avatica.getJdbcMajorVersion();
  }

  @Override public int getJdbcMinorVersion() {
    return avatica.getJdbcMinorVersion();
  }

  @Override public AvaticaConnection newConnection(UnregisteredDriver driver, AvaticaFactory factory, String url,
      Properties info) throws SQLException {
    // The connection keeps the factory it is given (this one) for its metadata, statements and result sets.
    return avatica.newConnection(driver, factory, url, info);
  }

  @Override public AvaticaSpecificDatabaseMetaData newDatabaseMetaData(AvaticaConnection connection) {
    return new DefenderDatabaseMetaData(connection);
  }

  @Override public AvaticaStatement newStatement(AvaticaConnection connection, Meta.StatementHandle h,
      int resultSetType, int resultSetConcurrency, int resultSetHoldability) throws SQLException {
    return new DefenderStatement(connection, h, resultSetType, resultSetConcurrency, resultSetHoldability);
  }

  @Override public AvaticaPreparedStatement newPreparedStatement(AvaticaConnection connection,
      Meta.StatementHandle h, Meta.Signature signature, int resultSetType, int resultSetConcurrency,
      int resultSetHoldability) throws SQLException {
    return new DefenderPreparedStatement(connection, h, signature, resultSetType, resultSetConcurrency,
        resultSetHoldability);
  }

  @Override public AvaticaResultSet newResultSet(AvaticaStatement statement, QueryState state,
      Meta.Signature signature, TimeZone timeZone, Meta.Frame firstFrame) throws SQLException {
    if (!(statement instanceof Guarded g)) {
      return avatica.newResultSet(statement, state, signature, timeZone, firstFrame);
    }
    // The statement's maxRows when it executes is the limit of this result set, as JDBC says.
    return new DefenderResultSet(statement, state, signature, newResultSetMetaData(statement, signature), timeZone,
        firstFrame, g.guard(), statement.getLargeMaxRows());
  }

  @Override public ResultSetMetaData newResultSetMetaData(AvaticaStatement statement, Meta.Signature signature)
      throws SQLException {
    return avatica.newResultSetMetaData(statement, signature);
  }
}
