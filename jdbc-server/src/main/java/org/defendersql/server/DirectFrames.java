package org.defendersql.server;

import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Struct;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import org.apache.calcite.avatica.AvaticaUtils;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.jdbc.StatementInfo;
import org.apache.calcite.avatica.util.DateTimeUtils;

/**
 * Reads a statement's later frames straight from Calcite's result set, with the values Avatica's {@code JdbcMeta}
 * would send, but without going through the connection's JDBC wrapper ({@link ArraySafeJdbc}) for every value: a
 * reflective call per value, and a new proxy per array, was a tenth of the server's work in a wide scan. The
 * wrapper stays for everything else, and for connections that serve arrays as JSON text.
 */
final class DirectFrames {
  private DirectFrames() {
  }

  /**
   * The next frame of the statement from {@code offset}, of at most {@code maxRows} rows; null when its result is
   * not Calcite's (the caller reads it as Avatica does).
   */
  static Meta.Frame read(StatementInfo info, long offset, int maxRows) throws SQLException {
    final ResultSet results = info.getResultSet();
    if (results == null || !results.isWrapperFor(org.apache.calcite.avatica.AvaticaResultSet.class)) {
      return null;
    }
    final ResultSet calcite = results.unwrap(org.apache.calcite.avatica.AvaticaResultSet.class);
    final ResultSetMetaData md = calcite.getMetaData();
    final int[] types = new int[md.getColumnCount()];
    for (int i = 0; i < types.length; i++) {
      types[i] = md.getColumnType(i + 1);
    }
    // Timestamps are UTC here, in every frame (see DefenderJdbcMeta.readEveryFrameInUtc).
    final Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"), Locale.ROOT);
    final List<Object> rows = new ArrayList<>();
    boolean done = maxRows == 0;
    for (int r = 0; maxRows < 0 || r < maxRows; r++) {
      if (!info.next()) {
        done = true;
        results.close();
        break;
      }
      final Object[] row = new Object[types.length];
      for (int j = 0; j < types.length; j++) {
        row[j] = value(calcite, types[j], j + 1, utc);
      }
      rows.add(row);
    }
    return new Meta.Frame(offset, done, rows);
  }

  /** The value of column {@code i} as Avatica 1.28's {@code JdbcResultSet} sends it for the column's type. */
  private static Object value(ResultSet rs, int type, int i, Calendar utc) throws SQLException {
    switch (type) {
    case Types.BIGINT:
      final long aLong = rs.getLong(i);
      return aLong == 0 && rs.wasNull() ? null : aLong;
    case Types.INTEGER:
      final int anInt = rs.getInt(i);
      return anInt == 0 && rs.wasNull() ? null : anInt;
    case Types.SMALLINT:
      final short aShort = rs.getShort(i);
      return aShort == 0 && rs.wasNull() ? null : aShort;
    case Types.TINYINT:
      final byte aByte = rs.getByte(i);
      return aByte == 0 && rs.wasNull() ? null : aByte;
    case Types.DOUBLE:
    case Types.FLOAT:
      final double aDouble = rs.getDouble(i);
      return aDouble == 0D && rs.wasNull() ? null : aDouble;
    case Types.REAL:
      final float aFloat = rs.getFloat(i);
      return aFloat == 0F && rs.wasNull() ? null : aFloat;
    case Types.DATE:
      final Date aDate = rs.getDate(i, utc);
      return aDate == null ? null : (int) (aDate.getTime() / DateTimeUtils.MILLIS_PER_DAY);
    case Types.TIME:
      final Time aTime = rs.getTime(i, utc);
      return aTime == null ? null : (int) (aTime.getTime() % DateTimeUtils.MILLIS_PER_DAY);
    case Types.TIMESTAMP:
      final Timestamp aTimestamp = rs.getTimestamp(i, utc);
      return aTimestamp == null ? null : aTimestamp.getTime();
    case Types.ARRAY:
      // As Avatica reads an array whose getResultSet() is unsupported (ArraySafeJdbc): its items as a list.
      final Array array = rs.getArray(i);
      if (array == null) {
        return null;
      }
      final Object items = array.getArray();
      return items instanceof List<?> list ? list : AvaticaUtils.primitiveList(items);
    case Types.STRUCT:
      final Struct struct = rs.getObject(i, Struct.class);
      return struct == null ? null : new ArrayList<>(Arrays.asList(struct.getAttributes()));
    default:
      return rs.getObject(i);
    }
  }
}
